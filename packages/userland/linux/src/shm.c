/* System V shared memory between processes: shmget, shmat, shmdt; IPC_CREAT|IPC_EXCL. */
#include <errno.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>
#include "common.h"

int main(void) {
  cz_init();
  int id = shmget(IPC_PRIVATE, 2 * 4096, IPC_CREAT | 0600);
  CHECK(id >= 0);
  char *p = shmat(id, NULL, 0);
  CHECK(p != (char *)-1);
  strcpy(p, "before fork");
  pid_t pid = fork();
  if (pid == 0) {
    CHECK(strcmp(p, "before fork") == 0);
    strcpy(p + 4096, "written by the child");
    CHECK(shmdt(p) == 0);
    _exit(0);
  }
  int status;
  CHECK(waitpid(pid, &status, 0) == pid && WEXITSTATUS(status) == 0);
  printf("parent sees '%s'\n", p + 4096);
  int k = shmget(0x1234, 4096, IPC_CREAT | IPC_EXCL | 0600);
  CHECK(k >= 0);
  CHECK(shmget(0x1234, 4096, IPC_CREAT | IPC_EXCL | 0600) == -1 && errno == EEXIST);
  CHECK(shmget(0x1234, 4096, 0600) == k);
  char *q = shmat(k, NULL, 0);
  CHECK(q != (char *)-1);
  q[0] = 'k';
  CHECK(shmdt(q) == 0);
  CHECK(shmdt(p) == 0);
  CHECK(shmctl(id, IPC_RMID, NULL) == 0);
  CHECK(shmctl(k, IPC_RMID, NULL) == 0);
  printf("shm done\n");
  return 0;
}
