/* clone threads through pthreads: a mutex-protected counter, join, thread ids, TLS, and
   kill() aimed at a thread's id (which, as on Linux, signals its whole process). */
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "common.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static __thread int mine;

static void *work(void *arg) {
  int id = (int)(long)arg;
  mine = id * 100;
  for (int i = 0; i < 500; i++) {
    pthread_mutex_lock(&lock);
    counter++;
    if (i % 100 == 0) sched_yield();
    pthread_mutex_unlock(&lock);
  }
  CHECK(mine == id * 100);
  CHECK(syscall(SYS_gettid) != getpid());
  return (void *)(long)(id + 1);
}

static volatile int waiter_tid, release, got_usr1;

static void on_usr1(int sig) {
  (void)sig;
  got_usr1++;
}

static void *waiter(void *arg) {
  (void)arg;
  waiter_tid = (int)syscall(SYS_gettid);
  while (!release) sched_yield();
  return 0;
}

int main(void) {
  cz_init();
  pthread_t w;
  CHECK(pthread_create(&w, NULL, waiter, NULL) == 0);
  while (!waiter_tid) sched_yield();
  signal(SIGUSR1, on_usr1);
  int probe = kill(waiter_tid, 0);
  int sent = kill(waiter_tid, SIGUSR1);
  while (sent == 0 && !got_usr1) sched_yield();
  release = 1;
  CHECK(pthread_join(w, NULL) == 0);
  printf("kill(tid of a thread, 0) = %d, kill(tid, SIGUSR1) = %d, handled %d time(s)\n", probe, sent, got_usr1);
  mine = -1;
  pthread_t t[4];
  for (long i = 0; i < 4; i++) CHECK(pthread_create(&t[i], NULL, work, (void *)i) == 0);
  long sum = 0;
  for (int i = 0; i < 4; i++) {
    void *r;
    CHECK(pthread_join(t[i], &r) == 0);
    sum += (long)r;
  }
  printf("counter %ld sum of results %ld main tls %d\n", counter, sum, mine);
  return 0;
}
