/* Library start-up: syscall slots from the KIP, the first thread's ids, memory, console. */
#include <l4/l4.h>

u32 __l4_slots[L4_SLOT_COUNT];
struct task_ids l4_self_ids;

void l4_memory_init(void);

void l4_lib_init(void) {
  volatile u32 *kip = (volatile u32 *)L4_KIP_ADDRESS;
  u32 n = kip[L4_KIP_OFF_NSYSCALLS / 4];
  if (n > L4_SLOT_COUNT) n = L4_SLOT_COUNT;
  for (u32 i = 0; i < n; i++) __l4_slots[i] = kip[L4_KIP_OFF_SYSCALLS / 4 + i];
  l4_getid(&l4_self_ids);
  l4_memory_init();
  l4_console_init();
}
