/* fork and copy-on-write, wait4 statuses (exit codes, a signal), getpid/getppid. */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "common.h"

static int global = 100;
static char big[3 * 4096];

int main(void) {
  cz_init();
  pid_t me = getpid();
  big[0] = 'p';
  big[sizeof big - 1] = 'q';
  pid_t kids[4];
  for (int i = 0; i < 4; i++) {
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
      CHECK(getppid() == me);
      CHECK(global == 100 + i);
      global = 1000 + i;
      big[0] = 'c';
      big[sizeof big - 1] = (char)('0' + i);
      /* Children run concurrently: they report through their exit status only. */
      _exit(global == 1000 + i && big[0] == 'c' && big[sizeof big - 1] == '0' + i ? 10 + i : 1);
    }
    kids[i] = pid;
    global++;
  }
  for (int i = 3; i >= 0; i--) {
    int status = 0;
    pid_t r = waitpid(kids[i], &status, 0);
    CHECK(r == kids[i]);
    printf("child %d exited %d status %d\n", i, WIFEXITED(status) ? 1 : 0, WEXITSTATUS(status));
  }
  printf("parent global %d big %c%c\n", global, big[0], big[sizeof big - 1]);
  pid_t pid = fork();
  if (pid == 0) {
    kill(getpid(), SIGKILL);
    for (;;) {
    }
  }
  int status = 0;
  CHECK(wait(&status) == pid);
  printf("killed child: signaled %d signal %d\n", WIFSIGNALED(status) ? 1 : 0, WTERMSIG(status));
  pid = fork();
  if (pid == 0) {
    pid_t grandchild = fork();
    if (grandchild == 0) _exit(5);
    CHECK(waitpid(grandchild, &status, 0) == grandchild);
    _exit(WEXITSTATUS(status) + 1);
  }
  CHECK(waitpid(-1, &status, 0) == pid);
  printf("nested status %d\n", WEXITSTATUS(status));
  CHECK(waitpid(-1, &status, WNOHANG) == -1);
  printf("no more children\n");
  return 0;
}
