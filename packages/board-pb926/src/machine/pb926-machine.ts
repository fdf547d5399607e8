import { AccessKind, StopReason } from '@codezero-ts/arm-core';
import { Cp15, MmuBus } from '@codezero-ts/mmu';
import type { Board, ByteSink, Clock, LoadedImage, MachineOptions, RunResult } from '../api.js';
import { BoardError } from '../errors.js';
import { VirtualClock } from '../clock/virtual-clock.js';
import { WallClock } from '../clock/wall-clock.js';
import { DEFAULT_RTC_EPOCH } from '../devices/pl031-rtc.js';
import { createPb926Devices } from '../pb926-devices.js';
import type { Pb926Devices } from '../pb926-devices.js';
import { loadImageInto } from './image-loader.js';
import { MachineCpu } from './machine-cpu.js';
import { Semihosting } from './semihosting.js';

/** Default bound of one CPU run slice between looks at the clock. */
export const DEFAULT_MAX_SLICE = 8192;

const SVC_MODE_MASKED = 0x1d3;

/**
 * The ARM Versatile PB926 machine: an ARM926EJ-S (arm-core, machine exception model) with
 * CP15 and the MMU (`mmu`) over this package's devices and physical bus, loading images as
 * `qemu-system-arm -M versatilepb -kernel` does, with optional ARM semihosting.
 *
 * Time: with the default virtual clock, guest time is the instruction count (plus the
 * instructions a wait-for-interrupt skips), and every run slice ends at the next device
 * event, so a timer interrupt arrives at the same instruction on every host.
 */
export class Pb926Machine implements Board {
  /** Board name. */
  readonly name = 'pb926';
  /** The CPU. */
  readonly cpu: MachineCpu;
  /** CP15 (MMU and system control). */
  readonly cp15: Cp15;
  /** The CPU's view of memory (through the MMU). */
  readonly mmuBus: MmuBus;
  /** The devices and the physical bus. */
  readonly devices: Pb926Devices;
  /** The clock every device follows. */
  readonly clock: Clock;
  readonly #maxSlice: number;
  readonly #console: ByteSink;
  readonly #inputToSemihosting: boolean;
  readonly #semihostingInput: number[] = [];
  readonly #epochSeconds: number;
  /** Instructions a wait-for-interrupt skipped (virtual clock only). */
  #idle = 0;
  #exitCode: number | null = null;

  /** Creates the machine with zeroed RAM, the CPU at the reset vector. */
  constructor(options: MachineOptions = {}) {
    const maxSlice = options.maxSlice ?? DEFAULT_MAX_SLICE;
    if (!Number.isSafeInteger(maxSlice) || maxSlice < 1) throw new BoardError('bad-slice', `maxSlice must be a positive integer, got ${String(maxSlice)}`);
    this.#maxSlice = maxSlice;
    this.#console = options.console ?? (() => undefined);
    this.#inputToSemihosting = options.input === 'semihosting';
    this.#epochSeconds = options.epochSeconds ?? DEFAULT_RTC_EPOCH;
    const holder: { cpu: MachineCpu | null } = { cpu: null };
    this.clock =
      options.clock === 'wall'
        ? new WallClock({ maxSlice })
        : new VirtualClock({
            ...(options.instructionsPerSecond === undefined ? {} : { instructionsPerSecond: options.instructionsPerSecond }),
            instructionCounter: () => (holder.cpu === null ? 0 : holder.cpu.liveInstructions + this.#idle),
          });
    const devices = createPb926Devices({
      clock: this.clock,
      rtcEpochSeconds: this.#epochSeconds,
      uartOutput: [this.#console],
      ...(options.ramSize === undefined ? {} : { ramSize: options.ramSize }),
    });
    this.devices = devices;
    this.cp15 = new Cp15();
    this.mmuBus = new MmuBus(devices.bus, this.cp15);
    const cpu = new MachineCpu(this.mmuBus);
    holder.cpu = cpu;
    this.cpu = cpu;
    cpu.setCoprocessor(15, this.cp15);
    this.cp15.attach(cpu);
    this.mmuBus.attach(cpu);
    devices.bus.onRamWrite = (offset, length) => { cpu.invalidateCode(offset, length); };
    devices.vic.connectCpu(cpu);
    cpu.onPrefetchAbort = (fsr) => { this.cp15.recordPrefetchAbort(fsr); };
    cpu.onDataAbort = (address, fsr) => { this.cp15.recordDataAbort(address, fsr); };
    if (options.semihosting === true) {
      const semihosting = new Semihosting(this.#virtualMemory(), {
        console: this.#console,
        readByte: () => this.#semihostingInput.shift() ?? -1,
        nanoseconds: () => this.clock.now(),
        epochSeconds: () => (this.clock.kind === 'wall' ? Date.now() / 1000 : this.#epochSeconds + this.clock.now() / 1e9),
        exit: (status) => {
          this.#exitCode = status;
          cpu.requestStop();
        },
      });
      cpu.semihosting = (op, arg) => semihosting.call(op, arg);
    }
  }

  /** RAM size in bytes. */
  get ramSize(): number {
    return this.devices.bus.ramSize;
  }

  /** Instructions executed since creation. */
  get instructions(): number {
    return this.cpu.instructions;
  }

  /** Guest time in nanoseconds. */
  get guestNanoseconds(): number {
    return this.clock.now();
  }

  /** The guest's semihosting exit status, or `null`. */
  get exitCode(): number | null {
    return this.#exitCode;
  }

  /** Loads an ELF or raw image (see {@link Board.loadImage}). */
  loadImage(bytes: Uint8Array): LoadedImage {
    const boot = loadImageInto(bytes, this.devices.bus.ram);
    const cpu = this.cpu;
    for (const seg of boot.image.segments) cpu.invalidateCode(seg.start, seg.end - seg.start);
    for (let i = 0; i < 15; i++) cpu.setReg(i, 0);
    cpu.cpsr = SVC_MODE_MASKED | (boot.thumb ? 0x20 : 0);
    cpu.pc = boot.pc;
    return boot.image;
  }

  /** Runs up to `maxInstructions` instructions (see {@link Board.run}). */
  run(maxInstructions: number): RunResult {
    const cpu = this.cpu;
    const clock = this.clock;
    const start = cpu.instructions;
    const result = (reason: RunResult['reason']): RunResult => ({ reason, instructions: cpu.instructions - start, exitCode: this.#exitCode });
    if (this.#exitCode !== null) return result('exit');
    let idleBudget = maxInstructions;
    for (;;) {
      clock.runDue();
      const left = maxInstructions - (cpu.instructions - start);
      if (left <= 0) return result('limit');
      if (cpu.isHalted) {
        const next = clock.nextEventTime();
        if (next === Infinity) return result('halted');
        if (clock.kind === 'wall') {
          if (next > clock.now()) return result('halted');
        } else {
          // Sleep to the next event; a guest that waits through more events than its
          // instruction budget without waking (interrupts not routed) stops as halted.
          const skip = Math.max(clock.instructionsUntil(next), 1);
          idleBudget -= skip;
          if (idleBudget < 0) return result('halted');
          this.#idle += skip;
        }
        continue;
      }
      const budget = Math.max(1, Math.min(left, this.#maxSlice, clock.instructionsUntil(clock.nextEventTime())));
      const reason = cpu.run(budget);
      if (reason === StopReason.Requested && this.exitCode !== null) return result('exit');
    }
  }

  /** Register `n` of the current mode. */
  getReg(n: number): number {
    return this.cpu.getReg(n);
  }

  /** Writes register `n` of the current mode. */
  setReg(n: number, value: number): void {
    this.cpu.setReg(n, value);
  }

  /** The CPSR. */
  getCpsr(): number {
    return this.cpu.cpsr;
  }

  /** Writes the CPSR. */
  setCpsr(value: number): void {
    this.cpu.cpsr = value;
  }

  /** Copies physical memory. */
  readMemory(address: number, length: number): Uint8Array {
    const bus = this.devices.bus;
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      const a = (address + i) >>> 0;
      out[i] = a < bus.ramSize ? bus.ram[a]! : bus.read8(a);
    }
    return out;
  }

  /** Writes physical memory. */
  writeMemory(address: number, bytes: Uint8Array): void {
    const bus = this.devices.bus;
    for (let i = 0; i < bytes.length; i++) bus.write8((address + i) >>> 0, bytes[i]!);
  }

  /** Queues console input. */
  sendInput(bytes: Iterable<number>): void {
    if (this.#inputToSemihosting) {
      for (const b of bytes) this.#semihostingInput.push(b & 0xff);
    } else {
      this.devices.uarts[0].receive(bytes);
    }
  }

  /** Host milliseconds to the next device event (wall clock), else 0 or `Infinity`. */
  millisecondsToNextEvent(): number {
    const next = this.clock.nextEventTime();
    if (next === Infinity) return Infinity;
    return Math.max(0, (next - this.clock.now()) / 1e6);
  }

  /** Guest memory at virtual addresses, privileged, for semihosting parameter blocks. */
  #virtualMemory(): ConstructorParameters<typeof Semihosting>[0] {
    const bus = this.mmuBus;
    const read8 = (a: number): number => {
      const v = bus.read8(a >>> 0, AccessKind.Read, true);
      bus.fault = 0;
      return v & 0xff;
    };
    const write8 = (a: number, v: number): void => {
      bus.write8(a >>> 0, v & 0xff, true);
      bus.fault = 0;
    };
    return {
      read8,
      write8,
      read32: (a) => (read8(a) | (read8(a + 1) << 8) | (read8(a + 2) << 16) | (read8(a + 3) << 24)) >>> 0,
      write32: (a, v) => {
        for (let i = 0; i < 4; i++) write8(a + i, v >>> (8 * i));
      },
    };
  }
}
