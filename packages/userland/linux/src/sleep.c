/* Sleeping: nanosleep and clock_nanosleep (relative, TIMER_ABSTIME, REALTIME and MONOTONIC)
   really wait on the clock clock_gettime reports; sleeping children wake in deadline order;
   a handled signal ends a sleep with EINTR and the time left; setitimer/alarm send SIGALRM.
   Only deterministic facts are printed (comparisons, never times). */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/select.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "common.h"

static long long ns(clockid_t clk) {
  struct timespec t;
  CHECK(clock_gettime(clk, &t) == 0);
  return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static volatile sig_atomic_t alarms;
static void on_alarm(int sig) {
  (void)sig;
  alarms++;
}

static const char *yes(int c) { return c ? "yes" : "no"; }

int main(void) {
  cz_init();
  long long t0 = ns(CLOCK_MONOTONIC);
  struct timespec req = {0, 50 * 1000000};
  CHECK(nanosleep(&req, NULL) == 0);
  printf("nanosleep 50 ms: waited at least 50 ms: %s\n", yes(ns(CLOCK_MONOTONIC) - t0 >= 50000000));
  t0 = ns(CLOCK_MONOTONIC);
  req.tv_nsec = 30 * 1000000;
  CHECK(clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL) == 0);
  printf("clock_nanosleep MONOTONIC 30 ms: %s\n", yes(ns(CLOCK_MONOTONIC) - t0 >= 30000000));
  long long when = ns(CLOCK_MONOTONIC) + 40000000;
  struct timespec abs = {when / 1000000000, when % 1000000000};
  CHECK(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL) == 0);
  printf("TIMER_ABSTIME MONOTONIC: woke after the deadline: %s\n", yes(ns(CLOCK_MONOTONIC) >= when));
  when = ns(CLOCK_REALTIME) + 40000000;
  abs.tv_sec = when / 1000000000;
  abs.tv_nsec = when % 1000000000;
  CHECK(clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &abs, NULL) == 0);
  printf("TIMER_ABSTIME REALTIME: woke after the deadline: %s\n", yes(ns(CLOCK_REALTIME) >= when));
  abs.tv_sec = 1;
  abs.tv_nsec = 0;
  printf("TIMER_ABSTIME in the past returns at once: %s\n", yes(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL) == 0));
  /* Bad requests. */
  struct timespec bad = {0, 1000000000};
  errno = 0;
  printf("tv_nsec = 1e9: %s\n", nanosleep(&bad, NULL) == -1 && errno == EINVAL ? "EINVAL" : "unexpected");
  bad.tv_sec = -1;
  bad.tv_nsec = 0;
  printf("tv_sec = -1: %s\n", clock_nanosleep(CLOCK_MONOTONIC, 0, &bad, NULL) == EINVAL ? "EINVAL" : "unexpected");
  printf("bad clock: %s\n", clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &req, NULL) == EINVAL ? "EINVAL" : "unexpected");
  /* Three children sleep 300, 100 and 200 ms and report through a pipe: the order is by deadline. */
  int p[2];
  CHECK(pipe(p) == 0);
  const int delays[3] = {300, 100, 200};
  for (int i = 0; i < 3; i++) {
    pid_t c = fork();
    CHECK(c >= 0);
    if (c == 0) {
      close(p[0]);
      struct timespec d = {0, delays[i] * 1000000L};
      CHECK(nanosleep(&d, NULL) == 0);
      char id = (char)('A' + i);
      CHECK(write(p[1], &id, 1) == 1);
      _exit(0);
    }
  }
  close(p[1]);
  char order[4] = {0};
  for (int i = 0; i < 3; i++) CHECK(read(p[0], &order[i], 1) == 1);
  for (int i = 0; i < 3; i++) CHECK(wait(NULL) > 0);
  close(p[0]);
  printf("children A (300 ms), B (100 ms), C (200 ms) woke in order: %s\n", order);
  /* A handled SIGALRM from setitimer interrupts a 2 s sleep: EINTR with the time left, even with SA_RESTART. */
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm;
  sa.sa_flags = SA_RESTART;
  CHECK(sigaction(SIGALRM, &sa, NULL) == 0);
  struct itimerval it = {{0, 0}, {0, 100000}};
  CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
  struct itimerval cur;
  CHECK(getitimer(ITIMER_REAL, &cur) == 0);
  printf("getitimer: armed, at most 100 ms left: %s\n", yes(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec > 0 && cur.it_value.tv_usec <= 100000));
  struct timespec longer = {2, 0}, rem = {0, 0};
  errno = 0;
  int r = nanosleep(&longer, &rem);
  printf("nanosleep interrupted: %s, handler ran: %s, time left between 1 s and 2 s: %s\n", r == -1 && errno == EINTR ? "EINTR" : "unexpected",
         yes(alarms == 1), yes(rem.tv_sec == 1 || (rem.tv_sec == 2 && rem.tv_nsec == 0)));
  /* A periodic timer: three SIGALRMs while pause() waits. */
  alarms = 0;
  struct itimerval per = {{0, 20000}, {0, 20000}};
  CHECK(setitimer(ITIMER_REAL, &per, NULL) == 0);
  while (alarms < 3) pause();
  struct itimerval off = {{0, 0}, {0, 0}};
  CHECK(setitimer(ITIMER_REAL, &off, &cur) == 0);
  printf("periodic ITIMER_REAL: 3 alarms, interval kept: %s\n", yes(cur.it_interval.tv_usec == 20000));
  /* alarm(): seconds, through setitimer. */
  alarms = 0;
  CHECK(alarm(1) == 0);
  printf("alarm again reports the seconds left: %s\n", yes(alarm(1) == 1));
  pause();
  printf("alarm(1) then pause: handler ran: %s\n", yes(alarms == 1));
  /* A child sleeping for 1000 s is killed: it goes at once (and its wake-up with it). */
  pid_t sleeper = fork();
  CHECK(sleeper >= 0);
  if (sleeper == 0) {
    struct timespec forever = {1000, 0};
    nanosleep(&forever, NULL);
    _exit(1);
  }
  struct timespec moment = {0, 10000000};
  CHECK(nanosleep(&moment, NULL) == 0);
  CHECK(kill(sleeper, SIGKILL) == 0);
  int st;
  CHECK(waitpid(sleeper, &st, 0) == sleeper);
  printf("a sleeping child killed by SIGKILL: %s\n", WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL ? "yes" : "no");
  /* select with no descriptors is a sleep too. */
  t0 = ns(CLOCK_MONOTONIC);
  struct timeval tv = {0, 30000};
  printf("select with no fds and 30 ms: returns 0 after the timeout: %s\n", yes(select(0, NULL, NULL, NULL, &tv) == 0 && ns(CLOCK_MONOTONIC) - t0 >= 30000000));
  return 0;
}
