/*
 * init: process 1 of the codezero-ts interactive system.
 *
 *   init [PROGRAM...]
 *
 * Makes the console its standard input, output and error and the controlling terminal of
 * a new session, checks that /proc and /dev are there (the POSIX layer mounts them at
 * boot), runs each PROGRAM (a boot-time test, e.g. /bin/test0) to its end in the
 * foreground, then starts /bin/sh on the console. It reaps every child, orphans included,
 * and powers the machine off (sync + reboot(RB_POWER_OFF)) when the shell exits. If the
 * power-off call fails, init exits with the shell's status.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void console_fds(void) {
  if (fcntl(0, F_GETFD) >= 0 && fcntl(1, F_GETFD) >= 0 && fcntl(2, F_GETFD) >= 0) return;
  int fd = open("/dev/console", O_RDWR);
  if (fd < 0) return;
  for (int i = 0; i < 3; i++)
    if (fd != i) dup2(fd, i);
  if (fd > 2) close(fd);
}

static void check_mount(const char *path, const char *what) {
  struct stat st;
  if (stat(path, &st) < 0) fprintf(stderr, "init: %s is missing (%s)\n", path, what);
}

/* Starts PATH in its own foreground process group; returns its pid or -1. */
static pid_t start(const char *path, char *const argv[]) {
  pid_t pid = fork();
  if (pid < 0) {
    fprintf(stderr, "init: fork: %s\n", strerror(errno));
    return -1;
  }
  if (pid == 0) {
    setpgid(0, 0);
    tcsetpgrp(0, getpid()); /* before SIGTTOU is back to its default action */
    signal(SIGINT, SIG_DFL);
    signal(SIGQUIT, SIG_DFL);
    signal(SIGTSTP, SIG_DFL);
    signal(SIGTTIN, SIG_DFL);
    signal(SIGTTOU, SIG_DFL);
    execv(path, argv);
    fprintf(stderr, "init: cannot run %s: %s\n", path, strerror(errno));
    _exit(127);
  }
  setpgid(pid, pid);
  return pid;
}

/* Reaps children (orphans too) until PID has ended; returns its wait status. */
static int wait_for(pid_t pid) {
  for (;;) {
    int status;
    pid_t r = waitpid(-1, &status, 0);
    if (r < 0) {
      if (errno == EINTR) continue;
      return 0;
    }
    if (r == pid) return status;
  }
}

static int exit_code(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 1;
}

int main(int argc, char **argv) {
  console_fds();
  setsid();
  ioctl(0, TIOCSCTTY, 0);
  signal(SIGINT, SIG_IGN);
  signal(SIGQUIT, SIG_IGN);
  signal(SIGTSTP, SIG_IGN);
  signal(SIGTTIN, SIG_IGN);
  signal(SIGTTOU, SIG_IGN);
  signal(SIGHUP, SIG_IGN);
  check_mount("/proc/vmstat", "no process view: ps and vmstat will not work");
  check_mount("/dev/console", "no console device");

  for (int i = 1; i < argc; i++) {
    char *test_argv[] = {argv[i], NULL};
    pid_t pid = start(argv[i], test_argv);
    if (pid < 0) continue;
    int code = exit_code(wait_for(pid));
    tcsetpgrp(0, getpgrp());
    if (code != 0) fprintf(stderr, "init: %s exited with status %d\n", argv[i], code);
  }

  char *sh_argv[] = {"sh", NULL};
  pid_t sh = start("/bin/sh", sh_argv);
  int code = sh < 0 ? 1 : exit_code(wait_for(sh));
  sync();
  reboot(RB_POWER_OFF);
  fprintf(stderr, "init: power off failed: %s\n", strerror(errno));
  return code;
}
