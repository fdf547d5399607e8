/**
 * The ARM Versatile PB926 board: device models, bus, machine assembly and image loading.
 * @packageDocumentation
 */
export type {
  AccessSize,
  Board,
  BusRegion,
  LoadedImage,
  MachineOptions,
  RunResult,
  RunStopReason,
  ByteSink,
  Clock,
  CpuInterruptInputs,
  ClockEventHandler,
  InterruptLine,
  MmioDevice,
  Pb926DeviceOptions,
  PhysicalBusOptions,
  VirtualClockLike,
  VirtualClockOptions,
  WallClockOptions,
} from './api.js';
export { BoardError } from './errors.js';
export { SignalLine, unconnectedLine } from './signal-line.js';
export { VirtualClock, DEFAULT_INSTRUCTIONS_PER_SECOND } from './clock/virtual-clock.js';
export { WallClock } from './clock/wall-clock.js';
export { PhysicalBus, DEFAULT_RAM_SIZE, MAX_RAM_SIZE } from './physical-bus.js';
export { Pl190Vic } from './devices/pl190-vic.js';
export { VersatileSic } from './devices/versatile-sic.js';
export { Sp804Timer, SP804_DEFAULT_HZ } from './devices/sp804-timer.js';
export { Pl011Uart, UART_INT_RX, UART_INT_TX, FR_RXFE, FR_RXFF, FR_TXFE, FR_TXFF } from './devices/pl011-uart.js';
export { SystemRegisters, PB926_SYS_ID, PB926_PROC_ID, SYS_LOCK_KEY } from './devices/system-registers.js';
export type { SystemRegistersOptions } from './devices/system-registers.js';
export { Pl031Rtc, DEFAULT_RTC_EPOCH } from './devices/pl031-rtc.js';
export { Sp805Watchdog, WDOG_UNLOCK_KEY } from './devices/sp805-watchdog.js';
export { Sp810SysCtrl, SP810_REFCLK_HZ, SP810_TIMCLK_HZ, SCCTRL_TIMER_SELECT } from './devices/sp810-sysctrl.js';
export { PB926_ADDRESS, PB926_VIC_IRQ, PB926_SIC_IRQ } from './pb926-map.js';
export type { Sp804Counter } from './internal/sp804-counter.js';
export { createPb926Devices } from './pb926-devices.js';
export type { Pb926Devices } from './pb926-devices.js';
export { Pb926Machine, DEFAULT_MAX_SLICE } from './machine/pb926-machine.js';
export { MachineCpu } from './machine/machine-cpu.js';
export type { SemihostingHandler } from './machine/machine-cpu.js';
export { Semihosting, SemihostingOp, ADP_STOPPED_APPLICATION_EXIT, SEMIHOSTING_TICK_HZ } from './machine/semihosting.js';
export type { SemihostingHost, SemihostingMemory } from './machine/semihosting.js';
export { loadImageInto, KERNEL_LOAD_ADDRESS, ATAG_ADDRESS, VERSATILE_PB_MACHINE_ID } from './machine/image-loader.js';
export type { BootState } from './machine/image-loader.js';
export type {
  BootL4Options,
  BootL4Result,
  L4BootOutcome,
  L4ProgramImage,
  L4ProgramSegment,
  Pb926PlatformOptions,
} from './api.js';
export { Pb926Platform, PB926_USER_DEVICES } from './platform/pb926-platform.js';
export { VicSicDriver, SIC_IRQ_BASE, PB926_IRQ_COUNT } from './platform/vic-driver.js';
export { Sp804TickDriver } from './platform/sp804-tick-driver.js';
export { Pl011ConsoleDriver } from './platform/pl011-console-driver.js';
export { BoardPlatformClock } from './platform/platform-clock.js';
export { TrapCounter } from './platform/trap-counter.js';
export { l4ProgramFromElf } from './boot/elf-program.js';
export { L4System, bootL4, L4_BOOT_STATUS, DEFAULT_L4_BOOT_LIMIT } from './boot/l4-system.js';
