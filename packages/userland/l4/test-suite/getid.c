/* GETID: our own ids; a thread's ids; getid(NULL) faults to the pager, which destroys the thread. */
#include "tests.h"

static struct task_ids child_ids;

static int read_ids(void *arg) {
  l4id_t parent = (l4id_t)arg;
  l4_getid(&child_ids);
  return l4_receive(parent, L4_IPC_SHORT) < 0 ? 1 : 0;
}

static int bad_pointer(void *arg) {
  (void)arg;
  l4_getid(NULL);
  return 1; /* never reached: the pager destroys us */
}

void test_getid(void) {
  int ok = 1;
  struct task_ids ids;
  ok &= l4_getid(&ids) == 0;
  ok &= ids.tid == 1 && ids.spid == 1 && ids.tgid == 1;

  int a = l4_thread_create(read_ids, (void *)self_tid());
  int b = l4_thread_create(bad_pointer, NULL);
  ok &= a > 0 && b > 0;
  /* The fault of b arrives as a page-fault message: tag 0, tid, pc, FSR, FAR 0. */
  ok &= l4_receive((l4id_t)b, L4_IPC_SHORT) == 0;
  ok &= read_mr(0) == L4_IPC_TAG_PFAULT && read_mr(1) == (u32)b && read_mr(4) == 0;
  ok &= l4_thread_destroy((l4id_t)b) == 0;

  ok &= l4_send((l4id_t)a, L4_IPC_SHORT) == 0;
  ok &= l4_thread_wait((l4id_t)a) == 0;
  ok &= child_ids.tid == (u32)a && child_ids.spid == ids.spid && child_ids.tgid == (u32)a;
  report("GETID:", ok);
}
