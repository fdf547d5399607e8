/* echo [-n] [WORD...]: the words separated by spaces, then a newline unless -n. */
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
  int i = 1, newline = 1;
  if (i < argc && strcmp(argv[i], "-n") == 0) { newline = 0; i++; }
  char buf[4096];
  size_t n = 0;
  for (int first = i; i < argc; i++) {
    size_t len = strlen(argv[i]);
    if (n + len + 2 > sizeof buf) { if (write(1, buf, n) < 0) return 1; n = 0; }
    if (i > first) buf[n++] = ' ';
    if (len + 2 > sizeof buf) { if (write(1, argv[i], len) < 0) return 1; continue; }
    memcpy(buf + n, argv[i], len);
    n += len;
  }
  if (newline) buf[n++] = '\n';
  return n > 0 && write(1, buf, n) < 0 ? 1 : 0;
}
