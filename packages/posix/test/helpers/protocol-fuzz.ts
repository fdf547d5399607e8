import { readFileSync } from 'node:fs';
import { Kernel, VirtualPlatform } from '@codezero-ts/kernel';
import { PosixSystem } from '../../src/index.js';

const program = new Uint8Array(readFileSync(new URL('../../../userland/linux/bin/posix-ipc', import.meta.url)));

/** Outcome of one protocol fuzz run. */
export interface ProtocolFuzzRun {
  readonly output: string;
  readonly kernelLog: readonly string[];
  readonly reason: string;
  readonly status: number;
  readonly system: PosixSystem;
  readonly kernel: Kernel;
}

/** Boots posix-ipc in fuzz mode: three children sending `calls` random requests each to mm0. */
export function runProtocolFuzz(seed: number, calls: number): ProtocolFuzzRun {
  const platform = new VirtualPlatform({ ramSize: 32 << 20 });
  const kernelLog: string[] = [];
  const kernel = new Kernel(platform, { log: (l) => kernelLog.push(l) });
  let output = '';
  const dec = new TextDecoder();
  const system = new PosixSystem(kernel, platform, {
    files: { '/bin/posix-ipc': program },
    init: '/bin/posix-ipc',
    argv: ['/bin/posix-ipc', 'fuzz', String(seed), String(calls)],
    bootLines: false,
    maxProcesses: 16,
    console: (b) => {
      output += dec.decode(b);
    },
  });
  const exit = system.run(400_000_000);
  return { output, kernelLog, reason: exit.reason, status: exit.status, system, kernel };
}
