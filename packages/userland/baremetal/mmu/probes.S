/* Single labelled accesses for the MMU tests. A data abort on the access returns the
 * marker 0xDEADDEAD (read) or 1 (write): the handler skips the instruction. */
    .syntax unified
    .arm
    .text
    .macro FUNC name
    .global \name
    .type \name, %function
\name:
    .endm

/* uint32_t probe_read(uint32_t va) */
FUNC probe_read
    mov r1, r0
    ldr r0, =0xDEADDEAD
    ldr r0, [r1]
    bx lr

/* uint32_t probe_write(uint32_t va): stores 0x5EED0000 | (va & 0xffff), returns 0 or 1 */
FUNC probe_write
    mov r1, r0
    lsl r2, r1, #16
    lsr r2, r2, #16
    orr r2, r2, #0x5E000000
    orr r2, r2, #0x00ED0000
    mov r0, #1
    str r2, [r1]
    mov r0, #0
    bx lr

/* uint32_t probe_unaligned(uint32_t va): c1.A set around one unaligned LDR */
FUNC probe_unaligned
    push {r4, lr}
    mov r1, r0
    mrc p15, 0, r4, c1, c0, 0
    orr r2, r4, #2
    mcr p15, 0, r2, c1, c0, 0
    ldr r0, =0xDEADDEAD
    ldr r0, [r1]
    mcr p15, 0, r4, c1, c0, 0
    pop {r4, pc}

/* uint32_t probe_exec(uint32_t va): calls va; a prefetch abort resumes at probe_exec_resume
 * with r0 = 0xDEADDEAD */
FUNC probe_exec
    push {r4, lr}
    mov r1, r0
    ldr r0, =0xDEADDEAD
    blx r1
    .global probe_exec_resume
probe_exec_resume:
    pop {r4, pc}
    .ltorg
