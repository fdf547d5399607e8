/* CACHE CONTROL: the five operations return 0; anything else is refused. */
#include "tests.h"

void test_cache(void) {
  int ok = 1;
  u32 start = 0x10000, end = 0x11000;
  ok &= l4_cache_control(start, end, L4_INVALIDATE_ICACHE) == 0;
  ok &= l4_cache_control(start, end, L4_INVALIDATE_DCACHE) == 0;
  ok &= l4_cache_control(start, end, L4_CLEAN_DCACHE) == 0;
  ok &= l4_cache_control(start, end, L4_CLEAN_INVALIDATE_DCACHE) == 0;
  ok &= l4_cache_control(start, end, L4_INVALIDATE_TLB) == 0;
  ok &= l4_cache_control(start, end, 0) == -EINVAL;
  ok &= l4_cache_control(start, end, 6) == -EINVAL;
  report("CACHE CONTROL:", ok);
}
