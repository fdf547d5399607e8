/* THREAD CONTROL: create, wait for an exit code, suspend, run, destroy, argument errors. */
#include "tests.h"

static int yield_five(void *arg) {
  (void)arg;
  for (int i = 0; i < 5; i++) l4_thread_switch();
  return 5;
}

static int spin(void *arg) {
  volatile int *counter = arg;
  for (;;) {
    (*counter)++;
    l4_thread_switch();
  }
  return 0;
}

void test_thread_control(void) {
  int ok = 1;
  int tid = l4_thread_create(yield_five, NULL);
  ok &= tid > (int)self_tid();
  ok &= l4_thread_wait((l4id_t)tid) == 5;

  static volatile int counter;
  tid = l4_thread_create(spin, (void *)&counter);
  ok &= tid > 0;
  struct task_ids ids = {(l4id_t)tid, 0, 0};
  /* Yield until it has run (how often depends on the scheduler's timeslices). */
  for (int i = 0; i < 100 && counter == 0; i++) l4_thread_switch();
  ok &= counter > 0;
  ok &= l4_thread_control(THREAD_SUSPEND, &ids) == 0;
  int seen = counter;
  for (int i = 0; i < 5; i++) l4_thread_switch();
  ok &= counter == seen;
  ok &= l4_thread_control(THREAD_RUN, &ids) == 0;
  for (int i = 0; i < 100 && counter == seen; i++) l4_thread_switch();
  ok &= counter > seen;
  ok &= l4_thread_destroy((l4id_t)tid) == 0;

  ids.tid = 200;
  ok &= l4_thread_control(THREAD_RUN, &ids) == -ESRCH;
  ids.tid = self_tid();
  ok &= l4_thread_control(THREAD_SUSPEND, &ids) == -EPERM; /* we are not our own pager */
  struct task_ids none = {0, l4_self_ids.spid, 0};
  ok &= l4_thread_control(THREAD_CREATE, &none) == -EINVAL; /* no space flag */
  ok &= l4_thread_control(THREAD_CREATE | TC_SHARE_SPACE | TC_NEW_SPACE, &none) == -EINVAL;
  report("THREAD CONTROL:", ok);
}
