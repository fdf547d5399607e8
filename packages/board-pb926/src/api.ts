/**
 * Public interfaces and types of @codezero-ts/board-pb926.
 * @packageDocumentation
 */

/** Width of a bus access in bytes. */
export type AccessSize = 1 | 2 | 4;

/**
 * One level-sensitive interrupt wire, driven by a device and sampled by an interrupt
 * controller (or by the CPU's IRQ/FIQ inputs). Drivers may call {@link InterruptLine.set}
 * with an unchanged level; receivers must tolerate that.
 */
export interface InterruptLine {
  /** Drives the line high (`true`, asserted) or low. */
  set(level: boolean): void;
}

/**
 * The interrupt inputs of a CPU, as arm-core's `Cpu` has them (`setIrq`, `setFiq`,
 * level-sensitive). See {@link Pl190Vic.connectCpu}.
 */
export interface CpuInterruptInputs {
  /** Drives the IRQ input. */
  setIrq(level: boolean): void;
  /** Drives the FIQ input. */
  setFiq(level: boolean): void;
}

/**
 * A memory-mapped device: a window of {@link MmioDevice.size} bytes whose registers are
 * read and written by offset and access size.
 *
 * The bus hands the device the byte offset inside the window exactly as the guest
 * addressed it (it may be unaligned for byte and halfword accesses) and masks the
 * returned value to the access size. Like QEMU's PrimeCell models, the devices of this
 * package decode the register from the offset and ignore the byte lane, so a byte read
 * at `DR + 1` returns the low byte of `DR`.
 */
export interface MmioDevice {
  /** Short name, e.g. `pl011`. */
  readonly name: string;
  /** Window size in bytes (a multiple of 4 KiB for every device of this board). */
  readonly size: number;
  /** Reads the register at `offset`; the result is an unsigned value of up to 32 bits. */
  read(offset: number, size: AccessSize): number;
  /** Writes `value` (already masked to `size` bytes) to the register at `offset`. */
  write(offset: number, value: number, size: AccessSize): void;
  /** Returns the device to its power-on state (interrupt outputs are driven again). */
  reset(): void;
}

/** Handler of a clock event; receives the time the event was scheduled for (ns). */
export type ClockEventHandler = (time: number) => void;

/**
 * Guest time and an event queue. Time is a number of guest nanoseconds since the clock
 * was created (an integer in the virtual clock). Events fire only when the owner calls
 * {@link Clock.runDue}, in order of time and then of scheduling, so a machine runs the CPU
 * up to {@link Clock.nextEventTime} (see {@link Clock.instructionsUntil}), then fires due
 * events, and repeats.
 */
export interface Clock {
  /** `virtual` (derived from instructions executed) or `wall` (host time). */
  readonly kind: 'virtual' | 'wall';
  /** Current guest time in nanoseconds. */
  now(): number;
  /**
   * Schedules `handler` at `time` (ns; a time in the past fires at the next
   * {@link Clock.runDue}). Returns an id for {@link Clock.cancel}; ids are never reused.
   */
  at(time: number, handler: ClockEventHandler): number;
  /** Cancels a pending event; false when it already fired or was cancelled. */
  cancel(id: number): boolean;
  /** Time of the earliest pending event, or `Infinity` when none is pending. */
  nextEventTime(): number;
  /**
   * Fires every event whose time is not after {@link Clock.now}, including events that
   * handlers schedule for times already reached. Returns how many fired.
   */
  runDue(): number;
  /**
   * How many instructions the CPU may run before `time` is reached: exact for the virtual
   * clock (at least 1 when `time` is in the future, 0 when reached), an estimate for the
   * wall clock. `Infinity` for `time = Infinity`.
   */
  instructionsUntil(time: number): number;
}

/** Options of {@link VirtualClock}. */
export interface VirtualClockOptions {
  /**
   * Guest instructions per guest second. Must divide 10^9 so one instruction is a whole
   * number of nanoseconds. Default 100 000 000 (10 ns per instruction, a 100 MHz CPU
   * at one instruction per cycle).
   */
  readonly instructionsPerSecond?: number;
  /**
   * Where the instruction count comes from (for example the CPU's counter). Without it
   * the clock keeps its own count, moved by {@link VirtualClockLike.advance}.
   */
  readonly instructionCounter?: () => number;
}

/** The operations of the virtual clock beyond {@link Clock}. */
export interface VirtualClockLike extends Clock {
  /** Nanoseconds per instruction. */
  readonly nanosecondsPerInstruction: number;
  /** Instructions counted so far (from the counter or the internal count). */
  instructions(): number;
  /** Adds `count` instructions to the internal count (only without an instruction counter). */
  advance(count: number): void;
}

/** Options of {@link WallClock}. */
export interface WallClockOptions {
  /** Host time source in milliseconds (default `performance.now`). */
  readonly hostMilliseconds?: () => number;
  /** Instructions per guest second assumed by {@link Clock.instructionsUntil} (default 100 M). */
  readonly estimatedInstructionsPerSecond?: number;
  /** Upper bound of {@link Clock.instructionsUntil} (default 100 000), so the host polls often. */
  readonly maxSlice?: number;
}

/** What a physical address decodes to. */
export interface BusRegion {
  /** RAM, a device window, or nothing (reads give 0, writes are dropped). */
  readonly kind: 'ram' | 'device' | 'unassigned';
  /** First physical address of the region. */
  readonly base: number;
  /** Size in bytes. */
  readonly size: number;
  /** The device behind a `device` region. */
  readonly device: MmioDevice | null;
}

/** Options of {@link PhysicalBus}. */
export interface PhysicalBusOptions {
  /**
   * RAM size in bytes at physical address 0: a multiple of 4 KiB, at most 256 MiB (the
   * system registers start at 0x10000000). Default 128 MiB.
   */
  readonly ramSize?: number;
}

/** A byte leaving the board (a UART transmitter, for example). */
export type ByteSink = (byte: number) => void;

/** Options of {@link createPb926Devices}. */
export interface Pb926DeviceOptions {
  /** The clock every timer, counter and the RTC follow. */
  readonly clock: Clock;
  /** RAM size (see {@link PhysicalBusOptions.ramSize}). */
  readonly ramSize?: number;
  /** Called with each byte written to UART n's data register (index 0–3). */
  readonly uartOutput?: readonly (ByteSink | undefined)[];
  /** Seconds the PL031 reads at guest time 0 (default 1 735 689 600, 2025-01-01 UTC). */
  readonly rtcEpochSeconds?: number;
  /**
   * Also map the SP805 watchdog (0x101E1000) and the SP810 system controller
   * (0x101E0000). QEMU's versatilepb maps neither (reads there give 0), so the default
   * is `false`, which matches QEMU.
   */
  readonly extraDevices?: boolean;
  /**
   * With {@link Pb926DeviceOptions.extraDevices}: let SP810 SCCTRL select 1 MHz or
   * 32 768 Hz for each SP804 timer as the real board does. Default `false`: the timers
   * always run at 1 MHz as in QEMU.
   */
  readonly honourTimerClockSelect?: boolean;
  /** Called when the SP805 (if mapped) asserts its reset output. */
  readonly onWatchdogReset?: () => void;
}

/** Why {@link Board.run} returned. */
export type RunStopReason =
  /** The guest stopped the machine through semihosting (`SYS_EXIT`, `SYS_EXIT_EXTENDED`). */
  | 'exit'
  /** The instruction limit of the call was reached. */
  | 'limit'
  /**
   * The CPU waits for an interrupt that nothing scheduled can raise (virtual clock), or
   * whose event lies in the host's future (wall clock: see {@link Board.millisecondsToNextEvent}).
   * Input (see {@link Board.sendInput}) may wake it.
   */
  | 'halted';

/** What {@link Board.run} did. */
export interface RunResult {
  /** Why it returned. */
  readonly reason: RunStopReason;
  /** Instructions executed during this call. */
  readonly instructions: number;
  /** The guest's exit status once it exited through semihosting, else `null`. */
  readonly exitCode: number | null;
}

/** Where an image was put, as {@link Board.loadImage} reports it. */
export interface LoadedImage {
  /** `elf` (loaded by program headers) or `raw` (a Linux-style kernel image). */
  readonly format: 'elf' | 'raw';
  /** Address of the first instruction the CPU executes. */
  readonly entry: number;
  /** `[start, end)` physical ranges written. */
  readonly segments: readonly { readonly start: number; readonly end: number }[];
}

/**
 * A whole emulated machine running bare-metal code with architectural exceptions, as
 * `qemu-system-arm -kernel` does. The Versatile PB926 fills it ({@link Pb926Machine});
 * another board package can fill the same shape, so tools (the `codezero machine`
 * command, tests) are written against this interface.
 */
export interface Board {
  /** Board name, e.g. `pb926`. */
  readonly name: string;
  /** RAM size in bytes (RAM starts at physical address 0 on this board). */
  readonly ramSize: number;
  /** Instructions executed since the machine was created. */
  readonly instructions: number;
  /** Guest time in nanoseconds. */
  readonly guestNanoseconds: number;
  /** The exit status once the guest exited through semihosting, else `null`. */
  readonly exitCode: number | null;
  /**
   * Loads an ELF (by its program headers) or a raw image (at the board's kernel address,
   * with the Linux boot convention) and points the CPU at it. Throws {@link BoardError}
   * (`bad-image`, `image-outside-ram`, `image-overlaps-devices`) for images the board
   * cannot hold.
   */
  loadImage(bytes: Uint8Array): LoadedImage;
  /** Runs at most `maxInstructions` instructions; see {@link RunResult}. */
  run(maxInstructions: number): RunResult;
  /** Register `n` (0–15, 15 is the next instruction's address) of the current mode. */
  getReg(n: number): number;
  /** Writes register `n` of the current mode. */
  setReg(n: number, value: number): void;
  /** The CPSR. */
  getCpsr(): number;
  /** Writes the whole CPSR. */
  setCpsr(value: number): void;
  /** Copies `length` bytes of physical memory from `address` (devices are read as bytes). */
  readMemory(address: number, length: number): Uint8Array;
  /** Writes bytes to physical memory (RAM writes drop decoded code). */
  writeMemory(address: number, bytes: Uint8Array): void;
  /** Queues bytes for the console input (UART0 receive, or semihosting reads). */
  sendInput(bytes: Iterable<number>): void;
  /**
   * Wall-clock machines: host milliseconds until the next device event (0 when due,
   * `Infinity` when none). Virtual-clock machines answer 0 or `Infinity`.
   */
  millisecondsToNextEvent(): number;
}

/** Options of {@link Pb926Machine}. */
export interface MachineOptions {
  /** RAM size in bytes (default 128 MiB; see {@link PhysicalBusOptions.ramSize}). */
  readonly ramSize?: number;
  /** Provide ARM semihosting (`SVC 0x123456` in ARM state, `SVC 0xAB` in Thumb). Default false. */
  readonly semihosting?: boolean;
  /** `virtual` (default: guest time from instructions executed, deterministic) or `wall`. */
  readonly clock?: 'virtual' | 'wall';
  /** Instructions per guest second of the virtual clock (default 100 000 000). */
  readonly instructionsPerSecond?: number;
  /**
   * Receives every console byte: UART0 output and semihosting writes to the console (as
   * QEMU's `-semihosting-config chardev=serial0` mixes them, in program order).
   */
  readonly console?: ByteSink;
  /** Where {@link Board.sendInput} bytes go: UART0's receiver (default) or semihosting reads. */
  readonly input?: 'uart0' | 'semihosting';
  /**
   * Largest number of instructions run between two looks at the devices' clock (default
   * 8192): device reads inside a slice see the time at its start.
   */
  readonly maxSlice?: number;
  /** Seconds the PL031 and semihosting `SYS_TIME` read at guest time 0 (default 2025-01-01). */
  readonly epochSeconds?: number;
}

/** Options of `Pb926Platform`, the kernel's platform on this board. */
export interface Pb926PlatformOptions {
  /** RAM size in bytes (default 128 MiB; see {@link PhysicalBusOptions.ramSize}). */
  readonly ramSize?: number;
  /** `virtual` (default: guest time from instructions executed, deterministic) or `wall`. */
  readonly clock?: 'virtual' | 'wall';
  /** Instructions per guest second of the virtual clock (default 100 000 000; must divide 10^9). */
  readonly instructionsPerSecond?: number;
  /** Receives every byte written to UART0 (the kernel console and user code printing there). */
  readonly console?: ByteSink;
  /** Receivers of UART1, UART2 and UART3 output. */
  readonly uartOutput?: readonly (ByteSink | undefined)[];
  /** RAM ranges the kernel must not allocate (default none). */
  readonly reservedMemory?: readonly { readonly base: number; readonly size: number; readonly label?: string }[];
  /** Seconds the PL031 reads at guest time 0 (default 2025-01-01). */
  readonly epochSeconds?: number;
  /**
   * Count the traps ARM threads hand to the kernel in `Pb926Platform.traps` (default false:
   * no hook on the CPU's exception path, and `traps` is null). For `--stats`-like figures.
   */
  readonly countTraps?: boolean;
}

/** One loadable segment of an L4 program. */
export interface L4ProgramSegment {
  /** Virtual address of the first byte. */
  readonly vaddr: number;
  /** File bytes (copied to `vaddr`). */
  readonly data: Uint8Array;
  /** Bytes of memory (`data` then zeros). */
  readonly memSize: number;
  /** ELF `p_flags` (PF_X 1, PF_W 2, PF_R 4). */
  readonly flags: number;
}

/** An L4 program ready for the kernel's `spawnProgram`: its segments and entry point. */
export interface L4ProgramImage {
  /** Entry point (ARM state). */
  readonly entry: number;
  /** The loadable segments in address order (one for a raw image). */
  readonly segments: readonly L4ProgramSegment[];
}

/** How an L4 program run ended, as `bootL4` reports it. */
export type L4BootOutcome = 'idle' | 'panic' | 'budget';

/** Options of `bootL4` and `L4System`. */
export interface BootL4Options extends Pb926PlatformOptions {
  /** An ARM ELF executable (loaded by its `PT_LOAD` segments, entered at `e_entry`). */
  readonly elf?: Uint8Array;
  /** A raw little-endian image, copied to {@link BootL4Options.loadAddress} (when no `elf`). */
  readonly image?: Uint8Array;
  /** Virtual load address of a raw image, 4 KiB aligned (default 0x10000). */
  readonly loadAddress?: number;
  /** Entry point of a raw image (default its load address). */
  readonly entry?: number;
  /** Zeroed bytes mapped after a raw image (default 0). */
  readonly bssSize?: number;
  /** Stop after this many guest instructions (`bootL4` default 1 000 000 000). */
  readonly maxInstructions?: number;
  /** Scheduler ticks per guest second (default 1000). */
  readonly ticksPerSecond?: number;
  /** Bytes of RAM kept by the kernel (default: the kernel's choice). */
  readonly kernelMemory?: number;
  /** Initial stack pointer of the first thread (default the kernel's, 0x80000000). */
  readonly stackTop?: number;
  /** Bytes of stack (default the kernel's, 16 KiB). */
  readonly stackSize?: number;
  /** Name of the first thread (for traces). */
  readonly name?: string;
  /** Initial r0..r2 of the first thread. */
  readonly args?: readonly number[];
}

/** What `bootL4` returns. */
export interface BootL4Result {
  /** 0 when no thread can ever run again, 1 after a kernel panic, 124 at the instruction limit. */
  readonly status: number;
  /** How the run ended. */
  readonly outcome: L4BootOutcome;
  /** Everything written to the console (UTF-8 decoded). */
  readonly console: string;
  /** Guest instructions executed. */
  readonly instructions: number;
  /** Scheduler ticks of guest time. */
  readonly ticks: number;
}
