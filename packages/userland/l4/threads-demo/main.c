/*
 * Threads demo: six threads in this space wait for a token. The first thread hands it to
 * the newest one; each prints its id and passes the token to the thread created before it,
 * the oldest back to the first thread: tid = 7 down to tid = 2.
 */
#include <l4/l4.h>

#define NTHREADS 6

static int worker(void *arg) {
  (void)arg;
  struct task_ids ids;
  l4_getid(&ids);
  if (l4_receive(L4_ANYTHREAD, L4_IPC_SHORT) < 0) return 1;
  printf("tid = %d is called.\n", (int)ids.tid);
  write_mr(0, ids.tid);
  return l4_send(ids.tid - 1, L4_IPC_SHORT) < 0 ? 2 : 0;
}

int main(void) {
  int tids[NTHREADS];
  int ok = 1;
  for (int i = 0; i < NTHREADS; i++) {
    tids[i] = l4_thread_create(worker, NULL);
    ok &= tids[i] == (int)self_tid() + 1 + i;
  }
  write_mr(0, self_tid());
  ok &= l4_send((l4id_t)tids[NTHREADS - 1], L4_IPC_SHORT) == 0;
  ok &= l4_receive((l4id_t)tids[0], L4_IPC_SHORT) == 0 && read_mr(0) == (u32)tids[0];
  for (int i = 0; i < NTHREADS; i++) ok &= l4_thread_wait((l4id_t)tids[i]) == 0;
  printf("%-27s%s\n", "THREAD DEMO:", ok ? "-- PASSED --" : "-- FAILED --");
  return 0;
}
