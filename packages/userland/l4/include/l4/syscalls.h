/*
 * The fifteen system calls. Each stub jumps to the slot address the KIP publishes
 * (read once by l4_lib_init); the kernel returns to lr with the result in r0.
 */
#ifndef L4_SYSCALLS_H
#define L4_SYSCALLS_H
#include <l4/types.h>

/* Slot numbers (offset / 4 in the syscall page). */
enum l4_slot {
  L4_SLOT_IPC, L4_SLOT_THREAD_SWITCH, L4_SLOT_THREAD_CONTROL, L4_SLOT_EXCHANGE_REGISTERS,
  L4_SLOT_SCHEDULE, L4_SLOT_UNMAP, L4_SLOT_IRQ_CONTROL, L4_SLOT_IPC_CONTROL, L4_SLOT_MAP,
  L4_SLOT_GETID, L4_SLOT_CAPABILITY_CONTROL, L4_SLOT_CONTAINER_CONTROL, L4_SLOT_TIME,
  L4_SLOT_MUTEX_CONTROL, L4_SLOT_CACHE_CONTROL, L4_SLOT_COUNT
};

/* Slot addresses copied from the KIP. */
extern u32 __l4_slots[L4_SLOT_COUNT];

/* thread_control actions and create flags. */
#define THREAD_CREATE 0x00000000u
#define THREAD_RUN 0x10000000u
#define THREAD_SUSPEND 0x20000000u
#define THREAD_DESTROY 0x30000000u
#define THREAD_RECYCLE 0x40000000u
#define THREAD_WAIT 0x50000000u
#define TC_SHARE_SPACE 0x01000000u
#define TC_COPY_SPACE 0x02000000u
#define TC_NEW_SPACE 0x04000000u
#define TC_SHARE_CAPS 0x00100000u
#define TC_SHARE_UTCB 0x00200000u
#define TC_SHARE_GROUP 0x00400000u

/* map flags. */
#define MAP_USR_RW 1
#define MAP_USR_RO 2
#define MAP_USR_IO 4
#define MAP_USR_RWX 6
#define MAP_USR_RX 8

/* mutex_control operations. */
#define L4_MUTEX_LOCK 0x10000000u
#define L4_MUTEX_UNLOCK 0x20000000u

/* cache_control operations. */
#define L4_INVALIDATE_ICACHE 1
#define L4_INVALIDATE_DCACHE 2
#define L4_CLEAN_DCACHE 3
#define L4_CLEAN_INVALIDATE_DCACHE 4
#define L4_INVALIDATE_TLB 5

/* capability_control requests and capability types. */
#define CAP_CONTROL_NCAPS 0
#define CAP_CONTROL_READ 1
#define CAP_TYPE_PHYSMEM 1
#define CAP_TYPE_VIRTMEM 2
#define CAP_TYPE_IPC 3
#define CAP_TYPE_TCTRL 4
#define CAP_TYPE_IRQ 5

/* One capability as capability_control READ writes it (8 words). */
struct l4_capability {
  u32 type;
  u32 access;
  u32 start; /* first unit (page number, thread id, irq) */
  u32 end;   /* end unit, exclusive */
  u32 owner;
  u32 reserved[3];
};

struct l4_time {
  u32 sec;
  u32 usec;
};

struct exregs_data;

/* Raw calls: results are 0 / a value, or a negative error number. */
int l4_ipc(l4id_t to, l4id_t from, u32 flags); /* MR0..MR5 move between the UTCB and r3..r8 */
int l4_thread_switch(void);
int l4_thread_control(u32 action, struct task_ids *ids);
int l4_exchange_registers(struct exregs_data *exregs, l4id_t tid);
int l4_schedule(void);
int l4_unmap(u32 virt, u32 npages, l4id_t tid);
int l4_irq_control(u32 req, u32 slot, u32 irq);
int l4_ipc_control(void);
int l4_map(u32 phys, u32 virt, u32 npages, u32 flags, l4id_t tid);
int l4_getid(struct task_ids *ids);
int l4_capability_control(u32 req, u32 flags, void *buf);
int l4_container_control(void);
int l4_time(struct l4_time *tv, int set);
int l4_mutex_control(void *word, u32 op);
int l4_cache_control(u32 start, u32 end, u32 op);

#endif
