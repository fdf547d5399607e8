import { Cpu, ExceptionModel } from '@codezero-ts/arm-core';
import type { MemoryRange, Platform } from '@codezero-ts/kernel';
import { Cp15, MmuBus } from '@codezero-ts/mmu';
import type { Clock, Pb926PlatformOptions } from '../api.js';
import { VirtualClock } from '../clock/virtual-clock.js';
import { WallClock } from '../clock/wall-clock.js';
import { createPb926Devices } from '../pb926-devices.js';
import type { Pb926Devices } from '../pb926-devices.js';
import { PB926_ADDRESS } from '../pb926-map.js';
import type { PhysicalBus } from '../physical-bus.js';
import { Pl011ConsoleDriver } from './pl011-console-driver.js';
import { BoardPlatformClock } from './platform-clock.js';
import { Sp804TickDriver } from './sp804-tick-driver.js';
import { TrapCounter } from './trap-counter.js';
import { VicSicDriver } from './vic-driver.js';

const PAGE = 4096;

/**
 * Device windows a user-level driver may be given (mapped with USR_IO): everything but the
 * interrupt controllers and the kernel's tick timer module. UART0 is shared with the kernel
 * console, as on the original, so a program can print on the same terminal.
 */
export const PB926_USER_DEVICES: readonly MemoryRange[] = [
  { base: PB926_ADDRESS.sysregs, size: PAGE, label: 'system registers' },
  { base: PB926_ADDRESS.uart3, size: PAGE, label: 'uart3' },
  { base: PB926_ADDRESS.timer23, size: PAGE, label: 'sp804 timers 2/3 (VIC 5)' },
  { base: PB926_ADDRESS.rtc, size: PAGE, label: 'pl031 rtc (VIC 10)' },
  { base: PB926_ADDRESS.uart0, size: PAGE, label: 'uart0 (VIC 12, the console)' },
  { base: PB926_ADDRESS.uart1, size: PAGE, label: 'uart1 (VIC 13)' },
  { base: PB926_ADDRESS.uart2, size: PAGE, label: 'uart2 (VIC 14)' },
];

/**
 * The kernel's `Platform` on the Versatile PB926: an arm-core CPU in the hosted exception
 * model on an `MmuBus` over the board's {@link PhysicalBus} with every device, and drivers
 * that program the emulated devices through their registers: {@link VicSicDriver} (VIC +
 * SIC), {@link Sp804TickDriver} (SP804 timer 0), {@link Pl011ConsoleDriver} (UART0). Guest
 * time is the board's deterministic `VirtualClock` (instruction-counted) unless
 * `clock: 'wall'`.
 *
 * The CPU's IRQ input is not driven: the kernel polls {@link VicSicDriver.pending} after
 * every slice, and slices end at the next device event.
 */
export class Pb926Platform implements Platform {
  /** The CPU (hosted exception model, user mode while the kernel runs it). */
  readonly cpu: Cpu;
  /** CP15: the kernel writes TTBR, DACR and c1 through it. */
  readonly cp15: Cp15;
  /** The board's physical bus (RAM at 0 and every device window). */
  readonly memory: PhysicalBus;
  /** RAM the kernel must not allocate (from the options; default none). */
  readonly reservedMemory: readonly MemoryRange[];
  /** Device windows for user-level drivers ({@link PB926_USER_DEVICES}). */
  readonly deviceMemory: readonly MemoryRange[] = PB926_USER_DEVICES;
  /**
   * The window of the console UART (UART0): the kernel publishes its base in the KIP so an
   * L4 program knows which device page to map and print on.
   */
  readonly consoleDevice: MemoryRange = { base: PB926_ADDRESS.uart0, size: PAGE, label: 'uart0' };
  /** The VIC/SIC driver. */
  readonly interrupts: VicSicDriver;
  /** The SP804 tick driver. */
  readonly timer: Sp804TickDriver;
  /** The PL011 console driver. */
  readonly console: Pl011ConsoleDriver;
  /** Guest time for the kernel. */
  readonly clock: BoardPlatformClock;
  /** The board's devices. */
  readonly devices: Pb926Devices;
  /** The board clock every device follows. */
  readonly boardClock: Clock;
  /** The CPU's view of memory through the MMU. */
  readonly mmuBus: MmuBus;
  /**
   * What ARM threads handed to the kernel: system calls, IPC calls, faults (through
   * `cpu.onException`); null unless the platform was built with `countTraps: true`, so an
   * ordinary run pays nothing per trap.
   */
  readonly traps: TrapCounter | null;
  #idleInstructions = 0;

  /** Builds the board and initialises the interrupt controllers and the console UART. */
  constructor(options: Pb926PlatformOptions = {}) {
    const holder: { cpu: Cpu | null } = { cpu: null };
    this.boardClock =
      options.clock === 'wall'
        ? new WallClock()
        : new VirtualClock({
            ...(options.instructionsPerSecond === undefined ? {} : { instructionsPerSecond: options.instructionsPerSecond }),
            instructionCounter: () => (holder.cpu === null ? 0 : holder.cpu.instructions) + this.#idleInstructions,
          });
    const sink = options.console;
    this.devices = createPb926Devices({
      clock: this.boardClock,
      uartOutput: [sink, ...(options.uartOutput ?? [])],
      ...(options.ramSize === undefined ? {} : { ramSize: options.ramSize }),
      ...(options.epochSeconds === undefined ? {} : { rtcEpochSeconds: options.epochSeconds }),
    });
    const bus = this.devices.bus;
    this.memory = bus;
    this.reservedMemory = options.reservedMemory ?? [];
    this.cp15 = new Cp15();
    this.mmuBus = new MmuBus(bus, this.cp15);
    const cpu = new Cpu(this.mmuBus, { exceptionModel: ExceptionModel.Hosted });
    holder.cpu = cpu;
    this.cpu = cpu;
    this.mmuBus.attach(cpu);
    this.cp15.attach(cpu);
    cpu.setCoprocessor(15, this.cp15);
    if (options.countTraps === true) {
      this.traps = new TrapCounter();
      this.traps.attach(cpu);
    } else {
      this.traps = null;
    }
    bus.onRamWrite = (offset, length) => {
      cpu.invalidateCode(offset, length);
    };
    this.interrupts = new VicSicDriver(bus);
    this.timer = new Sp804TickDriver(bus);
    this.console = new Pl011ConsoleDriver(bus);
    this.clock = new BoardPlatformClock(this.boardClock, (n) => {
      this.#idleInstructions += n;
    });
  }

  /** Instructions of guest time the CPU slept through while every thread waited (virtual clock). */
  get idleInstructions(): number {
    return this.#idleInstructions;
  }

  /** Queues bytes for UART0's receiver (what a user types on the console). */
  sendInput(bytes: Iterable<number>): void {
    this.devices.uarts[0].receive(bytes);
  }
}
