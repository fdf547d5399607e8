/*
 * The console: the program drives the platform's UART itself, as the original's user-space
 * UART library did. The KIP says where the PL011 is (physical base at +0x54); its page is
 * mapped uncached (USR_IO) into this space. Bytes go to the data register once the flag
 * register says the transmit FIFO has room.
 */
#include <l4/l4.h>

#define UART_DR 0x00
#define UART_FR 0x18
#define FR_TXFF (1u << 5)

static volatile u32 *uart;

void l4_console_init(void) {
  u32 base = *(volatile u32 *)(L4_KIP_ADDRESS + L4_KIP_OFF_CONSOLE);
  if (base == 0) return;
  if (l4_map(base, L4_CONSOLE_VBASE, 1, MAP_USR_IO, self_tid()) < 0) return;
  uart = (volatile u32 *)L4_CONSOLE_VBASE;
}

void l4_putc(int c) {
  if (uart == NULL) return;
  while (uart[UART_FR / 4] & FR_TXFF) {
  }
  uart[UART_DR / 4] = (u32)(c & 0xff);
}
