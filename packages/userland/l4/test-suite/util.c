#include "tests.h"

void report(const char *name, int ok) {
  printf("%-27s%s\n", name, ok ? "-- PASSED --" : "-- FAILED --");
}

int serve_page_fault(void) {
  l4id_t tid = read_mr(1);
  u32 far = read_mr(4);
  u32 phys = l4_alloc_phys_pages(1);
  if (phys == 0) return -ENOMEM;
  int err = l4_map(phys, far & ~(L4_PAGE_SIZE - 1), 1, MAP_USR_RW, tid);
  if (err < 0) return err;
  return l4_send(tid, L4_IPC_SHORT);
}
