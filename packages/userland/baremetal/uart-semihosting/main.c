/* PL011 registers of UART0 (and the identification of UART1/2) and ARM semihosting output
 * calls (SYS_WRITEC, SYS_WRITE0, SYS_WRITE to a handle from SYS_OPEN ":tt", SYS_CLOSE),
 * interleaved with UART0 output; ends with SYS_EXIT_EXTENDED. Time calls are checked for
 * success only. Register writes stay within the documented field widths. */
#include "lib.h"

const char image_name[] = "uart-semihosting";

#define U0 UART0_BASE
#define SYS_OPEN 0x01
#define SYS_CLOSE 0x02
#define SYS_CLOCK 0x10
#define SYS_TIME 0x11
#define SYS_ERRNO 0x13
#define SYS_ELAPSED 0x30
#define SYS_TICKFREQ 0x31
#define SYS_EXIT_EXTENDED 0x20

static void ids(const char *name, uint32_t base)
{
    pr("%s id:", name);
    for (uint32_t off = 0xFE0; off < 0x1000; off += 4)
        pr(" %02x", REG32(base + off) & 0xff);
    pr("\n");
}

static void uart_registers(void)
{
    ids("uart0", U0);
    ids("uart1", 0x101F2000u);
    ids("uart2", 0x101F3000u);
    uint32_t fr = REG32(U0 + UART_FR);
    pr("uart0 fr=%03x (txfe=%u rxff=%u txff=%u rxfe=%u busy=%u)\n", fr, (fr >> 7) & 1, (fr >> 6) & 1, (fr >> 5) & 1,
       (fr >> 4) & 1, (fr >> 3) & 1);
    pr("uart0 cr=%04x lcr_h=%02x ifls=%02x imsc=%03x rsr=%x\n", REG32(U0 + UART_CR), REG32(U0 + UART_LCR_H),
       REG32(U0 + UART_IFLS), REG32(U0 + UART_IMSC), REG32(U0 + UART_RSR));
    REG32(U0 + UART_IBRD) = 0x1234;
    REG32(U0 + UART_FBRD) = 0x2a;
    pr("uart0 ibrd=%x fbrd=%x\n", REG32(U0 + UART_IBRD), REG32(U0 + UART_FBRD));
    REG32(U0 + UART_LCR_H) = 0x70; /* 8 bits, FIFOs on */
    REG32(U0 + UART_IFLS) = 0x09;
    pr("uart0 lcr_h=%02x ifls=%02x fr=%03x\n", REG32(U0 + UART_LCR_H), REG32(U0 + UART_IFLS), REG32(U0 + UART_FR));
    REG32(U0 + UART_ICR) = 0x7ff;
    pr("uart0 after icr: ris=%03x\n", REG32(U0 + UART_RIS));
    pr("uart0 after printing: ris=%03x mis=%03x\n", REG32(U0 + UART_RIS), REG32(U0 + UART_MIS));
    REG32(U0 + UART_IMSC) = 0x20;
    pr("uart0 imsc=%03x mis=%03x\n", REG32(U0 + UART_IMSC), REG32(U0 + UART_MIS));
    REG32(U0 + UART_IMSC) = 0;
    REG32(U0 + UART_ICR) = 0x7ff;
}

static void semihosting(void)
{
    pr("uart: before semihosting\n");
    semihost_write0("semihosting SYS_WRITE0: hello\n");
    pr("uart: between\n");
    const char *s = "SYS_WRITEC\n";
    semihost_writec('[');
    while (*s)
        semihost_writec(*s++);
    volatile uint32_t open_block[3] = { (uint32_t)(uintptr_t)":tt", 4, 3 }; /* mode 4 = "w" */
    uint32_t h = semihost_call(SYS_OPEN, (uint32_t)(uintptr_t)open_block);
    pr("uart: open :tt ok=%u\n", h != 0xffffffffu);
    static const char msg[] = "semihosting SYS_WRITE: only up to this newline\nNOT WRITTEN\n";
    uint32_t len = 0;
    while (msg[len] != '\n')
        len++;
    uint32_t left = semihost_write(h, msg, len + 1);
    pr("uart: SYS_WRITE left=%u\n", left);
    volatile uint32_t hb = h;
    uint32_t closed = semihost_call(SYS_CLOSE, (uint32_t)(uintptr_t)&hb);
    pr("uart: SYS_CLOSE=%u\n", closed);
    uint32_t clock = semihost_call(SYS_CLOCK, 0);
    uint32_t time = semihost_call(SYS_TIME, 0);
    volatile uint32_t elapsed[2] = { 0, 0 };
    uint32_t e = semihost_call(SYS_ELAPSED, (uint32_t)(uintptr_t)elapsed);
    uint32_t freq = semihost_call(SYS_TICKFREQ, 0);
    pr("uart: SYS_CLOCK ok=%u SYS_TIME ok=%u SYS_ELAPSED ok=%u SYS_TICKFREQ ok=%u\n", clock != 0xffffffffu,
       time != 0xffffffffu && time != 0, e == 0, freq != 0xffffffffu && freq != 0);
}

int main(void)
{
    uart_registers();
    semihosting();
    pr("END %s 0\n", image_name);
    volatile uint32_t block[2] = { 0x20026u, 0 };
    semihost_call(SYS_EXIT_EXTENDED, (uint32_t)(uintptr_t)block);
    pr("SYS_EXIT_EXTENDED returned\n");
    finish(1);
}
