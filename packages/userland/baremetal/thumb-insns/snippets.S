/* Thumb-state (ARMv5T) instruction snippets: shifts, add/subtract forms, 8-bit immediate
 * operations, every ALU-format operation, high-register operations, loads and stores of
 * every size and addressing form, SP/PC-relative forms, PUSH/POP (with interworking POP
 * to PC), LDMIA/STMIA, conditional and unconditional branches, BL and BLX. */
#include "../snippets/snippet.inc"

    .section .rodata
    .global image_name
image_name:
    .asciz "thumb-insns"

    .text

    CLASS "shift-imm", 0
    .irp op, lsls, lsrs, asrs
    .irp n, 1, 7, 31
    TT \op r0, r1, #\n
    .endr
    .endr
    TT lsls r0, r1, #0
    TT lsrs r0, r1, #32
    TT asrs r0, r1, #32

    CLASS "add-sub", 0
    TT adds r0, r1, r2
    TT subs r0, r1, r2
    TT adds r0, r1, #0
    TT adds r0, r1, #7
    TT subs r0, r1, #1
    TT subs r0, r1, #7
    TT movs r0, #0
    TT movs r0, #255
    TT cmp r1, #0
    TT cmp r1, #128
    TT adds r1, #1
    TT adds r1, #255
    TT subs r1, #1
    TT subs r1, #200

    CLASS "alu", 0
    .irp op, ands, eors, lsls, lsrs, asrs, adcs, sbcs, rors, orrs, bics, mvns
    TT \op r1, r2
    .endr
    TT tst r1, r2
    TT cmp r1, r2
    TT cmn r1, r2
    TT negs r0, r2
    TT muls r1, r2
    TT lsls r1, r3
    TT rors r1, r3

    CLASS "hi-reg", 0
    TT add r0, r8
    TT add r8, r0
    TT add r9, r10
    TT cmp r0, r8
    TT cmp r9, r1
    TT cmp r8, r10
    TT mov r0, r9
    TT mov r10, r1
    TT mov r8, r9
    ST "add r0, pc"
    add r0, pc
    ET
    ST "mov r0, pc"
    mov r0, pc
    ET

    CLASS "ldr-str", 1
    .irp op, ldr, str, ldrb, strb, ldrh, strh, ldrsb, ldrsh
    TT \op r0, [r4, r5]
    .endr
    TT ldr r0, [r4, #0]
    TT ldr r0, [r4, #124]
    TT str r0, [r4, #4]
    TT ldrb r0, [r4, #31]
    TT ldrb r0, [r4, #1]
    TT strb r0, [r4, #3]
    TT ldrh r0, [r4, #62]
    TT ldrh r0, [r4, #2]
    TT strh r0, [r4, #6]
    ST "ldr pc-relative"
    ldr r0, 1f
    b 2f
    .balign 4
1:  .word 0xa5a55a5a
2:
    ET
    ST "ldr pc-relative from a halfword-aligned pc"
    nop
    ldr r0, 1f
    ldr r1, 1f + 4
    b 2f
    .balign 4
1:  .word 0x11223344, 0x55667788
2:
    ET
    ST "sp-relative str/ldr"
    sub sp, #16
    str r0, [sp, #4]
    str r1, [sp, #12]
    ldr r2, [sp, #4]
    mov r3, sp
    ldrb r0, [r3, #13]
    ldrh r3, [r3, #12]
    add sp, #16
    ET
    ST "add rd, sp / pc, #imm"
    add r0, sp, #8
    add r1, pc, #4
    subs r0, r1, r0
    ET

    CLASS "ldm-stm", 1
    TT ldmia r4!, {r0-r3}
    TT ldmia r4!, {r0, r2, r7}
    TT stmia r4!, {r0-r3}
    TT stmia r4!, {r1, r6}
    ST "push/pop"
    push {r0-r3}
    pop {r4-r7}
    ET
    ST "push lr / pop pc (interworking return to ARM)"
    push {r4, lr}
    adds r0, r1, r2
    pop {r4, pc}
    .arm
    ST "push {r0-r7} / pop {r0-r7}"
    push {r0-r7}
    movs r0, #0
    mvns r1, r0
    pop {r0-r7}
    ET

    CLASS "branch", 0
    .irp c, eq, ne, cs, cc, mi, pl, vs, vc, hi, ls, ge, lt, gt, le
    ST "b\c"
    b\c 1f
    mov r0, r8
1:  mov r1, r9
    ET
    .endr
    ST "b forward and back"
    b 2f
1:  mov r1, r9
    b 3f
2:  mov r0, r8
    b 1b
3:
    ET
    ST "bl lr value"
    mov r7, lr
    bl 1f
1:  mov r0, lr
    mov lr, r7
    ET
    ST "blx imm to ARM"
    mov r7, lr
    blx arm_helper
    mov lr, r7
    ET
    ST "blx reg to ARM"
    mov r7, lr
    ldr r6, 1f
    blx r6
    mov lr, r7
    b 2f
    .balign 4
1:  .word arm_helper
2:
    ET
    ST "bx to ARM and back"
    adr r6, 1f
    bx r6
    .arm
    .balign 4
1:  add r0, r1, r2, lsl #2
    adr r6, 2f + 1
    bx r6
    .thumb
2:  mov r1, pc
    ET

    .arm
    .balign 4
arm_helper:
    sub r0, r1, r2
    mov r3, lr
    bx lr
