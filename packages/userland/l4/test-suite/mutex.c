/* USERSPACE MUTEX: eight threads add one to a counter 200 times each under the mutex,
 * yielding in the middle of every update, so the lock is contended: 1600. */
#include "tests.h"

#define NTHREADS 8
#define ROUNDS 200

static struct l4_mutex lock;
static volatile int counter;

static int contender(void *arg) {
  (void)arg;
  for (int i = 0; i < ROUNDS; i++) {
    if (l4_mutex_lock(&lock) < 0) return 1;
    int v = counter;
    l4_thread_switch();
    counter = v + 1;
    if (l4_mutex_unlock(&lock) < 0) return 2;
  }
  return 0;
}

void test_mutex(void) {
  int ok = 1;
  int tids[NTHREADS];
  l4_mutex_init(&lock);
  counter = 0;
  for (int i = 0; i < NTHREADS; i++) {
    tids[i] = l4_thread_create(contender, NULL);
    ok &= tids[i] > 0;
  }
  for (int i = 0; i < NTHREADS; i++) ok &= l4_thread_wait((l4id_t)tids[i]) == 0;
  ok &= counter == NTHREADS * ROUNDS;
  ok &= lock.lock == L4_MUTEX_UNLOCKED;
  report("USERSPACE MUTEX:", ok);
}
