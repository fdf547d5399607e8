/* Benchmark loops: "loop getpid N" makes N getpid calls, "loop fork N" N fork+exit+wait rounds. */
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "common.h"

int main(int argc, char **argv) {
  cz_init();
  CHECK(argc == 3);
  long n = atol(argv[2]);
  long sum = 0;
  if (strcmp(argv[1], "getpid") == 0) {
    for (long i = 0; i < n; i++) sum += syscall(SYS_getpid) > 0;
  } else if (strcmp(argv[1], "fork") == 0) {
    for (long i = 0; i < n; i++) {
      pid_t pid = fork();
      CHECK(pid >= 0);
      if (pid == 0) _exit(3);
      int status;
      CHECK(waitpid(pid, &status, 0) == pid);
      sum += WEXITSTATUS(status) == 3;
    }
  }
  printf("%s %ld ok %ld\n", argv[1], n, sum);
  return 0;
}
