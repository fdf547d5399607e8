/* The user thread control block and message registers. */
#ifndef L4_UTCB_H
#define L4_UTCB_H
#include <l4/types.h>

#define MR_PRIMARY 6 /* MR0..MR5: in r3..r8 during IPC */
#define MR_TOTAL 60  /* a full IPC moves MR0..MR59 */
#define MR_REST (MR_TOTAL - MR_PRIMARY)

/* 64 words; MR0..MR5 hold the primary registers outside IPC. */
struct utcb {
  u32 mr[MR_PRIMARY];
  u32 saved_tag;
  u32 saved_sender;
  u8 notify[8];
  u32 mr_rest[MR_REST];
};

/* The current thread's UTCB, as the KIP publishes it (rewritten on every switch). */
static inline struct utcb *l4_utcb(void) {
  return *(struct utcb *volatile *)(L4_KIP_ADDRESS + L4_KIP_OFF_UTCB);
}

/* Message register i (0..59) of the current thread. */
static inline u32 read_mr(int i) {
  struct utcb *u = l4_utcb();
  return i < MR_PRIMARY ? u->mr[i] : u->mr_rest[i - MR_PRIMARY];
}

static inline void write_mr(int i, u32 v) {
  struct utcb *u = l4_utcb();
  if (i < MR_PRIMARY)
    u->mr[i] = v;
  else
    u->mr_rest[i - MR_PRIMARY] = v;
}

#endif
