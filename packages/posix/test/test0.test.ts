import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Kernel, VirtualPlatform } from '@codezero-ts/kernel';
import { PosixSystem } from '../src/index.js';
import { boot } from './helpers/boot.js';

const test0 = new Uint8Array(readFileSync(new URL('../../userland/linux/bin/test0', import.meta.url)));

/** spec/codezero.md §4.1, after the boot lines. */
const EXPECTED = [
  'test0: Started with thread id 2',
  'test0: Running POSIX API tests.',
  'MINI IO TEST        -- PASSED --',
  'DIR TEST            -- PASSED --',
  'MMAP TEST           -- PASSED --',
  'SHM TEST            -- PASSED --',
  'FILE IO TEST        -- PASSED --',
  'FORK TEST           -- PASSED --',
  'CLONE TEST          -- PASSED --',
  'UNDEF TEST          -- PASSED --',
  'FULL IPC TEST:      -- PASSED --',
  'EXTENDED IPC TEST:  -- PASSED --',
  'USER MUTEX TEST:    -- PASSED --',
  'EXECVE TEST         -- PASSED --',
];

describe('test0', () => {
  it('prints the boot lines and the 12 test lines of the original, then exits 0', () => {
    const { output, exit, system } = boot({ files: { '/bin/test0': test0 }, init: '/bin/test0', argv: ['/bin/test0'] });
    expect(output.split('\n')).toEqual([
      'mm0: Started with thread id 1',
      'mm0: Mounted memfs root filesystem.',
      'mm0: Memory/Process manager initialized. Listening requests.',
      ...EXPECTED,
      '',
    ]);
    expect(exit).toMatchObject({ reason: 'exited', status: 0 });
    const st = system.stats();
    expect(st.processes).toBe(0);
    expect(st.freeFrames).toBe(st.totalFrames - 1);
    expect(st.vmObjects).toBe(1); // /dev/zero
    // ... which are the counts the pager had at boot, before init
    expect(st.freeFrames).toBe(st.bootFreeFrames);
    expect(st.vmObjects).toBe(st.bootVmObjects);
    expect(system.checkIntegrity()).toEqual([]);
  });

  it('takes the boot-time counts before init exists: none before the start, init holds frames and objects after it', () => {
    const platform = new VirtualPlatform({ ramSize: 32 << 20 });
    const system = new PosixSystem(new Kernel(platform, { log: () => undefined }), platform, { files: { '/bin/test0': test0 }, init: '/bin/test0', console: () => undefined });
    expect(system.stats()).toMatchObject({ bootFreeFrames: 0, bootVmObjects: 0 });
    system.start();
    const st = system.stats();
    expect(st.processes).toBe(1);
    expect(st.bootFreeFrames).toBeGreaterThan(st.freeFrames);
    expect(st.bootFreeFrames).toBe(st.totalFrames - 1);
    expect(st.bootVmObjects).toBe(1);
    expect(st.vmObjects).toBeGreaterThan(st.bootVmObjects);
  });
});
