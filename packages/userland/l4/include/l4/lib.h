/* Library start-up, ids, physical memory and the console. */
#ifndef L4_LIB_H
#define L4_LIB_H
#include <l4/types.h>

/* Reads the KIP (syscall slots), the caller's ids and capabilities, maps the console. */
void l4_lib_init(void);

/* The ids l4_lib_init found for the first thread. */
extern struct task_ids l4_self_ids;
static inline l4id_t self_tid(void) { return l4_self_ids.tid; }

/* Physical pages from the program's physical-memory capabilities (never given back). */
u32 l4_alloc_phys_pages(u32 npages); /* physical address, or 0 when none are left */

/* Console: a PL011 mapped with USR_IO at L4_CONSOLE_VBASE (silent when the platform has none). */
#define L4_CONSOLE_VBASE 0xBEFFF000u
void l4_console_init(void);
void l4_putc(int c);

#endif
