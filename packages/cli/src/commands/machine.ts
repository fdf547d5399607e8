import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { BoardError, Pb926Machine } from '@codezero-ts/board-pb926';
import type { Board } from '@codezero-ts/board-pb926';
import type { CliIo } from '../api.js';
import { exitWith, processIo } from '../program.js';
import { runConsole } from './console-runner.js';
import type { SteppedGuest } from './console-runner.js';
import { ConsoleText } from './console-text.js';

const HELP_AFTER = `
IMAGE is an ARM ELF file (loaded by its program headers, started at its entry point) or a
raw binary (loaded at 0x10000 and started like a Linux kernel: r0=0, r1=387, r2=ATAGs at
0x100), as qemu-system-arm -M versatilepb -kernel IMAGE does.

UART0 goes to standard output and standard input to UART0. With --semihosting the guest's
semihosting console output goes to standard output too, and its exit status (SYS_EXIT,
SYS_EXIT_EXTENDED) becomes the command's. Reaching --max-instructions stops with status 0
and a note on standard error. Guest time follows the instruction count (100 M instructions
per guest second) unless --realtime. Errors (missing file, bad option, an image that is not
ARM, is malformed or does not fit in RAM) print one line and exit with status 2.
`;

/** Parsed options of `codezero machine`. */
export interface MachineCommandOptions {
  /** The image file. */
  readonly image: string;
  /** RAM size in bytes. */
  readonly ramSize: number;
  /** Provide ARM semihosting. */
  readonly semihosting: boolean;
  /** Stop after this many instructions (Infinity for none). */
  readonly maxInstructions: number;
  /** Wall-clock guest time. */
  readonly realtime: boolean;
  /** Print instructions, seconds and MIPS on stderr at exit. */
  readonly stats: boolean;
}

/** Bytes for UART0 input; `null` when the command reads no input. */
export interface MachineInput {
  /**
   * Registers the receiver of input bytes and of the end of input; `onDetach`, when given,
   * is called when the user types the detach key on an attached terminal (the key itself
   * is not passed on).
   */
  start(onData: (bytes: Uint8Array) => void, onEnd: () => void, onDetach?: () => void): void;
  /** Stops reading. */
  stop(): void;
}

/** A bad argument or image: one line on stderr, exit status 2. */
export class MachineCommandError extends Error {
  /** Always 2. */
  readonly exitCode = 2;
}

const UNITS: Readonly<Record<string, number>> = { '': 1, k: 1024, kib: 1024, m: 1 << 20, mib: 1 << 20, g: 1 << 30, gib: 1 << 30 };

/** Parses `--memory`: bytes, hex, or with a K/M/G (KiB/MiB/GiB) suffix. */
export function parseMemorySize(text: string): number | null {
  const m = /^(0x[0-9a-f]+|[0-9]+)\s*([a-z]*)$/i.exec(text.trim());
  if (m === null) return null;
  const unit = UNITS[(m[2] ?? '').toLowerCase()];
  if (unit === undefined) return null;
  const value = Number(m[1]) * unit;
  return Number.isSafeInteger(value) ? value : null;
}

/** Parses `--max-instructions`: a positive decimal integer. */
export function parseCount(text: string): number | null {
  if (!/^[0-9]+$/.test(text.trim())) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

function readImage(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (code ?? 'unreadable');
    throw new MachineCommandError(`cannot read '${file}': ${why}`);
  }
}

/** Standard input as a {@link MachineInput}. */
export function processInput(): MachineInput {
  const stdin = process.stdin;
  let data: ((b: Buffer) => void) | null = null;
  let end: (() => void) | null = null;
  return {
    start(onData, onEnd) {
      data = (b) => { onData(new Uint8Array(b)); };
      end = onEnd;
      stdin.on('data', data);
      stdin.on('end', end);
    },
    stop() {
      if (data !== null) stdin.off('data', data);
      if (end !== null) stdin.off('end', end);
      stdin.pause();
    },
  };
}

/** Instructions per `run` call between looks at the host event loop. */
const CHUNK = 4_000_000;

/**
 * Runs `codezero machine` with parsed options; returns the exit status (the guest's
 * semihosting status, or 0). Throws {@link MachineCommandError} for a bad image.
 */
export async function runMachine(options: MachineCommandOptions, io: CliIo, input: MachineInput | null): Promise<number> {
  const bytes = readImage(options.image);
  const text = new ConsoleText(io.stdout);
  let machine: Board;
  try {
    machine = new Pb926Machine({
      ramSize: options.ramSize,
      semihosting: options.semihosting,
      clock: options.realtime ? 'wall' : 'virtual',
      console: text.push,
    });
    machine.loadImage(bytes);
  } catch (e) {
    if (e instanceof BoardError) throw new MachineCommandError(`cannot load '${options.image}': ${e.message}`);
    throw e;
  }
  let executed = 0;
  let status = 0;
  const guest: SteppedGuest = {
    get instructions() {
      return executed;
    },
    step(budget) {
      const result = machine.run(budget);
      executed += result.instructions;
      if (result.reason === 'exit') {
        status = result.exitCode ?? 0;
        return 'done';
      }
      return result.reason === 'halted' ? 'waiting' : 'running';
    },
    millisecondsToNextEvent: () => machine.millisecondsToNextEvent(),
    sendInput: (b) => {
      machine.sendInput(b);
    },
  };
  const run = await runConsole(guest, text, io, input, {
    command: 'codezero machine',
    chunk: CHUNK,
    maxInstructions: options.maxInstructions,
    stuckNote: 'the guest waits for an interrupt and nothing can raise one; stopping',
  });
  if (options.stats) {
    const mips = run.seconds > 0 ? machine.instructions / run.seconds / 1e6 : 0;
    io.stderr(`instructions: ${String(machine.instructions)}, seconds: ${run.seconds.toFixed(3)}, MIPS: ${mips.toFixed(1)}\n`);
  }
  return status;
}

/** Registers `codezero machine [options] IMAGE`. */
export function registerMachine(program: Command, io: CliIo): void {
  const cmd = program
    .command('machine')
    .description('run a bare-metal ARM image on the emulated Versatile PB926, as qemu-system-arm -M versatilepb -kernel does')
    .argument('<image>', 'ELF or raw image')
    .option('--board <name>', 'the board (only pb926)', 'pb926')
    .option('--memory <size>', 'RAM size: bytes, or with K/M/G; at most 256M', '128M')
    .option('--semihosting', 'provide ARM semihosting (console output, exit status)')
    .option('--max-instructions <n>', 'stop after n instructions (status 0, noted on stderr)')
    .option('--realtime', 'guest time follows the host clock instead of the instruction count')
    .option('--stats', 'print instructions, seconds and MIPS on stderr at exit')
    .addHelpText('after', HELP_AFTER)
    .showHelpAfterError(false);
  cmd.action(
    async (
      image: string,
      opts: { board: string; memory: string; semihosting?: boolean; maxInstructions?: string; realtime?: boolean; stats?: boolean },
    ) => {
      const fail = (message: string): never => cmd.error(`codezero machine: ${message}`, { exitCode: 2, code: 'codezero.machine' });
      if (opts.board !== 'pb926') fail(`unknown board '${opts.board}' (only pb926)`);
      const ramSize = parseMemorySize(opts.memory);
      if (ramSize === null || ramSize <= 0 || ramSize > 256 * 1024 * 1024 || ramSize % 4096 !== 0) {
        fail(`bad --memory '${opts.memory}': expected a multiple of 4 KiB up to 256M`);
      }
      let maxInstructions = Infinity;
      if (opts.maxInstructions !== undefined) {
        const n = parseCount(opts.maxInstructions);
        if (n === null) fail(`bad --max-instructions '${opts.maxInstructions}': expected a positive integer`);
        maxInstructions = n ?? Infinity;
      }
      const options: MachineCommandOptions = {
        image,
        ramSize: ramSize ?? 0,
        semihosting: opts.semihosting === true,
        maxInstructions,
        realtime: opts.realtime === true,
        stats: opts.stats === true,
      };
      // Only the real process reads its standard input; injected I/O (tests) has none.
      const real = io === processIo;
      let status: number;
      try {
        status = await runMachine(options, io, real ? processInput() : null);
      } catch (e) {
        if (e instanceof MachineCommandError) return fail(e.message);
        throw e;
      }
      if (status !== 0) exitWith(status);
      return undefined;
    },
  );
}
