import { BoardError, SignalLine, VirtualClock, createPb926Devices } from '../src/index.js';
import type { Pb926DeviceOptions, Pb926Devices } from '../src/index.js';

/** The `code` of the BoardError `fn` throws, or 'no error'. */
export function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof BoardError ? e.code : `not a BoardError: ${String(e)}`;
  }
  return 'no error';
}

/** A whole board on a virtual clock (1 instruction = 10 ns) with the CPU lines probed. */
export interface TestBoard extends Pb926Devices {
  readonly clock: VirtualClock;
  readonly cpuIrq: SignalLine;
  readonly cpuFiq: SignalLine;
  readonly uart0Out: number[];
  r32(addr: number): number;
  w32(addr: number, value: number): void;
  /** Advances guest time by `ns` (a multiple of 10) and fires due events. */
  run(ns: number): void;
}

/** Builds a {@link TestBoard}. */
export function testBoard(options: Partial<Pb926DeviceOptions> = {}): TestBoard {
  const clock = new VirtualClock();
  const uart0Out: number[] = [];
  const devices = createPb926Devices({ clock, uartOutput: [(b) => uart0Out.push(b)], ...options });
  const cpuIrq = new SignalLine();
  const cpuFiq = new SignalLine();
  devices.vic.connect(cpuIrq, cpuFiq);
  return {
    ...devices,
    clock,
    cpuIrq,
    cpuFiq,
    uart0Out,
    r32: (addr) => devices.bus.read32(addr) >>> 0,
    w32: (addr, value) => {
      devices.bus.write32(addr, value);
    },
    run: (ns) => {
      // Step from event to event, as a machine does.
      const end = clock.now() + ns;
      clock.runDue();
      while (clock.now() < end) {
        clock.advance(clock.instructionsUntil(Math.min(clock.nextEventTime(), end)));
        clock.runDue();
      }
    },
  };
}

/** Register addresses used across tests. */
export const VIC = 0x10140000;
export const SIC = 0x10003000;
export const T0 = 0x101e2000;
export const T1 = 0x101e2020;
export const T2 = 0x101e3000;
export const T3 = 0x101e3020;
export const UART0 = 0x101f1000;
export const UART3 = 0x10009000;
export const SYS = 0x10000000;
export const RTC = 0x101e8000;
export const WDOG = 0x101e1000;
export const SCTL = 0x101e0000;

/** The eight identification bytes at 0xFE0–0xFFC. */
export function idBytes(b: TestBoard, base: number): number[] {
  const out: number[] = [];
  for (let off = 0xfe0; off < 0x1000; off += 4) out.push(b.r32(base + off) & 0xff);
  return out;
}
