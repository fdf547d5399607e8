import { Cpu, ExceptionModel } from '@codezero-ts/arm-core';
import { Cp15, MmuBus } from '@codezero-ts/mmu';
import type { PhysicalBus } from '@codezero-ts/mmu';
import type { ConsolePort, InterruptController, MemoryRange, Platform, PlatformClock, TickTimer } from './api.js';
import { KernelError } from './errors.js';

/** Options of {@link VirtualPlatform}. */
export interface VirtualPlatformOptions {
  /** RAM bytes at physical address 0 (multiple of 4 KiB). Default 16 MiB. */
  readonly ramSize?: number;
  /** Guest instructions per guest second (default 10 000 000). */
  readonly instructionsPerSecond?: number;
  /** Number of interrupt sources (default 32). The tick timer is source 0. */
  readonly irqCount?: number;
  /** Called with each console byte written. */
  readonly onConsoleByte?: (byte: number) => void;
}

/** Physical base of the virtual platform's console UART (where the PB926 has UART0). */
export const VIRTUAL_UART_BASE = 0x101f1000;
const UART_DR = 0x00;
const UART_FR = 0x18;
/** FR bits: receive FIFO empty, transmit FIFO empty. */
const FR_RXFE = 0x10;
const FR_TXFE = 0x80;

/** The console as a register window: DR and FR of a PL011, nothing else. */
interface UartPort {
  write(byte: number): void;
  read(): number;
  hasInput(): boolean;
}

/** RAM at address 0, little-endian, and a PL011-like console window at {@link VIRTUAL_UART_BASE}. */
class RamBus implements PhysicalBus {
  readonly ram: Uint8Array;
  readonly ramBase = 0;
  readonly #view: DataView;
  readonly #uart: UartPort;
  constructor(size: number, uart: UartPort) {
    this.ram = new Uint8Array(size);
    this.#view = new DataView(this.ram.buffer);
    this.#uart = uart;
  }
  #ok(pa: number, n: number): boolean {
    return pa >= 0 && pa + n <= this.ram.length;
  }
  #uartRead(pa: number): number {
    const off = pa - VIRTUAL_UART_BASE;
    if (off === UART_DR) {
      const b = this.#uart.read();
      return b < 0 ? 0 : b;
    }
    if (off === UART_FR) return FR_TXFE | (this.#uart.hasInput() ? 0 : FR_RXFE);
    return 0;
  }
  #uartWrite(pa: number, v: number): void {
    if (pa - VIRTUAL_UART_BASE === UART_DR) this.#uart.write(v & 0xff);
  }
  #isUart(pa: number): boolean {
    return pa >= VIRTUAL_UART_BASE && pa < VIRTUAL_UART_BASE + 0x1000;
  }
  read8(pa: number): number {
    if (this.#ok(pa, 1)) return this.ram[pa]!;
    return this.#isUart(pa) ? this.#uartRead(pa) & 0xff : 0;
  }
  read16(pa: number): number {
    if (this.#ok(pa, 2)) return this.#view.getUint16(pa, true);
    return this.#isUart(pa) ? this.#uartRead(pa) & 0xffff : 0;
  }
  read32(pa: number): number {
    if (this.#ok(pa, 4)) return this.#view.getUint32(pa, true);
    return this.#isUart(pa) ? this.#uartRead(pa) : 0;
  }
  write8(pa: number, v: number): void {
    if (this.#ok(pa, 1)) this.ram[pa] = v;
    else if (this.#isUart(pa)) this.#uartWrite(pa, v);
  }
  write16(pa: number, v: number): void {
    if (this.#ok(pa, 2)) this.#view.setUint16(pa, v, true);
    else if (this.#isUart(pa)) this.#uartWrite(pa, v);
  }
  write32(pa: number, v: number): void {
    if (this.#ok(pa, 4)) this.#view.setUint32(pa, v >>> 0, true);
    else if (this.#isUart(pa)) this.#uartWrite(pa, v);
  }
}

/**
 * A board-less {@link Platform}: RAM at 0, a tick timer that counts guest instructions (so
 * time is deterministic), an interrupt controller that is a bit mask, and a console that
 * collects bytes (also reachable by user code as a PL011-like data/flag register window at
 * {@link VIRTUAL_UART_BASE}). It lets the kernel, and packages built on it, be tested without a board
 * model. Interrupt sources other than the timer are raised by {@link VirtualPlatform.raise}.
 */
export class VirtualPlatform implements Platform {
  /** {@inheritDoc Platform.cpu} */
  readonly cpu: Cpu;
  /** {@inheritDoc Platform.cp15} */
  readonly cp15: Cp15;
  /** {@inheritDoc Platform.memory} */
  readonly memory: PhysicalBus;
  /** {@inheritDoc Platform.reservedMemory} */
  readonly reservedMemory: readonly MemoryRange[] = [];
  /** Device windows user-level drivers may map: here only the console UART's page. */
  readonly deviceMemory: readonly MemoryRange[] = [{ base: VIRTUAL_UART_BASE, size: 0x1000, label: 'uart' }];
  /** {@inheritDoc Platform.consoleDevice} */
  readonly consoleDevice: MemoryRange = { base: VIRTUAL_UART_BASE, size: 0x1000, label: 'uart' };
  /** {@inheritDoc Platform.interrupts} */
  readonly interrupts: InterruptController;
  /** {@inheritDoc Platform.timer} */
  readonly timer: TickTimer;
  /** {@inheritDoc Platform.console} */
  readonly console: ConsolePort;
  /** {@inheritDoc Platform.clock} */
  readonly clock: PlatformClock;
  /** Guest instructions per guest second. */
  readonly instructionsPerSecond: number;
  /** Everything written to the console so far. */
  consoleOutput = '';
  /** Bytes the console will read, first first. */
  readonly consoleInput: number[] = [];
  #enabled = 0;
  #pending = 0;
  #period = 0;
  #nextTick = Infinity;
  #skipped = 0;

  /** Creates the platform; throws {@link KernelError} `bad-option` for a bad size or rate. */
  constructor(options: VirtualPlatformOptions = {}) {
    const size = options.ramSize ?? 16 * 1024 * 1024;
    if (!Number.isInteger(size) || size <= 0 || size % 4096 !== 0 || size > VIRTUAL_UART_BASE - 0x1000) {
      throw new KernelError('bad-option', `ramSize ${size} is not a positive multiple of 4 KiB below 0x101F0000`);
    }
    const ips = options.instructionsPerSecond ?? 10_000_000;
    if (!Number.isInteger(ips) || ips <= 0) throw new KernelError('bad-option', `instructionsPerSecond ${ips} is not a positive integer`);
    const irqs = options.irqCount ?? 32;
    if (!Number.isInteger(irqs) || irqs < 1 || irqs > 32) throw new KernelError('bad-option', `irqCount ${irqs} is not 1..32`);
    this.instructionsPerSecond = ips;
    const ram = new RamBus(size, {
      write: (b) => {
        this.console.write(b);
      },
      read: () => this.console.read(),
      hasInput: () => this.consoleInput.length > 0,
    });
    this.memory = ram;
    this.cp15 = new Cp15();
    const bus = new MmuBus(ram, this.cp15);
    this.cpu = new Cpu(bus, { exceptionModel: ExceptionModel.Hosted });
    bus.attach(this.cpu);
    this.cp15.attach(this.cpu);
    this.cpu.setCoprocessor(15, this.cp15);
    const onByte = options.onConsoleByte;
    this.console = {
      write: (b) => {
        this.consoleOutput += String.fromCharCode(b & 0xff);
        onByte?.(b & 0xff);
      },
      read: () => this.consoleInput.shift() ?? -1,
    };
    this.interrupts = {
      count: irqs,
      enable: (irq) => {
        this.#enabled |= 1 << irq;
      },
      disable: (irq) => {
        this.#enabled &= ~(1 << irq);
      },
      pending: () => {
        this.#catchUp();
        const p = this.#pending & this.#enabled;
        return p === 0 ? -1 : 31 - Math.clz32(p & -p);
      },
    };
    this.timer = {
      irq: 0,
      start: (tps) => {
        this.#period = Math.max(1, Math.round(ips / tps));
        this.#nextTick = this.#count() + this.#period;
      },
      acknowledge: () => {
        this.#pending &= ~1;
      },
    };
    this.clock = {
      now: () => Math.round((this.#count() * 1e9) / ips),
      instructionsUntilEvent: () => (this.#nextTick === Infinity ? Infinity : Math.max(1, this.#nextTick - this.#count())),
      runDue: () => {
        this.#catchUp();
      },
      idle: () => {
        if (this.#nextTick === Infinity) return false;
        const c = this.#count();
        if (this.#nextTick > c) this.#skipped += this.#nextTick - c;
        this.#catchUp();
        return true;
      },
    };
  }

  /** Raises interrupt source `irq` (a device of a test). */
  raise(irq: number): void {
    this.#pending |= 1 << irq;
  }

  #count(): number {
    return this.cpu.instructions + this.#skipped;
  }

  #catchUp(): void {
    const c = this.#count();
    if (c >= this.#nextTick) {
      this.#pending |= 1;
      this.#nextTick += Math.ceil((c - this.#nextTick + 1) / this.#period) * this.#period;
    }
  }
}
