/* IPC helpers over l4_ipc (spec/codezero.md 2.1). */
#ifndef L4_IPC_H
#define L4_IPC_H
#include <l4/syscalls.h>
#include <l4/utcb.h>

#define L4_IPC_SHORT 0u
#define L4_IPC_FULL 1u
#define L4_IPC_EXTENDED 2u
#define L4_IPC_EXTENDED_MAX 2048u

/* Kernel-made tags (MR0 of fault messages). */
#define L4_IPC_TAG_PFAULT 0
#define L4_IPC_TAG_UNDEF_FAULT 1

/* Flags of an extended IPC whose buffer address is in MR mr and that moves size bytes. */
static inline u32 l4_ipc_extended_flags(u32 mr, u32 size) {
  return L4_IPC_EXTENDED | (mr << 4) | (size << 16);
}

static inline int l4_send(l4id_t to, u32 flags) { return l4_ipc(to, L4_NILTHREAD, flags); }
static inline int l4_receive(l4id_t from, u32 flags) { return l4_ipc(L4_NILTHREAD, from, flags); }
/* Send, then wait for the reply from the same thread. */
static inline int l4_sendrecv(l4id_t to, u32 flags) { return l4_ipc(to, to, flags); }

/* The sender of the last receive from L4_ANYTHREAD (MR1). */
static inline l4id_t l4_get_sender(void) { return read_mr(1); }

/* Sends buf (size bytes) to `to` as an extended IPC, the address in MR mr. */
int l4_send_extended(l4id_t to, u32 mr, const void *buf, u32 size);
/* Receives into buf (up to size bytes) from `from` as an extended IPC. */
int l4_receive_extended(l4id_t from, u32 mr, void *buf, u32 size);

#endif
