/* Deaths by signal: a NULL dereference, an undefined instruction, abort(), kill by the parent. */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "common.h"

static void report(const char *what, pid_t pid) {
  int status = 0;
  CHECK(waitpid(pid, &status, 0) == pid);
  if (WIFSIGNALED(status))
    printf("%s: killed by signal %d\n", what, WTERMSIG(status));
  else
    printf("%s: exited %d\n", what, WEXITSTATUS(status));
}

int main(void) {
  cz_init();
  pid_t pid = fork();
  if (pid == 0) {
    volatile int *p = (volatile int *)0;
    *p = 1;
    _exit(0);
  }
  report("null store", pid);
  pid = fork();
  if (pid == 0) {
    __asm__ volatile(".word 0xe7f000f0");
    _exit(0);
  }
  report("undefined instruction", pid);
  pid = fork();
  if (pid == 0) abort();
  report("abort", pid);
  int p[2];
  CHECK(pipe(p) == 0);
  pid = fork();
  if (pid == 0) {
    char c;
    close(p[1]);
    (void)read(p[0], &c, 1); /* blocks until killed */
    _exit(0);
  }
  close(p[0]);
  CHECK(kill(pid, SIGTERM) == 0);
  report("SIGTERM while blocked", pid);
  close(p[1]);
  pid = fork();
  if (pid == 0) _exit(200);
  report("normal", pid);
  printf("the parent lives on\n");
  return 0;
}
