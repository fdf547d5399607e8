/* A small printf: %d %i %u %x %X %p %s %c %%, with '-', '0' and a field width. */
#include <l4/l4.h>

static int emit_padded(const char *s, int len, int width, int left, char pad) {
  int n = 0;
  if (!left)
    for (; width > len; width--, n++) l4_putc(pad);
  for (int i = 0; i < len; i++, n++) l4_putc(s[i]);
  if (left)
    for (; width > len; width--, n++) l4_putc(' ');
  return n;
}

static int format_number(char *buf, u32 v, u32 base, int upper) {
  const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  char tmp[12];
  int n = 0;
  do {
    tmp[n++] = digits[v % base];
    v /= base;
  } while (v != 0);
  for (int i = 0; i < n; i++) buf[i] = tmp[n - 1 - i];
  return n;
}

int vprintf(const char *fmt, va_list ap) {
  int out = 0;
  for (; *fmt; fmt++) {
    if (*fmt != '%') {
      l4_putc(*fmt);
      out++;
      continue;
    }
    fmt++;
    int left = 0;
    char pad = ' ';
    for (;; fmt++) {
      if (*fmt == '-')
        left = 1;
      else if (*fmt == '0')
        pad = '0';
      else
        break;
    }
    int width = 0;
    while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
    while (*fmt == 'l') fmt++;
    char buf[16];
    int len = 0;
    switch (*fmt) {
    case 'd':
    case 'i': {
      int v = va_arg(ap, int);
      u32 u = (u32)v;
      if (v < 0) {
        buf[len++] = '-';
        u = 0u - u;
      }
      len += format_number(buf + len, u, 10, 0);
      out += emit_padded(buf, len, width, left, pad);
      break;
    }
    case 'u':
      len = format_number(buf, va_arg(ap, u32), 10, 0);
      out += emit_padded(buf, len, width, left, pad);
      break;
    case 'x':
    case 'X':
      len = format_number(buf, va_arg(ap, u32), 16, *fmt == 'X');
      out += emit_padded(buf, len, width, left, pad);
      break;
    case 'p':
      buf[0] = '0';
      buf[1] = 'x';
      len = 2 + format_number(buf + 2, (u32)va_arg(ap, void *), 16, 0);
      out += emit_padded(buf, len, width, left, pad);
      break;
    case 'c':
      buf[0] = (char)va_arg(ap, int);
      out += emit_padded(buf, 1, width, left, ' ');
      break;
    case 's': {
      const char *s = va_arg(ap, const char *);
      if (s == NULL) s = "(null)";
      out += emit_padded(s, (int)strlen(s), width, left, ' ');
      break;
    }
    case '%':
      l4_putc('%');
      out++;
      break;
    case '\0':
      return out;
    default:
      l4_putc('%');
      l4_putc(*fmt);
      out += 2;
      break;
    }
  }
  return out;
}

int printf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vprintf(fmt, ap);
  va_end(ap);
  return n;
}

int puts(const char *s) {
  int n = 0;
  for (; *s; s++, n++) l4_putc(*s);
  l4_putc('\n');
  return n + 1;
}
