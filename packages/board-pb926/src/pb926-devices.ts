import type { InterruptLine, Pb926DeviceOptions } from './api.js';
import { Pl011Uart } from './devices/pl011-uart.js';
import { Pl031Rtc } from './devices/pl031-rtc.js';
import { Pl190Vic } from './devices/pl190-vic.js';
import { Sp804Timer } from './devices/sp804-timer.js';
import { Sp805Watchdog } from './devices/sp805-watchdog.js';
import { Sp810SysCtrl } from './devices/sp810-sysctrl.js';
import { SystemRegisters } from './devices/system-registers.js';
import { VersatileSic } from './devices/versatile-sic.js';
import { PhysicalBus } from './physical-bus.js';
import { PB926_ADDRESS, PB926_SIC_IRQ, PB926_VIC_IRQ } from './pb926-map.js';

/** The devices of a Versatile PB926, wired together and mapped on a {@link PhysicalBus}. */
export interface Pb926Devices {
  /** The physical bus with RAM and every device window. */
  readonly bus: PhysicalBus;
  /** Primary interrupt controller; attach the CPU with `vic.connect(irq, fiq)`. */
  readonly vic: Pl190Vic;
  /** Secondary interrupt controller. */
  readonly sic: VersatileSic;
  /** System registers. */
  readonly sysregs: SystemRegisters;
  /** SP804 timers 0/1 and 2/3. */
  readonly timers: readonly [Sp804Timer, Sp804Timer];
  /** UART0–UART3. */
  readonly uarts: readonly [Pl011Uart, Pl011Uart, Pl011Uart, Pl011Uart];
  /** PL031 RTC. */
  readonly rtc: Pl031Rtc;
  /** SP805 watchdog, when {@link Pb926DeviceOptions.extraDevices} is set. */
  readonly watchdog: Sp805Watchdog | null;
  /** SP810 system controller, when {@link Pb926DeviceOptions.extraDevices} is set. */
  readonly sysctrl: Sp810SysCtrl | null;
}

/**
 * Builds the board's devices, wires their interrupt lines (timers to VIC 4/5, RTC to
 * VIC 10, UART0–2 to VIC 12–14, UART3 to SIC 6, SIC summary to VIC 31) and maps them at
 * their physical addresses. The CPU is attached afterwards with `vic.connect`.
 */
export function createPb926Devices(options: Pb926DeviceOptions): Pb926Devices {
  const { clock } = options;
  const bus = new PhysicalBus(options.ramSize === undefined ? {} : { ramSize: options.ramSize });
  const vic = new Pl190Vic();
  const sic = new VersatileSic((n, level) => {
    vic.setInput(n, level);
  });
  const out = options.uartOutput ?? [];
  const vicLine = (n: number): InterruptLine => vic.input(n);
  const uarts = [
    new Pl011Uart(vicLine(PB926_VIC_IRQ.uart0), out[0]),
    new Pl011Uart(vicLine(PB926_VIC_IRQ.uart1), out[1]),
    new Pl011Uart(vicLine(PB926_VIC_IRQ.uart2), out[2]),
    new Pl011Uart(sic.input(PB926_SIC_IRQ.uart3), out[3]),
  ] as const;
  const timers = [
    new Sp804Timer(clock, vicLine(PB926_VIC_IRQ.timer01)),
    new Sp804Timer(clock, vicLine(PB926_VIC_IRQ.timer23)),
  ] as const;
  const rtc = new Pl031Rtc(clock, vicLine(PB926_VIC_IRQ.rtc), options.rtcEpochSeconds);
  const sysregs = new SystemRegisters(clock);

  bus.map(PB926_ADDRESS.sysregs, sysregs);
  bus.map(PB926_ADDRESS.sic, sic);
  bus.map(PB926_ADDRESS.uart3, uarts[3]);
  bus.map(PB926_ADDRESS.vic, vic);
  bus.map(PB926_ADDRESS.timer01, timers[0]);
  bus.map(PB926_ADDRESS.timer23, timers[1]);
  bus.map(PB926_ADDRESS.rtc, rtc);
  bus.map(PB926_ADDRESS.uart0, uarts[0]);
  bus.map(PB926_ADDRESS.uart1, uarts[1]);
  bus.map(PB926_ADDRESS.uart2, uarts[2]);

  let watchdog: Sp805Watchdog | null = null;
  let sysctrl: Sp810SysCtrl | null = null;
  if (options.extraDevices === true) {
    watchdog = new Sp805Watchdog(clock, vicLine(PB926_VIC_IRQ.watchdog), options.onWatchdogReset);
    const honour = options.honourTimerClockSelect === true;
    sysctrl = new Sp810SysCtrl(
      honour
        ? (timer, hz) => {
            timers[timer >> 1]!.setInputHz((timer & 1) as 0 | 1, hz);
          }
        : undefined,
    );
    bus.map(PB926_ADDRESS.sp810, sysctrl);
    bus.map(PB926_ADDRESS.sp805, watchdog);
  }
  bus.resetDevices();
  return { bus, vic, sic, sysregs, timers, uarts, rtc, watchdog, sysctrl };
}
