import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Kernel, VirtualPlatform } from '@codezero-ts/kernel';
import { ConsoleDevice } from '@codezero-ts/vfs';
import { PosixSystem } from '../src/index.js';
import { boot } from './helpers/boot.js';
import { runProtocolFuzz } from './helpers/protocol-fuzz.js';

const program = new Uint8Array(readFileSync(new URL('../../userland/linux/bin/posix-ipc', import.meta.url)));
const expected = readFileSync(new URL('../../userland/linux/expected/posix-ipc.txt', import.meta.url), 'utf8');

describe('the original POSIX IPC protocol (tags 3, 6..28) for L4-native clients', () => {
  it('serves files, directories, brk, mmap, shm, fork/exit/wait, clone and execve as the expected file says', () => {
    const trace: string[] = [];
    const { output, exit, system, kernel } = boot({ files: { '/bin/posix-ipc': program }, init: '/bin/posix-ipc', argv: ['/bin/posix-ipc'], bootLines: false, trace: (l) => trace.push(l) });
    expect(output).toBe(expected);
    expect(exit).toMatchObject({ reason: 'exited', status: 0 });
    expect(trace.some((l) => / ipc OPEN to mm0$/.test(l))).toBe(true);
    expect(trace.some((l) => / ipc MMAP to mm0$/.test(l))).toBe(true);
    // The kernel's IPC observer: the child's message to its parent (USER IPC), not mm0's traffic.
    expect(trace.filter((l) => /^\[\d+\] ipc \d+ -> \d+ tag 0x99 short = 0$/.test(l))).toHaveLength(1);
    expect(trace.some((l) => /ipc \d+ -> 1 /.test(l))).toBe(false);
    expect(system.checkIntegrity()).toEqual([]);
    expect(kernel.checkIntegrity()).toEqual([]);
  });
});

describe('a protocol request that blocks', () => {
  it('READ of the console parks in mm0 and is answered over IPC when the host types', () => {
    const platform = new VirtualPlatform({ ramSize: 32 << 20 });
    const kernel = new Kernel(platform, { log: () => undefined });
    let out = '';
    const tty = new ConsoleDevice((b) => (out += new TextDecoder().decode(b)));
    const trace: string[] = [];
    const system = new PosixSystem(kernel, platform, {
      consoleDevice: tty,
      files: { '/bin/posix-ipc': program },
      init: '/bin/posix-ipc',
      argv: ['/bin/posix-ipc', 'cat'],
      bootLines: false,
      trace: (l) => trace.push(l),
    });
    expect(system.run().reason).toBe('idle');
    expect(trace.filter((l) => l.includes('ipc READ to mm0'))).toHaveLength(1);
    expect(trace.at(-1)).toMatch(/\] read\(0x0, .*\) = \?$/);
    tty.push('over ipc\n');
    expect(system.run().reason).toBe('idle');
    expect(out).toBe('over ipc\n');
    tty.endOfInput();
    expect(system.run()).toMatchObject({ reason: 'exited', status: 0 });
    expect(trace.filter((l) => l.includes('ipc WRITE to mm0'))).toHaveLength(1);
  });
});

describe('random protocol requests from an ARM guest', () => {
  for (const seed of [1]) {
    it(`seed ${seed}: no host exception, mm0 never blocks, the parent survives, nothing leaks`, () => {
      const r = runProtocolFuzz(seed, 300);
      expect(r.kernelLog.filter((l) => /panic/i.test(l))).toEqual([]);
      expect(r.output).toMatch(/fuzz done\n$/);
      expect(r.reason).toBe('exited');
      expect(r.status).toBe(0);
      const st = r.system.stats();
      expect(st.processes).toBe(0);
      expect(st.freeFrames).toBe(st.totalFrames - 1);
      expect(r.system.checkIntegrity()).toEqual([]);
      expect(r.kernel.checkIntegrity()).toEqual([]);
    });
  }
});
