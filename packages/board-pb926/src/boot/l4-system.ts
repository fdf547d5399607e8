import { Kernel } from '@codezero-ts/kernel';
import type { KernelOptions, ProgramOptions } from '@codezero-ts/kernel';
import type { BootL4Options, BootL4Result, L4BootOutcome, L4ProgramImage } from '../api.js';
import { BoardError } from '../errors.js';
import { Pb926Platform } from '../platform/pb926-platform.js';
import { l4ProgramFromElf } from './elf-program.js';

/** Exit statuses of an L4 boot. */
export const L4_BOOT_STATUS = {
  /** No thread can ever run again. */
  idle: 0,
  /** The kernel panicked. */
  panic: 1,
  /** The instruction limit was reached first (as `timeout(1)`). */
  budget: 124,
} as const satisfies Record<L4BootOutcome, number>;

const PF_X = 1;
const PF_W = 2;
const PF_RWX = 7;

/** Default instruction limit of {@link bootL4}. */
export const DEFAULT_L4_BOOT_LIMIT = 1_000_000_000;

function programOf(options: BootL4Options): L4ProgramImage {
  if (options.elf !== undefined) return l4ProgramFromElf(options.elf);
  const image = options.image;
  if (image === undefined) throw new BoardError('bad-image', 'bootL4 needs an `elf` or an `image`');
  const loadAddress = (options.loadAddress ?? 0x10000) >>> 0;
  if (loadAddress % 4096 !== 0) throw new BoardError('bad-image', `the load address 0x${loadAddress.toString(16)} is not 4 KiB aligned`);
  return {
    entry: (options.entry ?? loadAddress) >>> 0,
    segments: [{ vaddr: loadAddress, data: image, memSize: image.length + (options.bssSize ?? 0), flags: PF_RWX }],
  };
}

/**
 * An L4 system on the PB926: the {@link Pb926Platform}, the TypeScript kernel booted on it,
 * and one ARM program started as the first pager with the root capabilities (all user
 * memory, the user device windows, every IPC and thread-control right, every interrupt but
 * the tick). Run it in steps with {@link L4System.run}; the console is collected and also
 * handed byte by byte to `options.console`.
 */
export class L4System {
  /** The platform (board, CPU, drivers). */
  readonly platform: Pb926Platform;
  /** The kernel. */
  readonly kernel: Kernel;
  /** The first thread's id. */
  readonly firstThread: number;
  /** The program as loaded. */
  readonly program: L4ProgramImage;
  readonly #bytes: number[] = [];
  #idleLimit = Infinity;
  #done: L4BootOutcome | null = null;

  /**
   * Builds the board, boots the kernel and starts the program.
   * @throws BoardError `bad-image` for a missing, malformed or misplaced program; the
   *   kernel's `KernelError` for bad kernel options or a program that does not fit
   */
  constructor(options: BootL4Options) {
    const program = programOf(options);
    this.program = program;
    const sink = options.console;
    const bytes = this.#bytes;
    this.platform = new Pb926Platform({
      ...options,
      console: (b) => {
        bytes.push(b);
        sink?.(b);
      },
    });
    const k: KernelOptions = {
      ...(options.ticksPerSecond === undefined ? {} : { ticksPerSecond: options.ticksPerSecond }),
      ...(options.kernelMemory === undefined ? {} : { kernelMemory: options.kernelMemory }),
    };
    this.kernel = new Kernel(this.platform, k);
    const p: ProgramOptions = {
      segments: program.segments.map((seg) => ({
        address: seg.vaddr,
        bytes: seg.data,
        memSize: seg.memSize,
        writable: (seg.flags & PF_W) !== 0,
        executable: (seg.flags & PF_X) !== 0,
      })),
      entry: program.entry,
      ...(options.stackTop === undefined ? {} : { stackTop: options.stackTop }),
      ...(options.stackSize === undefined ? {} : { stackSize: options.stackSize }),
      ...(options.name === undefined ? {} : { name: options.name }),
      ...(options.args === undefined ? {} : { args: options.args }),
    };
    this.firstThread = this.kernel.spawnProgram(p);
    this.platform.clock.onIdle = () => {
      if (this.platform.boardClock.kind === 'wall' || this.platform.idleInstructions > this.#idleLimit) {
        this.kernel.stop();
      }
    };
  }

  /** Guest instructions executed so far. */
  get instructions(): number {
    return this.kernel.instructions;
  }

  /** Scheduler ticks so far. */
  get ticks(): number {
    return this.kernel.scheduler.now;
  }

  /** Everything written to the console so far (UTF-8 decoded). */
  get console(): string {
    return new TextDecoder().decode(Uint8Array.from(this.#bytes));
  }

  /** The final outcome once the system went idle or panicked, else null. */
  get finished(): L4BootOutcome | null {
    return this.#done;
  }

  /**
   * Runs at most `maxInstructions` guest instructions. `idle` and `panic` are final (later
   * calls return them at once); `budget` means the limit was reached or, while every thread
   * waited for an interrupt, as much guest time went by idle (virtual clock) or the host slept
   * once (wall clock): call again to go on.
   */
  run(maxInstructions: number): L4BootOutcome {
    if (this.#done !== null) return this.#done;
    this.#idleLimit = this.platform.idleInstructions + maxInstructions;
    const out = this.kernel.run(maxInstructions);
    if (out === 'idle' || out === 'panic') {
      this.#done = out;
      return out;
    }
    return 'budget';
  }
}

/**
 * Boots an L4 program on the PB926 (see {@link L4System}) and runs it until no thread can
 * ever run again, a kernel panic, or `maxInstructions` (default 10^9). Status 0, 1 or 124
 * ({@link L4_BOOT_STATUS}).
 * @throws BoardError `bad-image` for a missing or malformed program
 */
export function bootL4(options: BootL4Options): BootL4Result {
  const system = new L4System(options);
  const limit = options.maxInstructions ?? DEFAULT_L4_BOOT_LIMIT;
  let outcome: L4BootOutcome = 'budget';
  while (system.instructions < limit) {
    const before = system.instructions;
    outcome = system.run(limit - before);
    if (outcome !== 'budget') break;
    if (system.instructions === before && system.platform.boardClock.kind === 'virtual') break;
  }
  return { status: L4_BOOT_STATUS[outcome], outcome, console: system.console, instructions: system.instructions, ticks: system.ticks };
}
