/* void run_snippet(uint32_t entry, uint32_t *state)
 * state[0..10] = r0..r10 in and out, state[11] = CPSR (NZCVQ in, whole CPSR out).
 * Calls the snippet with BLX so Thumb snippets (entry | 1) switch state. */
    .syntax unified
    .arm
    .text
    .global run_snippet
    .type run_snippet, %function
run_snippet:
    push {r4-r11, lr}
    mov r12, r0
    mov r11, r1
    ldr r0, [r11, #44]
    msr cpsr_f, r0
    ldmia r11, {r0-r10}
    blx r12
    stmia r11, {r0-r10}
    mrs r0, cpsr
    str r0, [r11, #44]
    pop {r4-r11, pc}
    .size run_snippet, . - run_snippet
