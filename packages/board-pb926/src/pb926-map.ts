/** Physical base addresses of the Versatile PB926 devices modelled here. */
export const PB926_ADDRESS = {
  /** SDRAM. */
  ram: 0x00000000,
  /** System registers. */
  sysregs: 0x10000000,
  /** Secondary interrupt controller. */
  sic: 0x10003000,
  /** UART3 (PL011). */
  uart3: 0x10009000,
  /** PL190 vectored interrupt controller. */
  vic: 0x10140000,
  /** SP810 system controller (not mapped by QEMU). */
  sp810: 0x101e0000,
  /** SP805 watchdog (not mapped by QEMU). */
  sp805: 0x101e1000,
  /** SP804 timers 0 and 1. */
  timer01: 0x101e2000,
  /** SP804 timers 2 and 3. */
  timer23: 0x101e3000,
  /** PL031 real-time clock. */
  rtc: 0x101e8000,
  /** UART0 (PL011). */
  uart0: 0x101f1000,
  /** UART1 (PL011). */
  uart1: 0x101f2000,
  /** UART2 (PL011). */
  uart2: 0x101f3000,
} as const;

/** VIC input numbers of the board's interrupt sources. */
export const PB926_VIC_IRQ = {
  /** SP805 watchdog. */
  watchdog: 0,
  /** SP804 timers 0/1. */
  timer01: 4,
  /** SP804 timers 2/3. */
  timer23: 5,
  /** PL031. */
  rtc: 10,
  /** UART0. */
  uart0: 12,
  /** UART1. */
  uart1: 13,
  /** UART2. */
  uart2: 14,
  /** SIC summary. */
  sic: 31,
} as const;

/** SIC input numbers of the board's interrupt sources. */
export const PB926_SIC_IRQ = {
  /** UART3. */
  uart3: 6,
} as const;
