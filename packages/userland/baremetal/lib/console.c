/* Console output on UART0 (PL011): polled transmit, no interrupts, no libc. */
#include <stdarg.h>
#include "lib.h"

void uart_putc(char c)
{
    while (REG32(UART0_BASE + UART_FR) & UART_FR_TXFF)
        ;
    REG32(UART0_BASE + UART_DR) = (uint8_t)c;
}

void put_str(const char *s)
{
    while (*s)
        uart_putc(*s++);
}

void put_hexn(uint32_t v, int digits)
{
    for (int i = digits - 1; i >= 0; i--)
        uart_putc("0123456789abcdef"[(v >> (4 * i)) & 15]);
}

void put_hex(uint32_t v) { put_hexn(v, 8); }

static void put_udec_width(uint32_t v, int width, char pad)
{
    char buf[12];
    int n = 0;
    do {
        buf[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (width-- > n)
        uart_putc(pad);
    while (n)
        uart_putc(buf[--n]);
}

void put_dec(uint32_t v) { put_udec_width(v, 0, ' '); }

void put_sdec(int32_t v)
{
    if (v < 0) {
        uart_putc('-');
        put_udec_width(0u - (uint32_t)v, 0, ' ');
    } else {
        put_udec_width((uint32_t)v, 0, ' ');
    }
}

void pr(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            uart_putc(*fmt);
            continue;
        }
        fmt++;
        char pad = ' ';
        int width = 0;
        if (*fmt == '0') {
            pad = '0';
            fmt++;
        }
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        switch (*fmt) {
        case 's': put_str(va_arg(ap, const char *)); break;
        case 'c': uart_putc((char)va_arg(ap, int)); break;
        case 'd': put_sdec(va_arg(ap, int32_t)); break;
        case 'u': put_udec_width(va_arg(ap, uint32_t), width, pad); break;
        case 'x': {
            uint32_t v = va_arg(ap, uint32_t);
            int digits = 1;
            while (digits < 8 && (v >> (4 * digits)))
                digits++;
            for (int i = digits; i < width; i++)
                uart_putc(pad);
            put_hexn(v, digits);
            break;
        }
        case '%': uart_putc('%'); break;
        case 0: fmt--; break;
        default: uart_putc('?'); break;
        }
    }
    va_end(ap);
}
