/* poll, ppoll, select and pselect over pipes between processes, /dev/null, a regular file
   and standard output: readiness, POLLHUP/POLLERR/POLLNVAL, timeouts (0, finite, forever),
   fd_set results, EBADF, and EINTR from a handled signal. Only deterministic facts are printed. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/select.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "common.h"

static long long ms_now(void) {
  struct timespec t;
  CHECK(clock_gettime(CLOCK_MONOTONIC, &t) == 0);
  return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

static void nap(long ms) {
  struct timespec d = {ms / 1000, (ms % 1000) * 1000000L};
  CHECK(nanosleep(&d, NULL) == 0);
}

static const char *ev(short r) {
  static char bufs[4][64];
  static int k;
  char *buf = bufs[k++ & 3];
  buf[0] = 0;
  if (r & POLLIN) strcat(buf, "IN ");
  if (r & POLLOUT) strcat(buf, "OUT ");
  if (r & POLLHUP) strcat(buf, "HUP ");
  if (r & POLLERR) strcat(buf, "ERR ");
  if (r & POLLNVAL) strcat(buf, "NVAL ");
  if (buf[0] == 0) return "none";
  buf[strlen(buf) - 1] = 0;
  return buf;
}

static volatile sig_atomic_t alarms;
static void on_alarm(int sig) {
  (void)sig;
  alarms++;
}

/* "console": select, then poll, on standard input until the host types a line; echo each. */
static int console(void) {
  char line[128];
  fd_set rd;
  FD_ZERO(&rd);
  FD_SET(0, &rd);
  int n = select(1, &rd, NULL, NULL, NULL);
  ssize_t k = read(0, line, sizeof line);
  printf("select: %d, read %zd bytes: %.*s", n, k, (int)(k > 0 ? k : 0), line);
  struct pollfd in = {0, POLLIN, 0};
  n = poll(&in, 1, -1);
  k = read(0, line, sizeof line);
  printf("poll: %d (%s), read %zd bytes: %.*s", n, ev(in.revents), k, (int)(k > 0 ? k : 0), line);
  return 0;
}

int main(int argc, char **argv) {
  cz_init();
  if (argc > 1 && strcmp(argv[1], "console") == 0) return console();
  int p[2];
  CHECK(pipe(p) == 0);
  struct pollfd f[2] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}};
  int n = poll(f, 2, 0);
  printf("empty pipe, timeout 0: %d ready, read end %s, write end %s\n", n, ev(f[0].revents), ev(f[1].revents));
  CHECK(write(p[1], "x", 1) == 1);
  n = poll(f, 1, -1);
  printf("after a write: %d ready, read end %s\n", n, ev(f[0].revents));
  char c;
  CHECK(read(p[0], &c, 1) == 1);
  long long t0 = ms_now();
  n = poll(f, 1, 60);
  printf("poll 60 ms on an empty pipe: %d ready, waited at least 60 ms: %s\n", n, ms_now() - t0 >= 60 ? "yes" : "no");
  /* A child writes after 100 ms, then again after 100 ms more, then exits (closing its end). */
  pid_t child = fork();
  CHECK(child >= 0);
  if (child == 0) {
    close(p[0]);
    nap(100);
    CHECK(write(p[1], "a", 1) == 1);
    nap(100);
    CHECK(write(p[1], "b", 1) == 1);
    _exit(0);
  }
  close(p[1]);
  f[0].revents = 0;
  n = poll(f, 1, -1);
  CHECK(read(p[0], &c, 1) == 1);
  printf("poll forever: woke with %d ready (%s), read '%c'\n", n, ev(f[0].revents), c);
  fd_set rd;
  FD_ZERO(&rd);
  FD_SET(p[0], &rd);
  n = select(p[0] + 1, &rd, NULL, NULL, NULL);
  CHECK(read(p[0], &c, 1) == 1);
  printf("select forever: %d ready, read end set %s, read '%c'\n", n, FD_ISSET(p[0], &rd) ? "yes" : "no", c);
  CHECK(waitpid(child, NULL, 0) == child);
  n = poll(f, 1, -1);
  printf("writer gone: %d ready, read end %s\n", n, ev(f[0].revents));
  FD_ZERO(&rd);
  FD_SET(p[0], &rd);
  struct timeval tv = {0, 0};
  printf("select sees the hang-up as readable: %d, read returns %zd\n", select(p[0] + 1, &rd, NULL, NULL, &tv), read(p[0], &c, 1));
  close(p[0]);
  /* The reader gone: the write end reports an error. */
  CHECK(pipe(p) == 0);
  close(p[0]);
  struct pollfd w = {p[1], POLLOUT, 0};
  n = poll(&w, 1, 0);
  printf("reader gone: %d ready, write end %s\n", n, ev(w.revents));
  close(p[1]);
  /* Bad and skipped descriptors. */
  struct pollfd bad[2] = {{99, POLLIN, 0}, {-1, POLLIN, 0}};
  n = poll(bad, 2, 0);
  printf("fd 99: %s, fd -1: %s, %d ready\n", ev(bad[0].revents), ev(bad[1].revents), n);
  FD_ZERO(&rd);
  FD_SET(99, &rd);
  errno = 0;
  printf("select on a closed fd: %s\n", select(100, &rd, NULL, NULL, &tv) == -1 && errno == EBADF ? "EBADF" : "unexpected");
  /* /dev/null, a regular file and standard output are always ready. */
  int dn = open("/dev/null", O_RDWR);
  int rf = open("poll.tmp", O_CREAT | O_RDWR | O_TRUNC, 0644);
  CHECK(dn >= 0 && rf >= 0);
  struct pollfd all[3] = {{dn, POLLIN | POLLOUT, 0}, {rf, POLLIN | POLLOUT, 0}, {1, POLLOUT, 0}};
  n = poll(all, 3, -1);
  printf("/dev/null %s, regular file %s, stdout %s: %d ready\n", ev(all[0].revents), ev(all[1].revents), ev(all[2].revents), n);
  fd_set wr;
  FD_ZERO(&rd);
  FD_ZERO(&wr);
  FD_SET(dn, &rd);
  FD_SET(rf, &wr);
  FD_SET(1, &wr);
  n = select(rf + 1, &rd, &wr, NULL, NULL);
  printf("select: %d ready (/dev/null readable %s, file writable %s, stdout writable %s)\n", n, FD_ISSET(dn, &rd) ? "yes" : "no",
         FD_ISSET(rf, &wr) ? "yes" : "no", FD_ISSET(1, &wr) ? "yes" : "no");
  close(dn);
  close(rf);
  unlink("poll.tmp");
  /* Timeouts of select, ppoll and pselect on an empty pipe. */
  CHECK(pipe(p) == 0);
  FD_ZERO(&rd);
  FD_SET(p[0], &rd);
  tv.tv_sec = 0;
  tv.tv_usec = 50000;
  t0 = ms_now();
  n = select(p[0] + 1, &rd, NULL, NULL, &tv);
  printf("select 50 ms: %d, set cleared %s, waited at least 50 ms %s\n", n, FD_ISSET(p[0], &rd) ? "no" : "yes", ms_now() - t0 >= 50 ? "yes" : "no");
  struct timespec ts = {0, 40000000};
  f[0].fd = p[0];
  f[0].events = POLLIN;
  t0 = ms_now();
  n = ppoll(f, 1, &ts, NULL);
  printf("ppoll 40 ms: %d, waited at least 40 ms %s\n", n, ms_now() - t0 >= 40 ? "yes" : "no");
  FD_ZERO(&rd);
  FD_SET(p[0], &rd);
  t0 = ms_now();
  n = pselect(p[0] + 1, &rd, NULL, NULL, &ts, NULL);
  printf("pselect 40 ms: %d, waited at least 40 ms %s\n", n, ms_now() - t0 >= 40 ? "yes" : "no");
  /* A handled signal interrupts a wait forever (EINTR, even with SA_RESTART). */
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm;
  sa.sa_flags = SA_RESTART;
  CHECK(sigaction(SIGALRM, &sa, NULL) == 0);
  struct itimerval it = {{0, 0}, {0, 50000}};
  CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
  errno = 0;
  n = poll(f, 1, -1);
  printf("poll forever + SIGALRM: %s, handler ran %s\n", n == -1 && errno == EINTR ? "EINTR" : "unexpected", alarms == 1 ? "yes" : "no");
  CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
  FD_ZERO(&rd);
  FD_SET(p[0], &rd);
  errno = 0;
  n = select(p[0] + 1, &rd, NULL, NULL, NULL);
  printf("select forever + SIGALRM: %s, handler ran %s\n", n == -1 && errno == EINTR ? "EINTR" : "unexpected", alarms == 2 ? "yes" : "no");
  /* Interrupted, select still writes back the time it did not wait (Linux). */
  CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
  FD_ZERO(&rd);
  FD_SET(p[0], &rd);
  struct timeval two = {2, 0};
  errno = 0;
  n = select(p[0] + 1, &rd, NULL, NULL, &two);
  long left_ms = two.tv_sec * 1000L + two.tv_usec / 1000;
  printf("select 2 s + SIGALRM: %s, time left between 1.5 s and 2 s %s\n", n == -1 && errno == EINTR ? "EINTR" : "unexpected",
         left_ms > 1500 && left_ms < 2000 ? "yes" : "no");
  /* pselect's mask: SIGALRM blocked outside, let through only while waiting. */
  sigset_t block, none, now;
  sigemptyset(&block);
  sigaddset(&block, SIGALRM);
  sigemptyset(&none);
  CHECK(sigprocmask(SIG_BLOCK, &block, NULL) == 0);
  CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
  FD_ZERO(&rd);
  FD_SET(p[0], &rd);
  errno = 0;
  n = pselect(p[0] + 1, &rd, NULL, NULL, NULL, &none);
  CHECK(sigprocmask(SIG_BLOCK, NULL, &now) == 0);
  printf("pselect with an empty mask + SIGALRM: %s, handler ran %s, SIGALRM blocked again %s\n", n == -1 && errno == EINTR ? "EINTR" : "unexpected",
         alarms == 4 ? "yes" : "no", sigismember(&now, SIGALRM) ? "yes" : "no");
  return 0;
}
