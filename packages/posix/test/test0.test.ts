import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
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
    expect(system.checkIntegrity()).toEqual([]);
  });
});
