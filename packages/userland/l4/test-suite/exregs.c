/* EXCHANGE REGISTERS: write all sixteen context words of a thread that has not run, read them back. */
#include "tests.h"

static int never_runs(void *arg) {
  (void)arg;
  return 0;
}

void test_exregs(void) {
  int ok = 1;
  int tid = l4_thread_prepare(never_runs, NULL);
  ok &= tid > 0;
  struct exregs_data e;
  exregs_clear(&e);
  memset(&e.context, 0xff, sizeof(e.context));
  e.valid_vect = 0xffff;
  ok &= l4_exchange_registers(&e, (l4id_t)tid) == 0;

  exregs_clear(&e);
  e.valid_vect = 0xffff;
  e.flags = EXREGS_READ;
  ok &= l4_exchange_registers(&e, (l4id_t)tid) == 0;
  const u32 *words = (const u32 *)&e.context;
  for (int i = 0; i < 16; i++) ok &= words[i] == 0xffffffffu;

  exregs_clear(&e);
  e.flags = EXREGS_READ | EXREGS_SET_PAGER;
  ok &= l4_exchange_registers(&e, (l4id_t)tid) == 0 && e.pagerid == self_tid();
  ok &= l4_exchange_registers(&e, 200) == -ESRCH;
  ok &= l4_thread_destroy((l4id_t)tid) == 0;
  report("EXCHANGE REGISTERS:", ok);
}
