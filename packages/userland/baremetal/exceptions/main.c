/* Exceptions: SWI (ARM, Thumb, user mode), undefined instructions (ARM, Thumb, absent
 * coprocessor, CP15 from user mode), prefetch abort by BKPT, data aborts by alignment
 * faults (c1.A), IRQ and FIQ from the VIC soft-interrupt register, FIQ over IRQ priority,
 * return addresses, SPSR contents, banked registers of every mode. */
#include "lib.h"

const char image_name[] = "exceptions";

#define A(sym) ((uint32_t)(uintptr_t)(sym))
#define DECL(sym) extern char sym[]
DECL(at_swi_arm); DECL(at_swi_user); DECL(at_und_arm); DECL(at_und_cp); DECL(at_und_user_cp15);
DECL(at_bkpt_arm); DECL(resume_bkpt_arm); DECL(at_align_ldr); DECL(at_align_ldr_wb);
DECL(at_align_ldrh); DECL(at_align_str); DECL(at_align_ldm); DECL(at_irq_after);
DECL(at_fiq_after); DECL(at_both_after); DECL(at_swi_thumb); DECL(at_und_thumb);
DECL(at_bkpt_thumb); DECL(at_und_cdp); DECL(at_und_ldc); DECL(at_und_stc); DECL(at_und_mcrr);
DECL(at_und_mrrc); DECL(at_und_mcr); DECL(at_align_thumb); DECL(resume_bkpt_thumb); DECL(at_irq_thumb_swi); DECL(at_irq_thumb_resume);

uint32_t trig_swi_arm(void);
uint32_t trig_swi_user(uint32_t);
uint32_t trig_und_arm(void);
uint32_t trig_und_cp(void);
uint32_t trig_und_user_cp15(uint32_t);
uint32_t trig_und_cp_other(uint32_t kind);
uint32_t user_msr(uint32_t);
uint32_t trig_bkpt_arm(void);
uint32_t trig_align(uint32_t addr, uint32_t kind);
uint32_t trig_align_thumb(uint32_t addr);
uint32_t trig_irq(void);
void trig_fiq(void);
void trig_both(void);
void banked_write(const uint32_t *values);
void banked_read(uint32_t *out);
uint32_t trig_swi_thumb(void);
uint32_t trig_und_thumb(void);
uint32_t trig_bkpt_thumb(void);
uint32_t trig_irq_thumb(void);

struct record {
    unsigned kind;
    uint32_t spsr, lr, fsr, far, ifsr, number, vic, fiq_regs[5];
};
static volatile struct record rec;
static volatile uint32_t resume_at;
static volatile unsigned log_kinds[8];
static volatile unsigned log_len;

void exc_handler(unsigned kind, struct exc_frame *f)
{
    if (exc_lib_service(kind, f))
        return;
    if (log_len < 8)
        log_kinds[log_len++] = kind;
    rec.kind = kind;
    rec.spsr = f->spsr;
    rec.lr = f->pc;
    switch (kind) {
    case EXC_SWI:
        if (f->spsr & 0x20) {
            rec.number = *(volatile uint16_t *)(uintptr_t)(f->pc - 2) & 0xff;
        } else {
            rec.number = *(volatile uint32_t *)(uintptr_t)(f->pc - 4) & 0xffffff;
        }
        f->r[0] = 0x5A000000u | rec.number;
        if (rec.number == 0x77)
            f->spsr &= ~0x80u; /* let the pending IRQ in on return */
        break;
    case EXC_UND:
        f->r[0] += 0x100; /* lr already points past the instruction in both states */
        break;
    case EXC_PABT:
        rec.ifsr = CP15_READ(c5, 0, c0, 1);
        break;
    case EXC_DABT:
        rec.fsr = CP15_READ(c5, 0, c0, 0);
        rec.far = CP15_READ(c6, 0, c0, 0);
        f->pc -= (f->spsr & 0x20) ? 6 : 4; /* skip the faulting instruction (lr = insn + 8) */
        break;
    case EXC_IRQ:
        rec.vic = REG32(VIC_BASE + VIC_IRQSTATUS);
        REG32(VIC_BASE + VIC_SOFTINTCLEAR) = rec.vic;
        f->pc -= 4;
        break;
    case EXC_FIQ:
        rec.vic = REG32(VIC_BASE + VIC_FIQSTATUS);
        REG32(VIC_BASE + VIC_SOFTINTCLEAR) = rec.vic;
        for (int i = 0; i < 5; i++)
            rec.fiq_regs[i] = f->r[8 + i];
        f->pc -= 4;
        break;
    default:
        pr("unexpected exception %u\n", kind);
        finish(1);
    }
    if (resume_at) {
        f->pc = resume_at;
        resume_at = 0;
    }
}

/* Bits 8-26 of the PSRs are reserved on ARMv5; QEMU 7.2 keeps bit 8 (the v6 A bit) set
 * from reset. Only the architected bits are printed. */
#define PSR(x) ((x) & 0xF80000FFu)

static const char *const kind_names[8] = { "reset", "und", "swi", "pabt", "dabt", "rsvd", "irq", "fiq" };

static void expect_kind(const char *what, unsigned kind)
{
    if (rec.kind != kind)
        pr("%s: expected %s, got %s\n", what, kind_names[kind & 7], kind_names[rec.kind & 7]);
}

static void clear_rec(void)
{
    rec.kind = 0;
    rec.spsr = rec.lr = rec.fsr = rec.far = rec.ifsr = rec.number = rec.vic = 0;
    log_len = 0;
}

static void test_swi(void)
{
    clear_rec();
    uint32_t r = trig_swi_arm();
    expect_kind("swi arm", EXC_SWI);
    pr("swi arm svc: number=%06x r0=%08x spsr=%08x lr=insn+%d\n", rec.number, r, PSR(rec.spsr), (int)(rec.lr - A(at_swi_arm)));
    clear_rec();
    r = run_user(trig_swi_user, 0, user_stack_top);
    expect_kind("swi arm usr", EXC_SWI);
    pr("swi arm usr: number=%06x r0=%08x spsr=%08x lr=insn+%d\n", rec.number, r, PSR(rec.spsr), (int)(rec.lr - A(at_swi_user)));
    clear_rec();
    r = trig_swi_thumb();
    expect_kind("swi thumb", EXC_SWI);
    pr("swi thumb svc: number=%02x r0=%08x spsr.T=%u spsr.mode=%02x lr=insn+%d\n", rec.number, r, (rec.spsr >> 5) & 1,
       rec.spsr & 0x1f, (int)(rec.lr - (A(at_swi_thumb) & ~1u)));
}

static void test_und(void)
{
    clear_rec();
    uint32_t r = trig_und_arm();
    expect_kind("und arm", EXC_UND);
    pr("und arm e7f000f0: r0=%08x spsr=%08x lr=insn+%d\n", r, PSR(rec.spsr), (int)(rec.lr - A(at_und_arm)));
    clear_rec();
    r = trig_und_cp();
    expect_kind("und cp5", EXC_UND);
    pr("und mrc p5: r0=%08x spsr=%08x lr=insn+%d\n", r, PSR(rec.spsr), (int)(rec.lr - A(at_und_cp)));
    static const struct { const char *name; char *at; } cps[6] = {
        { "cdp p5", at_und_cdp }, { "ldc p6", at_und_ldc }, { "stc p7 (writeback)", at_und_stc },
        { "mcrr p8", at_und_mcrr }, { "mrrc p9", at_und_mrrc }, { "mcr p10", at_und_mcr },
    };
    for (uint32_t k = 0; k < 6; k++) {
        clear_rec();
        r = trig_und_cp_other(k);
        expect_kind(cps[k].name, EXC_UND);
        pr("und %s: r0=%08x lr=insn+%d\n", cps[k].name, r, (int)(rec.lr - A(cps[k].at)));
    }
    clear_rec();
    r = run_user(trig_und_user_cp15, 0, user_stack_top);
    expect_kind("und user cp15", EXC_UND);
    pr("und user mrc p15: r0=%08x spsr.mode=%02x lr=insn+%d\n", r, rec.spsr & 0x1f, (int)(rec.lr - A(at_und_user_cp15)));
    clear_rec();
    r = trig_und_thumb();
    expect_kind("und thumb", EXC_UND);
    pr("und thumb de00: r0=%08x spsr.T=%u lr=insn+%d\n", r, (rec.spsr >> 5) & 1, (int)(rec.lr - (A(at_und_thumb) & ~1u)));
}

static void test_user_msr(void)
{
    uint32_t r = run_user(user_msr, 0, user_stack_top);
    pr("user mode msr cpsr_c,#0xd3 / msr cpsr_f: cpsr=%08x\n", r);
}

static void test_pabt(void)
{
    clear_rec();
    resume_at = A(resume_bkpt_arm);
    uint32_t r = trig_bkpt_arm();
    expect_kind("bkpt arm", EXC_PABT);
    pr("bkpt arm: r0=%08x spsr=%08x lr=insn+%d ifsr=%08x\n", r, PSR(rec.spsr), (int)(rec.lr - A(at_bkpt_arm)), rec.ifsr);
    clear_rec();
    resume_at = A(resume_bkpt_thumb);
    r = trig_bkpt_thumb();
    expect_kind("bkpt thumb", EXC_PABT);
    pr("bkpt thumb: r0=%08x spsr.T=%u lr=insn+%d ifsr=%08x\n", r, (rec.spsr >> 5) & 1,
       (int)(rec.lr - (A(at_bkpt_thumb) & ~1u)), rec.ifsr);
}

static uint32_t scratch[4] __attribute__((aligned(8))) = { 0x11223344, 0x55667788, 0x99aabbcc, 0xddeeff00 };

static void test_align(void)
{
    static const struct { const char *name; char *at; uint32_t offset; } cases[] = {
        { "ldr [base+1]", at_align_ldr, 1 },
        { "ldr [base+4]! (base+2)", at_align_ldr_wb, 2 },
        { "ldrh [base+1]", at_align_ldrh, 1 },
        { "str [base+3]", at_align_str, 3 },
        { "ldmia base+2!", at_align_ldm, 2 },
    };
    uint32_t base = A(scratch);
    for (uint32_t k = 0; k < 5; k++) {
        clear_rec();
        uint32_t r = trig_align(base + cases[k].offset, k);
        expect_kind(cases[k].name, EXC_DABT);
        pr("align %s: fsr=%03x far=base+%u r0=base+%u spsr=%08x lr=insn+%d\n", cases[k].name, rec.fsr & 0x0ff,
           rec.far - base, r - base, PSR(rec.spsr), (int)(rec.lr - A(cases[k].at)));
    }
    clear_rec();
    uint32_t r = trig_align_thumb(base + 2);
    expect_kind("align thumb", EXC_DABT);
    pr("align thumb ldr [base+2]: fsr=%03x far=base+%u r0=base+%u spsr=%08x lr=insn+%d\n", rec.fsr & 0x0ff,
       rec.far - base, r - base, PSR(rec.spsr), (int)(rec.lr - (A(at_align_thumb) & ~1u)));
    pr("align memory: %08x %08x %08x %08x\n", scratch[0], scratch[1], scratch[2], scratch[3]);
    /* c1.A clear again: an unaligned halfword-aligned word-sized access is not checked */
    pr("c1 after: A=%u\n", (CP15_READ(c1, 0, c0, 0) >> 1) & 1);
}

static void test_irq_fiq(void)
{
    REG32(VIC_BASE + VIC_INTSELECT) = 1u << 2;              /* line 2 is an FIQ */
    REG32(VIC_BASE + VIC_INTENABLE) = (1u << 1) | (1u << 2);
    clear_rec();
    REG32(VIC_BASE + VIC_SOFTINT) = 1u << 1;
    pr("irq pending: rawintr=%08x irqstatus=%08x fiqstatus=%08x\n", REG32(VIC_BASE + VIC_RAWINTR),
       REG32(VIC_BASE + VIC_IRQSTATUS), REG32(VIC_BASE + VIC_FIQSTATUS));
    uint32_t sum = trig_irq();
    expect_kind("irq", EXC_IRQ);
    pr("irq: vic=%08x spsr=%08x return=after+%d regs=%08x rawintr after=%08x\n", rec.vic, PSR(rec.spsr),
       (int)(rec.lr - 4 - A(at_irq_after)), sum, REG32(VIC_BASE + VIC_RAWINTR));

    clear_rec();
    REG32(VIC_BASE + VIC_SOFTINT) = 1u << 2;
    trig_fiq();
    expect_kind("fiq", EXC_FIQ);
    pr("fiq: vic=%08x spsr=%08x return=after+%d r8-r12=%08x %08x %08x %08x %08x\n", rec.vic, PSR(rec.spsr),
       (int)(rec.lr - 4 - A(at_fiq_after)), rec.fiq_regs[0], rec.fiq_regs[1], rec.fiq_regs[2], rec.fiq_regs[3],
       rec.fiq_regs[4]);

    clear_rec();
    REG32(VIC_BASE + VIC_SOFTINT) = (1u << 1) | (1u << 2);
    trig_both();
    pr("irq+fiq pending together: taken in order");
    for (unsigned i = 0; i < log_len; i++)
        pr(" %s", kind_names[log_kinds[i] & 7]);
    pr("\n");

    clear_rec();
    REG32(VIC_BASE + VIC_SOFTINT) = 1u << 1;
    uint32_t r = trig_irq_thumb();
    irq_disable();
    pr("irq on return to thumb: order");
    for (unsigned i = 0; i < log_len; i++)
        pr(" %s", kind_names[log_kinds[i] & 7]);
    pr(" r0=%08x irq spsr.T=%u return=resume+%d\n", r, (rec.spsr >> 5) & 1,
       (int)(rec.lr - 4 - (A(at_irq_thumb_resume) & ~1u)));
    REG32(VIC_BASE + VIC_INTENCLEAR) = 0xffffffffu;
    REG32(VIC_BASE + VIC_INTSELECT) = 0;
}

static void test_banked(void)
{
    static const uint32_t values[15] = {
        0xF1F1F1F0, 0x80000010, /* fiq lr, spsr */
        0x12121210, 0x40000030, /* irq */
        0xABABAB00, 0x200000D7, /* abt */
        0x0B0B0B00, 0x100000DB, /* und */
        0x5F5F5F50,             /* sys lr */
        0xF8000008, 0xF9000009, 0xFA00000A, 0xFB00000B, 0xFC00000C, /* fiq r8-r12 */
    };
    static const char *const modes[6] = { "svc", "fiq", "irq", "abt", "und", "sys" };
    uint32_t out[28];
    banked_write(values);
    banked_read(out);
    for (int m = 0; m < 6; m++)
        pr("banked %s: sp=%08x lr=%08x spsr=%08x\n", modes[m], out[3 * m], out[3 * m + 1], PSR(out[3 * m + 2]));
    pr("banked r8-r12 svc: %08x %08x %08x %08x\n", out[18], out[19], out[20], out[21]);
    pr("banked r8-r12 fiq: %08x %08x %08x %08x %08x\n", out[23], out[24], out[25], out[26], out[27]);
}

int main(void)
{
    pr("exceptions: cpsr at entry to main=%08x\n", PSR(get_cpsr()));
    test_swi();
    test_und();
    test_pabt();
    test_user_msr();
    test_align();
    test_banked();
    test_irq_fiq();
    pr("exceptions taken in the last test: %u\n", log_len);
    return 0;
}
