/* MAP/UNMAP: valid and repeated maps; the error table; unmapping twice. */
#include "tests.h"

#define VA 0x40000000u

void test_map_unmap(void) {
  int ok = 1;
  l4id_t me = self_tid();
  u32 phys = l4_alloc_phys_pages(2);
  ok &= phys != 0;
  ok &= l4_map(phys, VA, 2, MAP_USR_RW, me) == 0;
  *(volatile u32 *)VA = 0x1234;
  *(volatile u32 *)(VA + 0x1000) = 0x5678;
  ok &= l4_map(phys, VA, 2, MAP_USR_RW, me) == 0; /* again: allowed */
  ok &= l4_map(phys + 0x1000, VA + 0x10000, 1, MAP_USR_RO, me) == 0; /* an alias */
  ok &= *(volatile u32 *)(VA + 0x10000) == 0x5678;

  /* Zero or huge counts, zero addresses, kernel flags. */
  ok &= l4_map(phys, VA, 0, MAP_USR_RW, me) == -EINVAL;
  ok &= l4_map(0, VA, 1, MAP_USR_RW, me) == -EINVAL;
  ok &= l4_map(phys, 0, 1, MAP_USR_RW, me) == -EINVAL;
  ok &= l4_map(phys, VA, 0x100001, MAP_USR_RW, me) < 0;
  ok &= l4_map(phys, VA, 0xffffffffu, MAP_USR_RW, me) < 0;
  ok &= l4_map(phys, VA, 1, 3, me) == -EINVAL;
  ok &= l4_map(phys, VA, 1, 5, me) == -EINVAL;
  ok &= l4_map(phys, VA, 1, 7, me) == -EINVAL;
  ok &= l4_map(phys, VA, 1, 9, me) == -EINVAL;
  /* Wraparound and memory outside our capabilities. */
  ok &= l4_map(phys, 0xfffff000u, 2, MAP_USR_RW, me) < 0;
  ok &= l4_map(0xfffff000u, VA, 2, MAP_USR_RW, me) < 0;
  ok &= l4_map(0x1000, VA, 1, MAP_USR_RW, me) == -ENOCAP;
  /* Kernel, vector, KIP and syscall pages. */
  ok &= l4_map(phys, L4_USER_END, 1, MAP_USR_RW, me) == -ENOCAP;
  ok &= l4_map(phys, 0xffff0000u, 1, MAP_USR_RW, me) < 0;
  ok &= l4_map(phys, L4_KIP_ADDRESS, 1, MAP_USR_RW, me) < 0;
  ok &= l4_map(phys, L4_SYSCALL_PAGE, 1, MAP_USR_RW, me) < 0;
  ok &= l4_map(phys, VA, 1, MAP_USR_RW, 200) == -ESRCH;

  ok &= l4_unmap(VA + 0x10000, 1, me) == 0;
  ok &= l4_unmap(VA + 0x10000, 1, me) == -ENOMAP;
  ok &= l4_unmap(VA, 2, me) == 0;
  ok &= l4_unmap(VA, 0, me) == -EINVAL;
  ok &= l4_unmap(L4_KIP_ADDRESS, 1, me) < 0;
  ok &= l4_unmap(L4_SYSCALL_PAGE, 1, me) < 0;
  ok &= l4_unmap(0xffff0000u, 1, me) < 0;
  ok &= l4_unmap(L4_USER_END, 1, me) < 0;
  report("MAP/UNMAP:", ok);
}
