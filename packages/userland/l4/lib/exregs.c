/* Building exchange_registers requests. */
#include <l4/l4.h>

void exregs_clear(struct exregs_data *e) { memset(e, 0, sizeof(*e)); }

void exregs_set_reg(struct exregs_data *e, int reg, u32 value) {
  ((u32 *)&e->context)[reg] = value;
  e->valid_vect |= 1u << reg;
}

void exregs_set_pc(struct exregs_data *e, u32 pc) { exregs_set_reg(e, 15, pc); }
void exregs_set_sp(struct exregs_data *e, u32 sp) { exregs_set_reg(e, 13, sp); }

void exregs_set_pager(struct exregs_data *e, l4id_t pager) {
  e->pagerid = pager;
  e->flags |= EXREGS_SET_PAGER;
}

void exregs_set_utcb(struct exregs_data *e, u32 utcb) {
  e->utcb_address = utcb;
  e->flags |= EXREGS_SET_UTCB;
}
