/* execve: arguments and environment reach the new image; pid is kept; close-on-exec. */
#include <fcntl.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "common.h"

int main(int argc, char **argv, char **envp) {
  cz_init();
  if (argc > 1 && strcmp(argv[1], "again") == 0) {
    printf("new image: argc %d", argc);
    for (int i = 2; i < argc; i++) printf(" [%s]", argv[i]);
    printf("\n");
    (void)envp;
    /* getenv, not the order of envp: a wrapper shell may reorder the environment. */
    printf("env CZ_A=%s CZ_B=%s OTHER=%s\n", getenv("CZ_A"), getenv("CZ_B"), getenv("OTHER"));
    printf("fd 5 after exec: %s\n", fcntl(5, F_GETFD) == -1 ? "closed" : "open");
    printf("fd 6 after exec: %s\n", fcntl(6, F_GETFD) == -1 ? "closed" : "open");
    return 42;
  }
  pid_t pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    int fd = open(".", O_RDONLY | O_DIRECTORY);
    CHECK(dup2(fd, 5) == 5);
    CHECK(dup2(fd, 6) == 6);
    CHECK(fcntl(5, F_SETFD, FD_CLOEXEC) == 0);
    close(fd);
    char *args[] = {"exec", "again", "one", "two words", "three", NULL};
    char *env[] = {"CZ_A=1", "CZ_B=two", "OTHER=x", NULL};
    execve("./bin/exec", args, env);
    printf("execve failed\n");
    _exit(1);
  }
  int status = 0;
  CHECK(waitpid(pid, &status, 0) == pid);
  printf("exec child status %d\n", WEXITSTATUS(status));
  return 0;
}
