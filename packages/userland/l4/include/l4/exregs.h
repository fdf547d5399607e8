/* exchange_registers: read or write a thread's context words, pager and UTCB. */
#ifndef L4_EXREGS_H
#define L4_EXREGS_H
#include <l4/syscalls.h>

#define EXREGS_SET_PAGER 1u
#define EXREGS_SET_UTCB 2u
#define EXREGS_READ 4u

/* r0..r12, sp, lr, pc: bit i of valid_vect selects word i. */
struct exregs_context {
  u32 r[13];
  u32 sp;
  u32 lr;
  u32 pc;
};

struct exregs_data {
  struct exregs_context context;
  u32 valid_vect;
  u32 flags;
  l4id_t pagerid;
  u32 utcb_address;
};

#define EXREGS_R(n) (1u << (n))
#define EXREGS_SP (1u << 13)
#define EXREGS_LR (1u << 14)
#define EXREGS_PC (1u << 15)

void exregs_clear(struct exregs_data *e);
void exregs_set_reg(struct exregs_data *e, int reg, u32 value);
void exregs_set_pc(struct exregs_data *e, u32 pc);
void exregs_set_sp(struct exregs_data *e, u32 sp);
void exregs_set_pager(struct exregs_data *e, l4id_t pager);
void exregs_set_utcb(struct exregs_data *e, u32 utcb);

#endif
