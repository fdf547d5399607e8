/* clone threads through pthreads: a mutex-protected counter, join, thread ids, TLS. */
#include <pthread.h>
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

int main(void) {
  cz_init();
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
