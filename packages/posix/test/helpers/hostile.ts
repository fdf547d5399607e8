import { readFileSync } from 'node:fs';
import { Kernel, VirtualPlatform } from '@codezero-ts/kernel';
import { PosixSystem } from '../../src/index.js';

const hostile = new Uint8Array(readFileSync(new URL('../../../userland/linux/bin/hostile', import.meta.url)));

/** Outcome of one hostile run. */
export interface HostileRun {
  readonly output: string;
  readonly kernelLog: readonly string[];
  readonly reason: string;
  readonly status: number;
  readonly system: PosixSystem;
  /** Kernel timers still pending (sleeps, poll/select timeouts, interval timers of live processes). */
  readonly pendingTimers: number;
}

/** Boots the hostile guest: `children` children making `calls` random system calls each. */
export function runHostile(seed: number, children: number, calls: number): HostileRun {
  const platform = new VirtualPlatform({ ramSize: 32 << 20 });
  const kernelLog: string[] = [];
  const kernel = new Kernel(platform, { log: (l) => kernelLog.push(l) });
  let output = '';
  const dec = new TextDecoder();
  const system = new PosixSystem(kernel, platform, {
    files: { '/bin/hostile': hostile },
    init: '/bin/hostile',
    argv: ['/bin/hostile', String(seed), String(children), String(calls)],
    bootLines: false,
    maxProcesses: 16,
    console: (b) => {
      output += dec.decode(b);
    },
  });
  const exit = system.run(400_000_000);
  return { output, kernelLog, reason: exit.reason, status: exit.status, system, pendingTimers: kernel.pendingTimers };
}
