/* Startup for the bare-metal test images: per-mode stacks, a vector table copied to
 * address 0, exception entry stubs that call exc_handler(kind, frame) in C, a way to run a
 * function in user mode, and the semihosting trap. Entered in SVC mode with IRQ and FIQ
 * masked (the reset state QEMU's -kernel gives an ELF entry point). */
    .syntax unified
    .arm

#define STACK_SVC 8192
#define STACK_MODE 2048
#define STACK_USR 8192

    .section .stack, "aw", %nobits
    .balign 8
stack_base:
    .space STACK_MODE
fiq_stack_top:
    .space STACK_MODE
irq_stack_top:
    .space STACK_MODE
abt_stack_top:
    .space STACK_MODE
und_stack_top:
    .space STACK_USR
    .global user_stack_top
user_stack_top:
    .space STACK_SVC
svc_stack_top:

    .data
    .balign 4
    .global boot_regs
boot_regs:
    .word 0, 0, 0

    .section .text.start, "ax"
    .global _start
    .type _start, %function
_start:
    /* keep the registers the loader handed over (QEMU's Linux convention for raw images:
     * r0 = 0, r1 = board id, r2 = ATAG list) */
    ldr r3, =boot_regs
    stmia r3, {r0-r2}
    msr cpsr_c, #0xd1
    ldr sp, =fiq_stack_top
    mov r8, #0
    mov r9, #0
    mov r10, #0
    mov r11, #0
    mov r12, #0
    mov lr, #0
    msr cpsr_c, #0xd2
    ldr sp, =irq_stack_top
    mov lr, #0
    msr cpsr_c, #0xd7
    ldr sp, =abt_stack_top
    mov lr, #0
    msr cpsr_c, #0xdb
    ldr sp, =und_stack_top
    mov lr, #0
    msr cpsr_c, #0xdf
    ldr sp, =user_stack_top
    mov lr, #0
    msr cpsr_c, #0xd3
    ldr sp, =svc_stack_top
    mov lr, #0
    /* exception vectors at 0 */
    ldr r0, =vector_template
    mov r1, #0
    ldmia r0!, {r2-r9}
    stmia r1!, {r2-r9}
    ldmia r0!, {r2-r9}
    stmia r1!, {r2-r9}
    /* zero .bss */
    ldr r0, =__bss_start__
    ldr r1, =__bss_end__
    mov r2, #0
1:  cmp r0, r1
    strlo r2, [r0], #4
    blo 1b
    mov r0, #0
    mov r1, #0
    mov r2, #0
    mov r3, #0
    mov r4, #0
    mov r5, #0
    mov r6, #0
    mov r7, #0
    mov r8, #0
    mov r9, #0
    mov r10, #0
    mov r11, #0
    mov r12, #0
    bl main
    bl finish
    .size _start, . - _start
    .ltorg

vector_template:
    .rept 8
    ldr pc, [pc, #24]
    .endr
    .word _start
    .word exc_entry_und
    .word exc_entry_swi
    .word exc_entry_pabt
    .word exc_entry_dabt
    .word exc_entry_reserved
    .word exc_entry_irq
    .word exc_entry_fiq

/* Every stub builds a struct exc_frame {spsr, pad, r0-r12, pc(=banked lr)} on its stack,
 * calls exc_handler(kind, frame), then resumes at frame->pc with CPSR = frame->spsr.
 * Two architected ways back are used: LDM with PC and ^ (SWI, UND, aborts) and
 * MOVS PC, LR (IRQ, FIQ). */
    .macro EXC_STUB name, kind, ret
    .global \name
    .type \name, %function
\name:
    stmfd sp!, {r0-r12, lr}
    mrs r0, spsr
    stmfd sp!, {r0, r1}
    mov r0, #\kind
    mov r1, sp
    bl exc_handler
    ldmfd sp!, {r0, r1}
    msr spsr_cxsf, r0
    .ifc \ret, ldm
    ldmfd sp!, {r0-r12, pc}^
    .else
    ldmfd sp!, {r0-r12, lr}
    movs pc, lr
    .endif
    .size \name, . - \name
    .endm

    .text
    EXC_STUB exc_entry_und, 1, ldm
    EXC_STUB exc_entry_swi, 2, ldm
    EXC_STUB exc_entry_pabt, 3, ldm
    EXC_STUB exc_entry_dabt, 4, ldm
    EXC_STUB exc_entry_reserved, 5, ldm
    EXC_STUB exc_entry_irq, 6, movs
    EXC_STUB exc_entry_fiq, 7, movs

/* uint32_t run_user(uint32_t (*fn)(uint32_t), uint32_t arg, void *stack_top) */
    .global run_user
    .type run_user, %function
run_user:
    push {r4-r11, lr}
    mrs r4, cpsr
    and r5, r4, #0xc0
    orr r6, r5, #0x1f
    msr cpsr_c, r6          /* system mode: set the user stack */
    mov sp, r2
    orr r6, r5, #0x10
    msr cpsr_c, r6          /* user mode */
    mov r12, r0
    mov r0, r1
    blx r12
    svc #0xC0DE00           /* SWI_BACK_TO_SVC: resumes at run_user_back in SVC mode */
    .global run_user_back
run_user_back:
    pop {r4-r11, pc}
    .size run_user, . - run_user

/* uint32_t semihost_call(uint32_t op, uint32_t arg) */
    .global semihost_call
    .type semihost_call, %function
semihost_call:
    svc #0x123456
    bx lr
    .size semihost_call, . - semihost_call

    .global wait_for_interrupt
    .type wait_for_interrupt, %function
wait_for_interrupt:
    mov r0, #0
    mcr p15, 0, r0, c7, c0, 4
    bx lr
    .size wait_for_interrupt, . - wait_for_interrupt

/* uint32_t cp15_control(void): c1 control register, callable from Thumb code */
    .global cp15_control
    .type cp15_control, %function
cp15_control:
    mrc p15, 0, r0, c1, c0, 0
    bx lr
    .size cp15_control, . - cp15_control
