import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { linuxPrograms, openLinuxInitramfs, shellPrograms } from '@codezero-ts/userland';
import { Pb926Platform } from '@codezero-ts/board-pb926';
import { Kernel } from '@codezero-ts/kernel';
import { PosixSystem } from '@codezero-ts/posix';
import { CpioError, Tty, listCpio } from '@codezero-ts/vfs';
import type { CharDevice, CpioSource } from '@codezero-ts/vfs';
import type { CliIo } from '../api.js';
import { BootCommandError } from './boot-error.js';
import type { ConsoleHost } from './console-host.js';
import { ConsoleText } from './console-text.js';
import { DETACH_HINT, DETACH_STATUS } from './detach-key.js';
import { hostMilliseconds } from './host-clock.js';
import { hostThreadLine } from './host-threads.js';

/** Parsed options of `codezero boot` without `--l4`: the POSIX system. */
export interface PosixBootCommandOptions {
  /**
   * The first program instead of our init: a Linux program of the userland package (such
   * as `test0`) or an ELF path. `null`: the interactive system (`/sbin/init` → `/bin/sh`).
   */
  readonly init: string | null;
  /** Boot-time test programs init runs before the shell (names or paths, like `init`). */
  readonly tests: readonly string[];
  /** RAM size in bytes. */
  readonly ramSize: number;
  /** Stop after this many instructions (Infinity for none). */
  readonly maxInstructions: number;
  /** One line per Linux system call on the console. */
  readonly trace: boolean;
  /** Print figures on stderr at the end. */
  readonly stats: boolean;
  /**
   * Guest time follows the host clock (sleeps, poll timeouts and interval timers take real
   * time) instead of the instruction count. Default false: deterministic runs.
   */
  readonly wallClock?: boolean;
  /**
   * A cpio newc archive (host path) to use as the root file system instead of the
   * userland's initramfs. Default: the userland's.
   */
  readonly initramfs?: string;
}

/** The original's first user program, the POSIX test suite (`--init test0`). */
export const TEST_INIT = 'test0';

/** Where our init lives in the root file system. */
export const INIT_PATH = '/sbin/init';

/**
 * Instructions per step between looks at the host event loop (and console flushes). Small
 * enough that a guest busy with system calls (each costs the host far more than an
 * instruction) still sees ^C and the detach key within a fraction of a second.
 */
const STEP = 500_000;

/** Names of the programs in /bin: test0, the userland's Linux programs, the shell and utilities. */
function userlandNames(): string[] {
  return [TEST_INIT, ...linuxPrograms.map((p) => p.name), ...shellPrograms.filter((p) => p.name !== 'init').map((p) => p.name)];
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
 * The guest path of program `arg`: a path of the root file system (`/bin/test0`), a name in
 * /bin, or a host file (added to /bin).
 */
function programPath(arg: string, files: Record<string, Uint8Array>, names: readonly string[], rootPaths: ReadonlySet<string>): string {
  if (arg.startsWith('/') && rootPaths.has(arg)) return arg;
  if (arg.includes('/') || arg.includes('\\')) {
    const path = `/bin/${basename(arg)}`;
    files[path] = read(arg);
    return path;
  }
  if (names.includes(arg)) return `/bin/${arg}`;
  throw new BootCommandError(`unknown program '${arg}' (available: ${names.join(', ')}; or give the path of an ARM Linux ELF file)`);
}

/** Turns CR LF into LF, across chunk boundaries. */
class CrlfFilter {
  #cr = false;
  push(text: string): string {
    let s = this.#cr ? `\r${text}` : text;
    this.#cr = s.endsWith('\r');
    if (this.#cr) s = s.slice(0, -1);
    return s.replace(/\r\n/g, '\n');
  }
  end(): string {
    const s = this.#cr ? '\r' : '';
    this.#cr = false;
    return s;
  }
}

/**
 * Runs `codezero boot` (the POSIX system: the kernel, mm0 and fs0 as TypeScript server
 * threads, init as a Linux ARM process) on the PB926 platform. The console is a vfs `Tty`
 * (line discipline, termios, ^C/^\ to the foreground group) fed from `host`; its output
 * goes through UART0. Returns init's exit status (0 after `poweroff`; 128 + signal when
 * killed), 1 when nothing can run any more before init ends or on a kernel panic, 124 at
 * the instruction limit.
 */
export async function runBootPosix(options: PosixBootCommandOptions, io: CliIo, host: ConsoleHost | null = null): Promise<number> {
  // The root file system: the userland's initramfs (every Linux program, the shell and its
  // utilities in /bin, our init as /sbin/init, /proc, /tmp), plus host FILEs given by path.
  // The userland's archive is read piece by piece (its headers now, each file at its first
  // use); a FILE of the user's is read whole, as it is at boot.
  let initramfs: Uint8Array | CpioSource;
  let names: string[];
  let rootPaths: Set<string>;
  if (options.initramfs === undefined) {
    initramfs = openLinuxInitramfs();
    names = userlandNames();
    rootPaths = new Set([INIT_PATH, ...names.map((n) => `/bin/${n}`)]);
  } else {
    // A root file system of the user's: its programs are named by path (or as /bin names).
    initramfs = read(options.initramfs);
    let entries: string[];
    try {
      entries = listCpio(initramfs).map((e) => `/${e.name}`);
    } catch (e) {
      if (e instanceof CpioError) throw new BootCommandError(`bad --initramfs '${options.initramfs}': ${e.message}`);
      throw e;
    }
    rootPaths = new Set(entries);
    names = entries.filter((p) => /^\/bin\/[^/]+$/.test(p)).map((p) => p.slice(5));
    if (options.init === null && !rootPaths.has(INIT_PATH)) {
      throw new BootCommandError(`--initramfs '${options.initramfs}' has no ${INIT_PATH}: give --init PATH`);
    }
  }
  const files: Record<string, Uint8Array> = {};
  let init: string;
  let argv: string[];
  if (options.init === null) {
    init = INIT_PATH;
    argv = ['init', ...options.tests.map((t) => programPath(t, files, names, rootPaths))];
  } else {
    init = programPath(options.init, files, names, rootPaths);
    argv = [init];
  }
  // CR LF from the guest's terminal becomes LF: a host terminal adds its own CR (Node's raw
  // mode keeps output processing), and a pipe or file wants plain lines.
  const crlf = new CrlfFilter();
  const text = new ConsoleText((t) => {
    const s = crlf.push(t);
    if (s !== '') io.stdout(s);
  });
  const platform = new Pb926Platform({
    ramSize: options.ramSize,
    console: text.push,
    clock: options.wallClock === true ? 'wall' : 'virtual',
    // the L4 calls of the ARM threads, for --stats (an ordinary boot pays nothing per trap)
    countTraps: options.stats,
  });
  const kernel = new Kernel(platform);
  // The first prompt: the first `$ ` the console writes (for --stats).
  let last = 0;
  let promptAt = -1;
  let promptInstructions = 0;
  let system: PosixSystem | null = null;
  const size = host?.size?.();
  const tty = new Tty({
    sink: (bytes) => {
      for (const b of bytes) {
        platform.console.write(b);
        if (promptAt < 0 && last === 0x24 && b === 0x20) {
          promptAt = hostMilliseconds();
          promptInstructions = kernel.instructions;
        }
        last = b;
      }
    },
    onSignal: (signal, pgrp) => {
      system?.signalGroup(pgrp, signal);
    },
    ...(size === undefined ? {} : { rows: size.rows, columns: size.columns }),
  });
  const consoleDevice: CharDevice = tty;
  system = new PosixSystem(kernel, platform, {
    initramfs,
    files,
    init,
    argv,
    trace: options.trace,
    consoleDevice,
  });

  // Host input: on a terminal every byte goes to the console at once (raw mode: the guest's
  // line discipline edits and echoes); from a pipe or file, one line each time the guest
  // waits, so the transcript reads like a typed session.
  const queue: number[] = [];
  let inputOpen = host?.input != null;
  let ended = false;
  const detach = { requested: false };
  const input = { fresh: false };
  const inputArrived = (): boolean => input.fresh;
  let wake: (() => void) | null = null;
  const poke = (): void => {
    input.fresh = true;
    const w = wake;
    wake = null;
    w?.();
  };
  host?.input?.start(
    (bytes) => {
      if (host.interactive) tty.input(bytes);
      else for (const b of bytes) queue.push(b);
      poke();
    },
    () => {
      inputOpen = false;
      poke();
    },
    () => {
      detach.requested = true;
      poke();
    },
  );
  const feedLine = (): boolean => {
    if (queue.length > 0) {
      // A line, or up to a control character that acts at once (^C, ^\, ^Z, ^D).
      const end = queue.findIndex((b) => b === 0x0a || b === 0x03 || b === 0x1c || b === 0x1a || b === 0x04);
      const line = queue.splice(0, end < 0 ? queue.length : end + 1);
      tty.input(Uint8Array.from(line));
      return true;
    }
    if (!inputOpen && !ended) {
      ended = true;
      tty.endOfInput();
      return true;
    }
    return false;
  };
  const stopResize = host?.onResize?.((rows, columns) => {
    tty.resize(rows, columns);
    poke();
  });
  if (host?.interactive === true) {
    io.stderr(DETACH_HINT);
    host.setRaw?.(true);
  }
  const started = hostMilliseconds();
  let status = 124;
  try {
    system.start();
    for (;;) {
      const left = options.maxInstructions - kernel.instructions;
      if (left <= 0) {
        io.stderr(`codezero boot: stopped at the instruction limit (${String(options.maxInstructions)})\n`);
        break;
      }
      if (detach.requested) {
        status = DETACH_STATUS;
        break;
      }
      input.fresh = false;
      const exit = system.run(Math.min(STEP, left));
      text.flush();
      if (exit.reason === 'exited' || exit.reason === 'killed') {
        status = exit.status;
        break;
      }
      if (exit.reason === 'panic') {
        io.stderr('codezero boot: kernel panic\n');
        status = 1;
        break;
      }
      if (exit.reason === 'idle') {
        // Everyone waits: for console input, or for nothing at all.
        if (inputArrived() || (!host?.interactive && feedLine())) continue;
        if (!inputOpen && (host?.interactive === true || (ended && queue.length === 0))) {
          if (host?.interactive === true && !ended) {
            ended = true;
            tty.endOfInput();
            continue;
          }
          io.stderr('codezero boot: nothing can run any more and init has not exited\n');
          status = 1;
          break;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      // Still running (a busy program): a queued ^C, ^\ or ^Z is typed at once.
      const next = queue[0];
      if (next === 0x03 || next === 0x1c || next === 0x1a) tty.input(Uint8Array.from(queue.splice(0, 1)));
      await nextTurn();
    }
  } finally {
    host?.input?.stop();
    stopResize?.();
    if (host?.interactive === true) host.setRaw?.(false);
    text.end();
    const cr = crlf.end();
    if (cr !== '') io.stdout(cr);
  }
  if (detach.requested) io.stderr(`\ncodezero boot: detached (Ctrl-]); the guest was stopped\n`);
  if (options.stats) {
    const seconds = (hostMilliseconds() - started) / 1000;
    const s = system.stats();
    const mips = seconds > 0 ? kernel.instructions / seconds / 1e6 : 0;
    const prompt = promptAt < 0 ? '' : `first prompt: ${((promptAt - started) / 1000).toFixed(3)} s (${String(promptInstructions)} instructions), `;
    io.stderr(
      `${prompt}instructions: ${String(kernel.instructions)}, seconds: ${seconds.toFixed(3)}, ticks: ${String(kernel.scheduler.now)}, ` +
        `Linux system calls: ${String(s.syscalls)}, page faults: ${String(s.faults)}, ` +
        `frames in use: ${String(s.totalFrames - s.freeFrames)} (${String(s.totalFrames - s.bootFreeFrames)} at boot), ` +
        `vm objects: ${String(s.vmObjects)} (${String(s.bootVmObjects)} at boot), ` +
        `L4 system calls: ${String(platform.traps?.syscalls ?? 0)}, IPC calls: ${String(platform.traps?.ipcCalls ?? 0)}, MIPS: ${mips.toFixed(1)}\n` +
        hostThreadLine(),
    );
  }
  return status;
}
