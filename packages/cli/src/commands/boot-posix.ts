import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { linuxPrograms, readLinuxInitramfs } from '@codezero-ts/userland';
import type { CliIo } from '../api.js';
import { BootCommandError } from './boot-error.js';

/** Parsed options of `codezero boot` without `--l4`: the POSIX system. */
export interface PosixBootCommandOptions {
  /** The first program: a Linux program of the userland package (default `test0`) or an ELF path. */
  readonly init: string;
  /** RAM size in bytes. */
  readonly ramSize: number;
  /** Stop after this many instructions (Infinity for none). */
  readonly maxInstructions: number;
  /** One line per Linux system call on the console. */
  readonly trace: boolean;
  /** Print figures on stderr at the end. */
  readonly stats: boolean;
}

/** The original's first user program, the POSIX test suite. */
export const DEFAULT_INIT = 'test0';

/** Instructions per step between looks at the host event loop (and console flushes). */
const STEP = 2_000_000;

/** Names of the programs in the initramfs's /bin: test0 and the userland's Linux programs. */
function userlandNames(): string[] {
  return [DEFAULT_INIT, ...linuxPrograms.map((p) => p.name)];
}

function read(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (code ?? 'unreadable');
    throw new BootCommandError(`cannot read '${file}': ${why}`);
  }
}

/**
 * Runs `codezero boot` (the POSIX system: the kernel, mm0 and fs0 as TypeScript server
 * threads, init as a Linux ARM process) on the PB926 platform; returns init's exit status
 * (128 + signal when killed), 1 when nothing can run any more before init ends or on a
 * kernel panic, 124 at the instruction limit.
 */
export async function runBootPosix(options: PosixBootCommandOptions, io: CliIo): Promise<number> {
  // The root file system: the userland's initramfs (every Linux program in /bin, /bin/init
  // is test0), plus a host FILE given as --init.
  const initramfs = readLinuxInitramfs();
  const names = userlandNames();
  const files: Record<string, Uint8Array> = {};
  let init: string;
  if (options.init.includes('/') || options.init.includes('\\')) {
    init = `/bin/${basename(options.init)}`;
    files[init] = read(options.init);
  } else if (names.includes(options.init)) {
    init = `/bin/${options.init}`;
  } else {
    throw new BootCommandError(`unknown program '${options.init}' (available: ${names.join(', ')}; or give the path of an ARM Linux ELF file)`);
  }
  const { Pb926Platform } = await import('@codezero-ts/board-pb926');
  const { Kernel } = await import('@codezero-ts/kernel');
  const { PosixSystem } = await import('@codezero-ts/posix');
  const decoder = new TextDecoder('utf-8');
  const pending: number[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    io.stdout(decoder.decode(Uint8Array.from(pending), { stream: true }));
    pending.length = 0;
  };
  const platform = new Pb926Platform({ ramSize: options.ramSize, console: (b) => pending.push(b) });
  const kernel = new Kernel(platform);
  const system = new PosixSystem(kernel, platform, { initramfs, files, init, trace: options.trace });
  const started = performance.now();
  let status = 124;
  try {
    system.start();
    for (;;) {
      const left = options.maxInstructions - kernel.instructions;
      if (left <= 0) {
        io.stderr(`codezero boot: stopped at the instruction limit (${String(options.maxInstructions)})\n`);
        break;
      }
      const exit = system.run(Math.min(STEP, left));
      flush();
      if (exit.reason === 'exited' || exit.reason === 'killed') {
        status = exit.status;
        break;
      }
      if (exit.reason === 'idle' || exit.reason === 'panic') {
        io.stderr(exit.reason === 'idle' ? 'codezero boot: nothing can run any more and init has not exited\n' : 'codezero boot: kernel panic\n');
        status = 1;
        break;
      }
      await nextTurn();
    }
  } finally {
    flush();
    const tail = decoder.decode();
    if (tail !== '') io.stdout(tail);
  }
  if (options.stats) {
    const seconds = (performance.now() - started) / 1000;
    const s = system.stats();
    const mips = seconds > 0 ? kernel.instructions / seconds / 1e6 : 0;
    io.stderr(
      `instructions: ${String(kernel.instructions)}, seconds: ${seconds.toFixed(3)}, ticks: ${String(kernel.scheduler.now)}, ` +
        `Linux system calls: ${String(s.syscalls)}, page faults: ${String(s.faults)}, MIPS: ${mips.toFixed(1)}\n`,
    );
  }
  return status;
}
