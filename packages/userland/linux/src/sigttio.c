/* Terminal job control (needs its controlling terminal on fd 0, 1 and 2): background process groups that
   read their controlling terminal get SIGTTIN (EIO when the signal is ignored or blocked,
   or when the group is orphaned; EINTR through a handler without SA_RESTART); writes with
   TOSTOP set, tcsetpgrp and tcsetattr from a background group get SIGTTOU (they go on
   when it is ignored or blocked); a stopped write runs again after SIGCONT. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <sched.h>
#include <termios.h>
#include <unistd.h>
#include "common.h"

static volatile sig_atomic_t handled;

static void on_sig(int sig) { handled = sig; }

static void say(const char *s) { CHECK(write(1, s, strlen(s)) == (ssize_t)strlen(s)); }

static void bg_read(void) {
  char b;
  ssize_t n = read(0, &b, 1);
  _exit(n < 0 ? errno : 100);
}

static void bg_read_ignored(void) {
  signal(SIGTTIN, SIG_IGN);
  bg_read();
}

static void bg_read_blocked(void) {
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGTTIN);
  sigprocmask(SIG_BLOCK, &s, NULL);
  bg_read();
}

static void bg_read_handler(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sig; /* no SA_RESTART */
  sigaction(SIGTTIN, &sa, NULL);
  char b;
  ssize_t n = read(0, &b, 1);
  _exit(n < 0 ? errno + (handled == SIGTTIN ? 100 : 0) : 99);
}

static void bg_write(void) {
  ssize_t n = write(1, "  (background write)\n", 21);
  _exit(n == 21 ? 0 : 98);
}

static void bg_write_ignored(void) {
  signal(SIGTTOU, SIG_IGN);
  bg_write();
}

static void bg_tcsetpgrp(void) { _exit(tcsetpgrp(0, getpgrp()) == 0 ? 0 : errno); }

static void bg_tcsetpgrp_blocked(void) {
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGTTOU);
  sigprocmask(SIG_BLOCK, &s, NULL);
  bg_tcsetpgrp();
}

static void bg_tcsetattr(void) {
  struct termios t;
  CHECK(tcgetattr(0, &t) == 0);
  _exit(tcsetattr(0, TCSANOW, &t) == 0 ? 0 : errno);
}

/* The orphan: a grandchild in its own group whose parent exits; it reads when orphaned
   and reports the errno through a pipe. */
static int orphan_pipe[2];
static void orphan_maker(void) {
  pid_t me = getpid();
  pid_t g = fork();
  if (g == 0) {
    setpgid(0, 0);
    while (getppid() == me) sched_yield();
    char b;
    ssize_t n = read(0, &b, 1);
    int e = n < 0 ? errno : 100;
    CHECK(write(orphan_pipe[1], &e, sizeof e) == sizeof e);
    _exit(0);
  }
  _exit(0);
}

static pid_t spawn(void (*fn)(void)) {
  pid_t c = fork();
  CHECK(c >= 0);
  if (c == 0) {
    signal(SIGTTOU, SIG_DFL);
    setpgid(0, 0);
    fn();
    _exit(97);
  }
  setpgid(c, c);
  return c;
}

static void report(const char *what, pid_t c, int st) {
  if (WIFEXITED(st))
    printf("%s: exited %d\n", what, WEXITSTATUS(st));
  else if (WIFSIGNALED(st))
    printf("%s: killed by %d\n", what, WTERMSIG(st));
  else if (WIFSTOPPED(st))
    printf("%s: stopped by %d\n", what, WSTOPSIG(st));
  (void)c;
}

/* Runs fn in a background group; reports how it ended (a stopped child is killed). */
static void run(const char *what, void (*fn)(void)) {
  pid_t c = spawn(fn);
  int st;
  CHECK(waitpid(c, &st, WUNTRACED) == c);
  report(what, c, st);
  if (WIFSTOPPED(st)) {
    kill(c, SIGKILL);
    CHECK(waitpid(c, &st, 0) == c);
  }
}

static void set_tostop(int on) {
  struct termios t;
  CHECK(tcgetattr(0, &t) == 0);
  if (on)
    t.c_lflag |= TOSTOP;
  else
    t.c_lflag &= ~TOSTOP;
  CHECK(tcsetattr(0, TCSANOW, &t) == 0);
}

int main(void) {
  cz_init();
  if (!isatty(0)) {
    printf("sigttio needs a terminal on standard input\n");
    return 2;
  }
  signal(SIGTTOU, SIG_IGN); /* so this process may take the terminal back at any time */
  /* A session leader (a program on a fresh pseudo-terminal) makes it its controlling
     terminal; started by init, the program is already in init's session. */
  if (getsid(0) == getpid()) CHECK(ioctl(0, TIOCSCTTY, 0) == 0);
  CHECK(tcsetpgrp(0, getpgrp()) == 0);
  set_tostop(0);
  say("job control on the controlling terminal\n");

  run("background read", bg_read);
  run("background read, SIGTTIN ignored (5 = EIO)", bg_read_ignored);
  run("background read, SIGTTIN blocked (5 = EIO)", bg_read_blocked);
  run("background read, handler without SA_RESTART (104 = EINTR + handled)", bg_read_handler);
  run("background write, TOSTOP clear", bg_write);
  set_tostop(1);
  run("background write, TOSTOP set", bg_write);
  run("background write, TOSTOP set, SIGTTOU ignored", bg_write_ignored);
  run("background tcsetpgrp", bg_tcsetpgrp);
  run("background tcsetattr", bg_tcsetattr);

  /* A stopped write runs again after SIGCONT (it is -ERESTARTSYS, not an error). */
  pid_t c = spawn(bg_write);
  int st;
  CHECK(waitpid(c, &st, WUNTRACED) == c);
  report("background write before SIGCONT", c, st);
  set_tostop(0);
  kill(c, SIGCONT);
  CHECK(waitpid(c, &st, 0) == c);
  report("the same write after SIGCONT, TOSTOP clear", c, st);

  run("background tcsetpgrp, SIGTTOU blocked", bg_tcsetpgrp_blocked);
  printf("foreground group is now the child's: %s\n", tcgetpgrp(0) != getpgrp() ? "yes" : "no");
  CHECK(tcsetpgrp(0, getpgrp()) == 0); /* SIGTTOU ignored here: allowed */
  printf("taken back: %s\n", tcgetpgrp(0) == getpgrp() ? "yes" : "no");

  CHECK(pipe(orphan_pipe) == 0);
  run("orphan maker", orphan_maker);
  int e = 0;
  CHECK(read(orphan_pipe[0], &e, sizeof e) == sizeof e);
  printf("read from an orphaned background group: errno %d (5 = EIO)\n", e);
  while (waitpid(-1, &st, WNOHANG) > 0) {
  }
  printf("done\n");
  return 0;
}
