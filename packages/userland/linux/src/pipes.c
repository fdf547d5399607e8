/* pipes between processes, dup2 onto stdout, EOF when the last writer closes. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "common.h"

int main(void) {
  cz_init();
  int p[2];
  CHECK(pipe(p) == 0);
  pid_t pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    close(p[0]);
    CHECK(dup2(p[1], 1) == 1);
    close(p[1]);
    for (int i = 0; i < 3; i++) printf("line %d from the child\n", i);
    _exit(0);
  }
  close(p[1]);
  char buf[512];
  size_t got = 0;
  for (;;) {
    ssize_t n = read(p[0], buf + got, sizeof buf - 1 - got);
    CHECK(n >= 0);
    if (n == 0) break;
    got += (size_t)n;
  }
  buf[got] = 0;
  close(p[0]);
  int status;
  CHECK(waitpid(pid, &status, 0) == pid);
  printf("parent read %u bytes:\n%s", (unsigned)got, buf);
  /* A pipe larger than one write: the writer blocks until the reader drains it. */
  CHECK(pipe(p) == 0);
  pid = fork();
  if (pid == 0) {
    close(p[0]);
    static char chunk[10000];
    for (unsigned i = 0; i < sizeof chunk; i++) chunk[i] = (char)('a' + i % 26);
    for (int k = 0; k < 10; k++) CHECK(write(p[1], chunk, sizeof chunk) == (ssize_t)sizeof chunk);
    _exit(0);
  }
  close(p[1]);
  unsigned long total = 0, sum = 0;
  for (;;) {
    ssize_t n = read(p[0], buf, sizeof buf);
    CHECK(n >= 0);
    if (n == 0) break;
    for (ssize_t i = 0; i < n; i++) sum = sum * 31 + (unsigned char)buf[i];
    total += (unsigned long)n;
  }
  CHECK(waitpid(pid, &status, 0) == pid);
  printf("bulk %lu bytes checksum %lu\n", total, sum);
  /* Writing to a pipe nobody reads: SIGPIPE, or EPIPE when SIGPIPE is ignored. */
  CHECK(pipe(p) == 0);
  close(p[0]);
  pid = fork();
  if (pid == 0) {
    (void)write(p[1], "x", 1);
    _exit(0);
  }
  CHECK(waitpid(pid, &status, 0) == pid);
  printf("writer without reader: signaled %d signal %d\n", WIFSIGNALED(status) ? 1 : 0, WTERMSIG(status));
  signal(SIGPIPE, SIG_IGN);
  printf("ignored SIGPIPE: write %d errno EPIPE %d\n", (int)write(p[1], "x", 1), errno == EPIPE);
  close(p[1]);
  return 0;
}
