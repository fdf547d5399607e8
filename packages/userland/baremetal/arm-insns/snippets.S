/* ARM-state instruction snippets: every data-processing opcode with every shifter operand
 * form, multiplies (long and DSP), saturating arithmetic, CLZ, every load/store size and
 * addressing mode, LDRD/STRD, LDM/STM variants, SWP/SWPB, MRS/MSR, conditions, branches
 * and interworking, CP15 ID reads. */
#include "../snippets/snippet.inc"

    .section .rodata
    .global image_name
image_name:
    .asciz "arm-insns"

    .text
    .arm

/* ---------- data processing, immediate-shift operand ---------- */
    .macro SHIFTED prefix:vararg
    T \prefix, lsl #0
    T \prefix, lsl #1
    T \prefix, lsl #31
    T \prefix, lsr #1
    T \prefix, lsr #32
    T \prefix, asr #7
    T \prefix, asr #32
    T \prefix, ror #13
    T \prefix, rrx
    .endm
    CLASS "dp-shift-imm", 0
    .irp op, and, eor, sub, rsb, add, adc, sbc, rsc, orr, bic
    T \op r0, r1, r2
    SHIFTED \op\()s r0, r1, r2
    .endr
    .irp op, tst, teq, cmp, cmn
    SHIFTED \op r1, r2
    .endr
    .irp op, mov, mvn
    T \op r0, r2
    SHIFTED \op\()s r0, r2
    .endr

/* ---------- data processing, register-shift operand ---------- */
    CLASS "dp-shift-reg", 0
    .irp op, and, eor, sub, rsb, add, adc, sbc, rsc, orr, bic
    .irp sh, lsl, lsr, asr, ror
    T \op\()s r0, r1, r3, \sh r2
    .endr
    T \op r0, r1, r3, lsl r2
    .endr
    .irp op, tst, teq, cmp, cmn
    .irp sh, lsl, lsr, asr, ror
    T \op r1, r3, \sh r2
    .endr
    .endr
    .irp op, mov, mvn
    .irp sh, lsl, lsr, asr, ror
    T \op\()s r0, r3, \sh r2
    .endr
    .endr

/* ---------- data processing, rotated immediate ---------- */
    CLASS "dp-imm", 0
    .irp op, and, eor, sub, rsb, add, adc, sbc, rsc, orr, bic
    .irp imm, #0, #0xff, #0x3fc, #0xff000000, #0xf000000f, #0x80000000
    T \op\()s r0, r1, \imm
    .endr
    .endr
    .irp op, tst, teq, cmp, cmn
    .irp imm, #0, #0xff, #0xff000000, #0xf000000f, #0x80000000
    T \op r1, \imm
    .endr
    .endr
    .irp op, mov, mvn
    .irp imm, #0, #0xff, #0xff000000, #0xf000000f, #0x80000000
    T \op\()s r0, \imm
    .endr
    .endr
    T add r0, pc, #0x104
    T sub r0, pc, r1
    T mov r0, pc

/* ---------- conditional execution ---------- */
    CLASS "cond", 0
    .irp c, eq, ne, cs, cc, mi, pl, vs, vc, hi, ls, ge, lt, gt, le, al
    T add\c r0, r1, #1
    .endr
    .irp c, eq, ne, cs, cc, mi, pl, vs, vc, hi, ls, ge, lt, gt, le
    T adds\c r0, r1, r2
    .endr

/* ---------- multiplies ---------- */
    CLASS "mul", 0
    T mul r0, r1, r2
    T muls r0, r1, r2
    T mla r0, r1, r2, r3
    T mlas r0, r1, r2, r3
    .irp op, umull, umlal, smull, smlal
    T \op r0, r1, r2, r3
    T \op\()s r0, r1, r2, r3
    .endr

/* ---------- DSP extensions and saturation ---------- */
    CLASS "dsp", 0
    .irp xy, bb, bt, tb, tt
    T smla\xy r0, r1, r2, r3
    T smul\xy r0, r1, r2
    T smlal\xy r0, r1, r2, r3
    .endr
    .irp y, b, t
    T smlaw\y r0, r1, r2, r3
    T smulw\y r0, r1, r2
    .endr
    .irp op, qadd, qsub, qdadd, qdsub
    T \op r0, r1, r2
    .endr
    CLASS "clz", 0
    T clz r0, r1
    T clz r0, r3
    S "clz of 1<<n"
    and r2, r2, #31
    mov r1, #1
    mov r1, r1, lsl r2
    clz r0, r1
    E

/* ---------- word and byte loads/stores ----------
 * Word accesses stay word aligned: QEMU 7.2 does not model the ARMv5 rotation of an
 * unaligned LDR (nor the forced alignment of an unaligned STR), so those are not checked. */
    CLASS "ldr-str", 1
    .irp op, ldr, ldrb, str, strb
    T \op r0, [r4]
    T \op r0, [r4, #4]
    T \op r0, [r4, #-8]
    T \op r0, [r4, #12]!
    T \op r0, [r4, #-4]!
    T \op r0, [r4], #8
    T \op r0, [r4], #-3
    T \op r0, [r4, r5]
    T \op r0, [r4, -r5]
    T \op r0, [r4, r5, lsl #1]
    T \op r0, [r4, -r5]!
    T \op r0, [r4, r5, ror #31]
    T \op r0, [r4], r5
    T \op r0, [r4], -r5, lsl #1
    .endr
    .irp op, ldrb, strb
    T \op r0, [r4, #-9]
    T \op r0, [r4, #7]!
    T \op r0, [r4, r5, lsr #2]
    T \op r0, [r4, -r5, asr #3]!
    T \op r0, [r4], r5, lsr #1
    .endr
    .irp op, ldrt, ldrbt, strt, strbt
    T \op r0, [r4], #4
    T \op r0, [r4], -r5
    .endr
    T pld [r4, #8]
    T pld [r4, r5]
    S "ldr pc-relative"
    ldr r0, 1f
    b 2f
1:  .word 0x5a5aa5a5
2:
    E

/* ---------- halfword and signed loads/stores ---------- */
    CLASS "ldrh-strh", 1
    .irp op, ldrh, ldrsh, ldrsb, strh
    T \op r0, [r4]
    T \op r0, [r4, #2]
    T \op r0, [r4, #-6]
    T \op r0, [r4, #10]!
    T \op r0, [r4], #-2
    T \op r0, [r4, r5]
    T \op r0, [r4, -r5]!
    T \op r0, [r4], r5
    .endr
    T ldrsb r0, [r4, #-1]
    T ldrsb r0, [r4, #3]!

/* ---------- doubleword ---------- */
    CLASS "ldrd-strd", 2
    .irp op, ldrd, strd
    T \op r0, r1, [r4]
    T \op r0, r1, [r4, #8]
    T \op r2, r3, [r4, #-16]
    T \op r2, r3, [r4, #8]!
    T \op r0, r1, [r4], #-8
    T \op r0, r1, [r4, r5]
    T \op r2, r3, [r4, -r5]!
    T \op r0, r1, [r4], r5
    .endr

/* ---------- load/store multiple ---------- */
    CLASS "ldm-stm", 1
    .irp m, ia, ib, da, db
    T ldm\m r4, {r0-r3}
    T ldm\m r4!, {r0, r2, r5, r7}
    T stm\m r4, {r0-r3}
    T stm\m r4!, {r0, r1, r6, r7}
    T stm\m r4, {r0-r10}
    .endr
    T ldmia r4, {r0-r4}
    T ldmdb r4, {r3-r5}
    S "push/pop"
    push {r0-r3}
    pop {r4-r7}
    E
    S "stmia {sp, lr}^"
    stmia r4, {sp, lr}^
    nop
    E
    S "ldmia into pc with interworking"
    mov r7, lr
    adr r0, 1f
    add r0, r0, #1
    str r0, [r4, #4]
    ldmia r4, {r1, pc}
    .thumb
1:  subs r0, r1, r2
    bx r7
    .arm
    .balign 4
    E
    S "ldmia {sp, lr}^ / stmia {sp, lr}^ (user bank)"
    ldmia r4, {sp, lr}^
    nop
    add r4, r4, #8
    stmia r4, {sp, lr}^
    nop
    E
    S "ldm into pc with interworking"
    mov r7, lr
    adr r0, 1f
    add r0, r0, #1
    str r0, [r4]
    ldr pc, [r4]
    .thumb
1:  adds r0, r1, r2
    bx r7
    .arm
    E

/* ---------- swap ---------- */
    CLASS "swp", 1
    T swp r0, r1, [r4]
    T swpb r0, r1, [r4]
    T swp r0, r0, [r4]
    T swpb r2, r2, [r4]

/* ---------- status registers ----------
 * Only the architected PSR bits are compared (NZCVQ, I, F, T, mode): bits 8-26 are reserved
 * on ARMv5 and QEMU 7.2 treats some of them (A, J) as writable. */
    .macro RESERVED_CLEAR reg
    bic \reg, \reg, #0x07000000
    bic \reg, \reg, #0x00ff0000
    bic \reg, \reg, #0x0000ff00
    .endm
    CLASS "psr", 0
    S "mrs r0, cpsr"
    mrs r0, cpsr
    RESERVED_CLEAR r0
    E
    T msr cpsr_f, r1
    T msr cpsr_f, #0x50000000
    T msr cpsr_f, #0x08000000
    S "msr cpsr_f then mrs"
    msr cpsr_f, r1
    mrs r0, cpsr
    RESERVED_CLEAR r0
    E
    S "msr/mrs spsr_fsxc"
    mrs r3, spsr
    RESERVED_CLEAR r1
    msr spsr_fsxc, r1
    mrs r0, spsr
    RESERVED_CLEAR r0
    msr spsr_fsxc, r3
    mov r3, #0
    E
    S "msr/mrs spsr_f"
    mrs r3, spsr
    msr spsr_f, r1
    mrs r0, spsr
    RESERVED_CLEAR r0
    msr spsr_fsxc, r3
    mov r3, #0
    E
    S "msr/mrs spsr_c"
    mrs r3, spsr
    msr spsr_c, r1
    mrs r0, spsr
    RESERVED_CLEAR r0
    msr spsr_fsxc, r3
    mov r3, #0
    E

/* ---------- branches and interworking ---------- */
    CLASS "branch", 0
    S "b over"
    b 1f
    mov r0, #1
1:  add r1, r1, #1
    E
    S "conditional branches"
    mov r0, #0
    bne 1f
    orr r0, r0, #1
1:  bcs 1f
    orr r0, r0, #2
1:  bmi 1f
    orr r0, r0, #4
1:  bvs 1f
    orr r0, r0, #8
1:  bgt 1f
    orr r0, r0, #16
1:  bls 1f
    orr r0, r0, #32
1:
    E
    S "bl lr value"
    mov r7, lr
    bl 1f
1:  adr r1, 1b
    sub r0, lr, r1
    mov lr, r7
    E
    S "blx imm to thumb"
    mov r7, lr
    blx 2f
    mov lr, r7
    b 3f
    .thumb
2:  adds r0, r1, r2
    mov r3, lr
    bx lr
    .arm
    .balign 4
3:
    E
    S "blx reg to thumb"
    mov r7, lr
    adr r6, 2f + 1
    blx r6
    mov lr, r7
    b 3f
    .thumb
2:  subs r0, r1, r2
    mov r3, lr
    bx lr
    .arm
    .balign 4
3:
    E
    S "bx to thumb and back"
    adr r6, 2f + 1
    bx r6
    .thumb
2:  lsls r0, r1, #3
    adr r6, 3f
    bx r6
    .arm
    .balign 4
3:  mov r1, pc
    E

    S "bxj to thumb and back (BXJ behaves as BX)"
    adr r6, 2f + 1
    bxj r6
    .thumb
2:  lsrs r0, r1, #5
    adr r6, 3f
    bx r6
    .arm
    .balign 4
3:  mov r1, pc
    E

/* ---------- coprocessor 15 identification ---------- */
    CLASS "cp15", 0
    T mrc p15, 0, r0, c0, c0, 0
    T mrc p15, 0, r0, c0, c0, 1
    T mrc p15, 0, r0, c1, c0, 0
