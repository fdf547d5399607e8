/*
 * The second program of test0's EXECVE TEST (spec/codezero.md 4.1, line 12). test0 carries
 * these bytes inside its own image, writes them to /tmp/execve-PID and execs that file with
 * four arguments and an environment; this program checks them, removes its file and reports
 * the result in test0's format. Like the original's test_exec it is a small program of its
 * own: no C library (Linux EABI system calls made directly), a few hundred bytes of code, so
 * the test costs what an execve costs and not a C library's start-up.
 *
 * argv: PATH "execve-child" "arg two" "3" ORIGINAL, where ORIGINAL is "1" in the process that
 * prints test0's PASSED lines (any process prints a FAILED line). Exit status 0 when the
 * arguments and the environment arrived intact, else 1.
 */

#define SYS_EXIT_GROUP 248
#define SYS_WRITE 4
#define SYS_UNLINK 10
#define SYS_GETPID 20

static long sys3(long n, long a, long b, long c) {
  register long r0 __asm__("r0") = a;
  register long r1 __asm__("r1") = b;
  register long r2 __asm__("r2") = c;
  register long r7 __asm__("r7") = n;
  __asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7) : "memory");
  return r0;
}

static int same(const char *a, const char *b) {
  while (*a != 0 && *a == *b) {
    a++;
    b++;
  }
  return *a == *b;
}

/* The value of NAME in envp ("NAME=value"), or 0. */
static const char *env(char **envp, const char *name) {
  for (; *envp != 0; envp++) {
    const char *e = *envp;
    const char *n = name;
    while (*n != 0 && *e == *n) {
      e++;
      n++;
    }
    if (*n == 0 && *e == '=') return e + 1;
  }
  return 0;
}

/* Appends s to the line at *at. */
static void put(char **at, const char *s) {
  while (*s != 0) *(*at)++ = *s++;
}

static void report(int ok) {
  char line[64];
  char *at = line;
  put(&at, "EXECVE TEST         -- ");
  put(&at, ok ? "PASSED --" : "FAILED -- (pid ");
  if (!ok) {
    char digits[12];
    int k = 0;
    unsigned pid = (unsigned)sys3(SYS_GETPID, 0, 0, 0);
    do {
      digits[k++] = (char)('0' + pid % 10);
      pid /= 10;
    } while (pid != 0);
    while (k > 0) *at++ = digits[--k];
    *at++ = ')';
  }
  *at++ = '\n';
  sys3(SYS_WRITE, 1, (long)line, at - line);
}

/* Called by _start with the initial stack: argc, argv[argc], NULL, envp..., NULL. */
__attribute__((used, noreturn)) void test0_exec_main(long *sp) {
  int argc = (int)sp[0];
  char **argv = (char **)(sp + 1);
  char **envp = argv + argc + 1;
  const char *test0 = env(envp, "TEST0");
  int ok = argc == 5 && same(argv[1], "execve-child") && same(argv[2], "arg two") && same(argv[3], "3") && test0 != 0 &&
           same(test0, "execve");
  sys3(SYS_UNLINK, (long)argv[0], 0, 0);
  if (!ok || (argc == 5 && same(argv[4], "1"))) report(ok);
  for (;;) sys3(SYS_EXIT_GROUP, ok ? 0 : 1, 0, 0);
}

__asm__(".text\n"
        ".global _start\n"
        "_start:\n"
        "  mov r0, sp\n"
        "  bl test0_exec_main\n");
