/* Threads in the caller's space: a stack and a UTCB from static pools, started through
 * exchange_registers, exiting through thread_control DESTROY with an exit code. */
#include <l4/l4.h>

struct slot {
  l4id_t tid;
  int used;
};

static struct slot slots[L4_THREAD_MAX];
static u8 stacks[L4_THREAD_MAX][L4_THREAD_STACK] __attribute__((aligned(8)));
static struct utcb utcbs[L4_THREAD_MAX] __attribute__((aligned(256)));

/* First code of every thread: r0 = fn, r1 = arg. */
static void thread_entry(l4_thread_fn fn, void *arg) { l4_exit(fn(arg)); }

static void release(l4id_t tid) {
  for (int i = 0; i < L4_THREAD_MAX; i++)
    if (slots[i].used && slots[i].tid == tid) slots[i].used = 0;
}

int l4_thread_prepare(l4_thread_fn fn, void *arg) {
  int i = 0;
  while (i < L4_THREAD_MAX && slots[i].used) i++;
  if (i == L4_THREAD_MAX) return -ENOMEM;
  struct task_ids ids = {0, l4_self_ids.spid, 0};
  int err = l4_thread_control(THREAD_CREATE | TC_SHARE_SPACE, &ids);
  if (err < 0) return err;
  struct exregs_data e;
  exregs_clear(&e);
  exregs_set_reg(&e, 0, (u32)fn);
  exregs_set_reg(&e, 1, (u32)arg);
  exregs_set_sp(&e, (u32)&stacks[i][L4_THREAD_STACK]);
  exregs_set_pc(&e, (u32)thread_entry);
  exregs_set_utcb(&e, (u32)&utcbs[i]);
  memset(&utcbs[i], 0, sizeof(utcbs[i]));
  err = l4_exchange_registers(&e, ids.tid);
  if (err < 0) {
    l4_thread_control(THREAD_DESTROY, &ids);
    return err;
  }
  slots[i].tid = ids.tid;
  slots[i].used = 1;
  return (int)ids.tid;
}

int l4_thread_start(l4id_t tid) {
  struct task_ids ids = {tid, 0, 0};
  return l4_thread_control(THREAD_RUN, &ids);
}

int l4_thread_create(l4_thread_fn fn, void *arg) {
  int tid = l4_thread_prepare(fn, arg);
  if (tid < 0) return tid;
  int err = l4_thread_start((l4id_t)tid);
  return err < 0 ? err : tid;
}

int l4_thread_wait(l4id_t tid) {
  struct task_ids ids = {tid, 0, 0};
  int r = l4_thread_control(THREAD_WAIT, &ids);
  release(tid);
  return r;
}

int l4_thread_destroy(l4id_t tid) {
  struct task_ids ids = {tid, 0, 0};
  int r = l4_thread_control(THREAD_DESTROY, &ids);
  release(tid);
  return r;
}

void l4_exit(int code) {
  struct task_ids ids;
  l4_getid(&ids);
  l4_thread_control(THREAD_DESTROY | ((u32)code & 0xffffu), &ids);
  for (;;) {
  }
}
