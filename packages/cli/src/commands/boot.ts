import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { BoardError, L4System, L4_BOOT_STATUS } from '@codezero-ts/board-pb926';
import { KernelError } from '@codezero-ts/kernel';
import type { CliIo } from '../api.js';
import { exitWith, processIo } from '../program.js';
import { BootCommandError } from './boot-error.js';
import { INIT_PATH, TEST_INIT, runBootPosix } from './boot-posix.js';
import { processConsoleHost } from './console-host.js';
import { runConsole } from './console-runner.js';
import type { SteppedGuest } from './console-runner.js';
import { ConsoleText } from './console-text.js';
import { findInCatalog, l4Catalog } from './l4-catalog.js';
import { hostThreadLine } from './host-threads.js';
import { parseCount, parseMemorySize, processInput } from './machine.js';
import type { MachineInput } from './machine.js';

const helpAfter = (): string => `
--l4 NAME|FILE boots the TypeScript L4 kernel on the emulated Versatile PB926 (VIC/SIC, SP804
tick, PL011 console driven through their registers) and starts an L4 program as the first
pager with every capability: NAME is one of the L4 programs of @codezero-ts/userland
(${l4Catalog().map((e) => e.name).join(', ')}; the l4- prefix may be left out), FILE an ARM ELF
executable (loaded by its program headers).

The console (UART0: the kernel's lines and the program's output) streams to standard output
and standard input goes to UART0. Exit status: 0 when no thread can ever run again, 1 after
a kernel panic, 124 at --max-instructions (or when every thread waits for an interrupt and
no input can come), 2 for a bad file, name or option (one line on standard error). Guest time follows the instruction count (100 M instructions per guest
second, so runs are repeatable) unless --wall-clock.

Without --l4, boot starts the POSIX system: the kernel, the pager mm0 and the file server
fs0 (TypeScript server threads), then ${INIT_PATH} (pid 1, our own) as a Linux ARM process,
which starts /bin/sh on the console: a shell prompt. The console is a terminal (line
editing, echo, ^C and ^\\ to the foreground job, ^D end of file, termios) on UART0; while
attached, a host terminal is in raw mode (restored on exit) and lends its window size. When
standard input is a pipe or a file, its lines are typed one at a time whenever the system
waits for input, then end of file: printf 'ls /\\npoweroff\\n' | codezero boot. The root file
system is the userland's initramfs (every Linux program in /bin), the shell and its
utilities (sh, ls, cat, echo, mkdir, rm, ps, vmstat, poweroff) and /proc. --test NAME|FILE
(repeatable) has init run that program before the shell. --init NAME|FILE makes that
program pid 1 instead (--init ${TEST_INIT}: the original's POSIX test suite); a FILE is added as
/bin/<its name>. The exit status is init's own: 0 after poweroff or when the shell exits,
128 + signal when init was killed; 1 when nothing can run any more before init exits, 124 at
--max-instructions, 125 after the detach key. Detach key: Ctrl-] on an attached terminal
stops the system (even a hung guest), restores the terminal and exits with status 125. --trace prints one line per Linux system call and IPC; --stats also prints the
time to the first prompt. Guest time follows the instruction count here too (a sleep or a
poll timeout passes as fast as the emulator runs, and runs are repeatable) unless
--wall-clock: then sleeps, timeouts and alarms take real time. --initramfs FILE boots
another cpio newc root file system (it needs ${INIT_PATH}, or give --init PATH); NAME|FILE of
--init and --test may also be a path of the root file system (--init /bin/${TEST_INIT}).
--board names the board: pb926 (the only one today).
`;

/** Parsed options of `codezero boot --l4`. */
export interface BootCommandOptions {
  /** A name from the userland manifest or an ELF path. */
  readonly l4: string;
  /** RAM size in bytes. */
  readonly ramSize: number;
  /** Stop after this many instructions (Infinity for none). */
  readonly maxInstructions: number;
  /** Guest time follows the host clock. */
  readonly wallClock: boolean;
  /** Print figures on stderr at the end. */
  readonly stats: boolean;
}

export { BootCommandError };

/** Instructions per step between looks at the host event loop (and console flushes). */
const STEP = 2_000_000;

function looksLikePath(arg: string): boolean {
  return arg.includes('/') || arg.includes('\\') || /\.(elf|axf|out)$/i.test(arg);
}

function readFile(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (code ?? 'unreadable');
    throw new BootCommandError(`cannot read '${file}': ${why}`);
  }
}

/** The ELF bytes of `arg`: a file when it names one (or looks like a path), else a manifest name. */
function resolveProgram(arg: string): Uint8Array {
  const entry = looksLikePath(arg) ? undefined : findInCatalog(arg);
  if (entry !== undefined) return entry.readImage();
  let isFile = looksLikePath(arg);
  if (!isFile) {
    try {
      readFileSync(arg);
      isFile = true;
    } catch {
      isFile = false;
    }
  }
  if (isFile) return readFile(arg);
  const names = l4Catalog().map((e) => e.name);
  const available = names.length > 0 ? `available: ${names.join(', ')}` : 'no L4 programs are installed';
  throw new BootCommandError(`unknown L4 program '${arg}' (${available}; or give the path of an ELF file)`);
}

/**
 * Runs `codezero boot --l4` with parsed options; returns the exit status (0 idle, 1 panic,
 * 124 at the instruction limit). Throws {@link BootCommandError} for a bad name or file.
 */
export async function runBootL4(options: BootCommandOptions, io: CliIo, input: MachineInput | null): Promise<number> {
  const bytes = resolveProgram(options.l4);
  const text = new ConsoleText(io.stdout);
  let system: L4System;
  try {
    system = new L4System({
      elf: bytes,
      ramSize: options.ramSize,
      clock: options.wallClock ? 'wall' : 'virtual',
      name: options.l4,
      countTraps: options.stats,
      console: text.push,
    });
  } catch (e) {
    if (e instanceof BoardError || e instanceof KernelError) throw new BootCommandError(`cannot boot '${options.l4}': ${e.message}`);
    throw e;
  }
  text.flush();
  let outcome: 'idle' | 'panic' | 'budget' = 'budget';
  const guest: SteppedGuest = {
    get instructions() {
      return system.instructions;
    },
    step(budget) {
      const before = system.instructions;
      outcome = system.run(budget);
      if (outcome !== 'budget') return 'done';
      // No progress on the virtual clock: every thread waits for an interrupt and a whole
      // step of guest time went by idle.
      return system.instructions === before && !options.wallClock ? 'waiting' : 'running';
    },
    millisecondsToNextEvent: () => Infinity,
    sendInput: (b) => {
      system.platform.sendInput(b);
    },
  };
  const run = await runConsole(guest, text, io, input, {
    command: 'codezero boot',
    chunk: STEP,
    maxInstructions: options.maxInstructions,
    stuckNote: 'every thread waits for an interrupt that does not come; stopping',
  });
  if (run.reason !== 'done') outcome = 'budget';
  if (options.stats) {
    const mips = run.seconds > 0 ? system.instructions / run.seconds / 1e6 : 0;
    const traps = system.platform.traps;
    const syscalls = traps?.syscalls ?? 0;
    const ipcCalls = traps?.ipcCalls ?? 0;
    const faults = traps === null ? 0 : traps.aborts + traps.undefinedInstructions;
    io.stderr(
      `instructions: ${String(system.instructions)}, seconds: ${run.seconds.toFixed(3)}, ticks: ${String(system.ticks)}, ` +
        `system calls: ${String(syscalls)}, IPC calls: ${String(ipcCalls)}, faults: ${String(faults)}, MIPS: ${mips.toFixed(1)}\n` +
        hostThreadLine(),
    );
  }
  return L4_BOOT_STATUS[outcome];
}

/** Registers `codezero boot [--l4 NAME|FILE] [options]`. */
export function registerBoot(program: Command, io: CliIo): void {
  const cmd = program
    .command('boot')
    .description('boot the system on the emulated Versatile PB926: the POSIX container with an init program, or an L4 program (--l4)')
    .option('--board <name>', 'the board to boot on (only pb926, the Versatile PB926, today)', 'pb926')
    .option('--initramfs <file>', 'without --l4: a cpio newc archive to use as the root file system instead of the userland initramfs')
    .option('--l4 <name|file>', 'an L4 program of the userland package, or an ARM ELF file, started as the first pager')
    .option('--init <name|file>', `without --l4: a program to run as pid 1 instead of ${INIT_PATH} and the shell (e.g. ${TEST_INIT})`)
    .option('--test <name|file>', `without --l4: a boot-time test program ${INIT_PATH} runs before the shell (repeatable)`, (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--trace', 'without --l4: one line per Linux system call and IPC on the console')
    .option('--memory <size>', 'RAM size: bytes, or with K/M/G; at most 256M', '128M')
    .option('--max-instructions <n>', 'stop after n guest instructions (status 124)')
    .option('--wall-clock', 'guest time follows the host clock instead of the instruction count')
    .option('--stats', 'print instructions, seconds, scheduler ticks, system and IPC calls of ARM threads, faults and MIPS on stderr at the end, then (on Linux) the processor time of the host threads')
    .addHelpText('after', helpAfter())
    .showHelpAfterError(false);
  cmd.action(async (opts: { board: string; initramfs?: string; l4?: string; init?: string; test: string[]; trace?: boolean; memory: string; maxInstructions?: string; wallClock?: boolean; stats?: boolean }) => {
    const fail = (message: string): never => cmd.error(`codezero boot: ${message}`, { exitCode: 2, code: 'codezero.boot' });
    if (opts.l4 !== undefined && (opts.init !== undefined || opts.trace === true || opts.test.length > 0)) fail('--init, --test and --trace belong to the POSIX system, not to --l4');
    if (opts.init !== undefined && opts.test.length > 0) fail('--test is run by our init: it cannot be combined with --init');
    if (opts.board !== 'pb926') fail(`unknown board '${opts.board}' (available: pb926)`);
    if (opts.l4 !== undefined && opts.initramfs !== undefined) fail('--initramfs belongs to the POSIX system, not to --l4');
    const ramSize = parseMemorySize(opts.memory);
    if (ramSize === null || ramSize < 1 << 20 || ramSize > 256 * 1024 * 1024 || ramSize % 4096 !== 0) {
      fail(`bad --memory '${opts.memory}': expected a multiple of 4 KiB from 1M up to 256M`);
    }
    let maxInstructions = Infinity;
    if (opts.maxInstructions !== undefined) {
      const n = parseCount(opts.maxInstructions);
      if (n === null) fail(`bad --max-instructions '${opts.maxInstructions}': expected a positive integer`);
      maxInstructions = n ?? Infinity;
    }
    let status: number;
    try {
      if (opts.l4 === undefined) {
        const posix = { init: opts.init ?? null, tests: opts.test, ramSize: ramSize ?? 0, maxInstructions, trace: opts.trace === true, stats: opts.stats === true, wallClock: opts.wallClock === true, ...(opts.initramfs === undefined ? {} : { initramfs: opts.initramfs }) };
        status = await runBootPosix(posix, io, io === processIo ? processConsoleHost() : null);
      } else {
        const options: BootCommandOptions = { l4: opts.l4, ramSize: ramSize ?? 0, maxInstructions, wallClock: opts.wallClock === true, stats: opts.stats === true };
        status = await runBootL4(options, io, io === processIo ? processInput() : null);
      }
    } catch (e) {
      if (e instanceof BootCommandError) return fail(e.message);
      throw e;
    }
    if (status !== 0) exitWith(status);
    return undefined;
  });
}
