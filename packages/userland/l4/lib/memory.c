/* Physical pages for the program, taken from its physical-memory capabilities. */
#include <l4/l4.h>

#define MAX_CAPS 64

static struct l4_capability caps[MAX_CAPS];
static u32 ncaps;
static u32 cur; /* capability being used */
static u32 next; /* next free page number in it */

void l4_memory_init(void) {
  u32 n = 0;
  if (l4_capability_control(CAP_CONTROL_NCAPS, 0, &n) < 0 || n > MAX_CAPS) return;
  if (l4_capability_control(CAP_CONTROL_READ, 0, caps) < 0) return;
  ncaps = n;
  cur = 0;
  next = ncaps > 0 ? caps[0].start : 0;
}

u32 l4_alloc_phys_pages(u32 npages) {
  for (; cur < ncaps; cur++) {
    struct l4_capability *c = &caps[cur];
    if (c->type != CAP_TYPE_PHYSMEM || c->access != 0) continue;
    if (next < c->start) next = c->start;
    if (c->end - next >= npages) {
      u32 page = next;
      next += npages;
      return page * L4_PAGE_SIZE;
    }
    if (cur + 1 < ncaps) next = caps[cur + 1].start;
  }
  return 0;
}
