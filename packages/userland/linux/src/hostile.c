/*
 * A hostile guest for codezero-ts only (never run it on a real system: it makes random
 * system calls): children make pseudo-random calls with random, boundary and pointer
 * arguments; the parent reaps them. Arguments: seed, children, calls per child.
 */
#include <fcntl.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "common.h"

static uint32_t state;
static uint32_t next(void) {
  state ^= state << 13;
  state ^= state >> 17;
  state ^= state << 5;
  return state;
}

static char buffer[8192];

static long arg(void) {
  switch (next() % 8) {
    case 0: return 0;
    case 1: return -1;
    case 2: return (long)(next() % 64);
    case 3: return (long)(buffer + next() % sizeof buffer);
    case 4: return (long)0xffff0fe0;
    case 5: return (long)(0xbe000000u + (next() & 0xffffff));
    default: return (long)next();
  }
}

static int forbidden(long nr) {
  /* Calls that would end or replace this process, kill others, or move its TLS (errno);
     pause and rt_sigsuspend wait for a signal nobody sends, (rt_)sigreturn loads random registers. */
  return nr == 29 || nr == 179 || nr == 119 || nr == 173 || nr == 1 || nr == 248 || nr == 11 || nr == 37 || nr == 238 || nr == 268 || nr == 387 || nr == 0xf0005;
}

int main(int argc, char **argv) {
  cz_init();
  CHECK(argc == 4);
  uint32_t seed = (uint32_t)atol(argv[1]);
  int children = atoi(argv[2]);
  int calls = atoi(argv[3]);
  /* No console input will come: reading it would block for ever. */
  close(0);
  CHECK(open("/dev/null", O_RDONLY) == 0);
  for (int c = 0; c < children; c++) {
    pid_t pid = fork();
    if (pid < 0) continue;
    if (pid == 0) {
      state = seed * 2654435761u + (uint32_t)c + 1;
      for (int i = 0; i < calls; i++) {
        long nr = (long)(next() % 460);
        if (next() % 16 == 0) nr = 0xf0000 + (long)(next() % 8);
        if (forbidden(nr)) continue;
        syscall(nr, arg(), arg(), arg(), arg(), arg(), arg());
      }
      _exit(0);
    }
  }
  int status;
  int reaped = 0;
  while (wait(&status) > 0) reaped++;
  printf("hostile done, reaped %d\n", reaped);
  return 0;
}
