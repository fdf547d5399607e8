/* Code that raises each exception at a known, labelled instruction. The C side compares
 * the return address the CPU banked with these labels. Every trigger sets the flags to a
 * known pattern first, so the saved SPSR is reproducible. */
    .syntax unified
    .text

    .macro FUNC name
    .global \name
    .type \name, %function
\name:
    .endm
    .macro LABEL name
    .global \name
\name:
    .endm

    .arm
/* uint32_t trig_swi_arm(void): SWI 0x42 from the current mode; returns r0 from the handler. */
FUNC trig_swi_arm
    push {r4, lr}            /* SWI in SVC mode overwrites lr_svc */
    mov r0, #0
    msr cpsr_f, #0x60000000      /* Z C */
LABEL at_swi_arm
    svc #0x000042
    pop {r4, pc}

/* uint32_t trig_swi_user(uint32_t): same, for run_user (user mode) */
FUNC trig_swi_user
    mov r0, #0
    msr cpsr_f, #0x90000000      /* N V */
LABEL at_swi_user
    svc #0xABCDE
    bx lr

/* uint32_t trig_und_arm(void): a permanently undefined ARM encoding */
FUNC trig_und_arm
    mov r0, #7
    msr cpsr_f, #0x80000000
LABEL at_und_arm
    .word 0xe7f000f0
    bx lr

/* uint32_t trig_und_cp(void): MRC to coprocessor 5, which does not exist */
FUNC trig_und_cp
    mov r0, #9
    msr cpsr_f, #0x40000000
LABEL at_und_cp
    mrc p5, 0, r0, c0, c0, 0
    bx lr

/* uint32_t trig_und_cp_other(uint32_t kind): CDP, LDC, STC, MCRR, MRRC, MCR to absent coprocessors */
FUNC trig_und_cp_other
    push {r4, lr}
    mov r4, r0
    mov r0, #0
    adr r1, 9f
    cmp r4, #0
    beq 0f
    cmp r4, #1
    beq 1f
    cmp r4, #2
    beq 2f
    cmp r4, #3
    beq 3f
    cmp r4, #4
    beq 4f
    b 5f
0:
LABEL at_und_cdp
    cdp p5, 1, c2, c3, c4, 5
    b 8f
1:
LABEL at_und_ldc
    ldc p6, c1, [r1]
    b 8f
2:
LABEL at_und_stc
    stc p7, c1, [r1, #4]!
    b 8f
3:
LABEL at_und_mcrr
    mcrr p8, 3, r2, r3, c1
    b 8f
4:
LABEL at_und_mrrc
    mrrc p9, 3, r2, r3, c1
    b 8f
5:
LABEL at_und_mcr
    mcr p10, 0, r0, c1, c2, 3
8:  sub r1, r1, #0   /* r1 unchanged: no writeback by the undefined STC */
    adr r2, 9f
    sub r1, r1, r2
    add r0, r0, r1, lsl #16
    pop {r4, pc}
9:  .word 0, 0, 0

/* uint32_t user_msr(uint32_t): in user mode, MSR to the control field is ignored and the
 * flags field is written; returns the CPSR read back (reserved bits cleared) */
FUNC user_msr
    msr cpsr_c, #0xd3
    msr cpsr_f, #0xa0000000
    mrs r0, cpsr
    bic r0, r0, #0x07000000
    bic r0, r0, #0x00ff0000
    bic r0, r0, #0x0000ff00
    bx lr

/* uint32_t trig_und_user_cp15(uint32_t): CP15 read from user mode */
FUNC trig_und_user_cp15
    mov r0, #11
LABEL at_und_user_cp15
    mrc p15, 0, r0, c1, c0, 0
    bx lr

/* uint32_t trig_bkpt_arm(void) */
FUNC trig_bkpt_arm
    mov r0, #0
    msr cpsr_f, #0x20000000
LABEL at_bkpt_arm
    bkpt #0x1234
LABEL resume_bkpt_arm
    bx lr

/* uint32_t trig_align(uint32_t addr, uint32_t kind): sets c1.A, does one access that is
 * not aligned, clears c1.A. kind 0: LDR, 1: LDR with writeback, 2: LDRH, 3: STR, 4: LDM.
 * Returns r0 (the base, to show the base-restored abort model). */
FUNC trig_align
    push {r4, r5, lr}
    mov r5, r0
    mrc p15, 0, r4, c1, c0, 0
    orr r2, r4, #2
    msr cpsr_f, #0x10000000
    mcr p15, 0, r2, c1, c0, 0
    cmp r1, #1
    beq 1f
    cmp r1, #2
    beq 2f
    cmp r1, #3
    beq 3f
    cmp r1, #4
    beq 4f
LABEL at_align_ldr
    ldr r0, [r0]
    b 9f
1:
LABEL at_align_ldr_wb
    ldr r1, [r0, #4]!
    b 9f
2:
LABEL at_align_ldrh
    ldrh r1, [r0]
    b 9f
3:
LABEL at_align_str
    str r5, [r0]
    b 9f
4:
LABEL at_align_ldm
    ldmia r0!, {r1, r2}
9:  mcr p15, 0, r4, c1, c0, 0
    pop {r4, r5, pc}

/* uint32_t trig_align_thumb(uint32_t addr): c1.A set around an unaligned Thumb LDR */
FUNC trig_align_thumb
    push {r4, lr}
    mrc p15, 0, r4, c1, c0, 0
    orr r2, r4, #2
    mcr p15, 0, r2, c1, c0, 0
    ldr r3, =thumb_align_load
    blx r3
    mcr p15, 0, r4, c1, c0, 0
    pop {r4, pc}
    .ltorg

/* uint32_t trig_irq(void): IRQ masked on entry, with the VIC line already pending.
 * Loads r2-r12 with patterns, unmasks IRQ (taken right after the MSR), masks again and
 * returns a checksum of r2-r12 to show the handler preserved them. */
FUNC trig_irq
    push {r4-r11, lr}
    mov r2, #2
    mov r3, #3
    mov r4, #4
    mov r5, #5
    mov r6, #6
    mov r7, #7
    mov r8, #8
    mov r9, #9
    mov r10, #10
    mov r11, #11
    mov r12, #12
    msr cpsr_f, #0xf0000000
    mrs r1, cpsr
    bic r0, r1, #0x80
    msr cpsr_c, r0
LABEL at_irq_after
    msr cpsr_c, r1
    mrs r0, cpsr
    and r0, r0, #0xf0000000
    eor r0, r0, r2
    eor r0, r0, r3, lsl #1
    eor r0, r0, r4, lsl #2
    eor r0, r0, r5, lsl #3
    eor r0, r0, r6, lsl #4
    eor r0, r0, r7, lsl #5
    eor r0, r0, r8, lsl #6
    eor r0, r0, r9, lsl #7
    eor r0, r0, r10, lsl #8
    eor r0, r0, r11, lsl #9
    eor r0, r0, r12, lsl #10
    pop {r4-r11, pc}

/* void trig_fiq(void): unmasks FIQ with the line pending */
FUNC trig_fiq
    msr cpsr_f, #0x00000000
    mrs r1, cpsr
    bic r0, r1, #0x40
    msr cpsr_c, r0
LABEL at_fiq_after
    msr cpsr_c, r1
    bx lr

/* void trig_both(void): unmasks IRQ and FIQ together with both pending */
FUNC trig_both
    mrs r1, cpsr
    bic r0, r1, #0xc0
    msr cpsr_c, r0
LABEL at_both_after
    msr cpsr_c, r1
    bx lr

/* void banked_write(const uint32_t *values): for fiq, irq, abt, und, sys (in that order)
 * sets lr and SPSR (sys: lr only) from values[2*i], values[2*i+1]; then FIQ r8-r12 from
 * values[10..14]. Stacks are left alone. */
FUNC banked_write
    push {r4-r11, lr}
    mrs r12, cpsr
    msr cpsr_c, #0xd1
    ldmia r0!, {r1, r2}
    mov lr, r1
    msr spsr_fsxc, r2
    msr cpsr_c, #0xd2
    ldmia r0!, {r1, r2}
    mov lr, r1
    msr spsr_fsxc, r2
    msr cpsr_c, #0xd7
    ldmia r0!, {r1, r2}
    mov lr, r1
    msr spsr_fsxc, r2
    msr cpsr_c, #0xdb
    ldmia r0!, {r1, r2}
    mov lr, r1
    msr spsr_fsxc, r2
    msr cpsr_c, #0xdf
    ldr r1, [r0], #4
    mov lr, r1
    msr cpsr_c, #0xd1
    ldmia r0, {r8-r12}
    msr cpsr_c, #0xd3
    msr cpsr_c, r12
    pop {r4-r11, pc}

/* void banked_read(uint32_t *out): for svc, fiq, irq, abt, und, sys: sp, lr, spsr (sys: 0)
 * then r8-r12 as seen in SVC and in FIQ mode (out[18..27]) */
FUNC banked_read
    push {r4-r11, lr}
    mrs r12, cpsr
    mov r1, sp
    mov r2, lr
    mrs r3, spsr
    stmia r0!, {r1-r3}
    msr cpsr_c, #0xd1
    mov r1, sp
    mov r2, lr
    mrs r3, spsr
    stmia r0!, {r1-r3}
    msr cpsr_c, #0xd2
    mov r1, sp
    mov r2, lr
    mrs r3, spsr
    stmia r0!, {r1-r3}
    msr cpsr_c, #0xd7
    mov r1, sp
    mov r2, lr
    mrs r3, spsr
    stmia r0!, {r1-r3}
    msr cpsr_c, #0xdb
    mov r1, sp
    mov r2, lr
    mrs r3, spsr
    stmia r0!, {r1-r3}
    msr cpsr_c, #0xdf
    mov r1, sp
    mov r2, lr
    mov r3, #0
    stmia r0!, {r1-r3}
    msr cpsr_c, #0xd3
    mov r8, #0x88
    mov r9, #0x99
    mov r10, #0xaa
    mov r11, #0xbb
    stmia r0!, {r8-r12}
    msr cpsr_c, #0xd1
    stmia r0!, {r8-r12}
    msr cpsr_c, #0xd3
    msr cpsr_c, r12
    pop {r4-r11, pc}

    .thumb
    .thumb_func
FUNC thumb_align_load
LABEL at_align_thumb
    ldr r0, [r0]
    bx lr

    .thumb_func
FUNC trig_swi_thumb
    push {r4, lr}
    movs r0, #0
LABEL at_swi_thumb
    svc #0x12
    pop {r4, pc}

    .thumb_func
FUNC trig_und_thumb
    movs r0, #5
LABEL at_und_thumb
    .short 0xde00
    bx lr

    .thumb_func
FUNC trig_bkpt_thumb
    movs r0, #1
LABEL at_bkpt_thumb
    bkpt #0x34
LABEL resume_bkpt_thumb
    bx lr

/* Thumb code that raises SWI 0x77; the C handler clears the I bit in the saved SPSR so the
 * (pending) IRQ is taken on the return into Thumb state, at at_irq_thumb_resume. */
    .thumb_func
FUNC trig_irq_thumb
    push {r4, lr}
    movs r0, #0
LABEL at_irq_thumb_swi
    svc #0x77
LABEL at_irq_thumb_resume
    adds r0, #1
    adds r0, #2
    pop {r4, pc}
