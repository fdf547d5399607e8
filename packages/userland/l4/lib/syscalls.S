@ System call stubs. Each loads its slot address (copied from the KIP by l4_lib_init)
@ and jumps there; the SWI in the slot returns to lr with the result in r0. The kernel
@ changes no other register, except r3..r8 (MR0..MR5) for ipc.
	.syntax unified
	.arm
	.text

@ Calls with up to four arguments: a tail jump, so the kernel returns to our caller.
	.macro L4_CALL name, slot
	.global \name
	.type \name, %function
\name:
	ldr	ip, =__l4_slots
	ldr	ip, [ip, #(\slot * 4)]
	bx	ip
	.size \name, . - \name
	.endm

@ map() has a fifth argument, passed on the stack, that the kernel wants in r4.
	.macro L4_CALL5 name, slot
	.global \name
	.type \name, %function
\name:
	push	{r4, lr}
	ldr	r4, [sp, #8]
	ldr	ip, =__l4_slots
	ldr	ip, [ip, #(\slot * 4)]
	blx	ip
	pop	{r4, pc}
	.size \name, . - \name
	.endm

	L4_CALL l4_thread_switch, 1
	L4_CALL l4_thread_control, 2
	L4_CALL l4_exchange_registers, 3
	L4_CALL l4_schedule, 4
	L4_CALL l4_unmap, 5
	L4_CALL l4_irq_control, 6
	L4_CALL l4_ipc_control, 7
	L4_CALL5 l4_map, 8
	L4_CALL l4_getid, 9
	L4_CALL l4_capability_control, 10
	L4_CALL l4_container_control, 11
	L4_CALL l4_time, 12
	L4_CALL l4_mutex_control, 13
	L4_CALL l4_cache_control, 14

@ int l4_ipc(to, from, flags): MR0..MR5 go from the UTCB into r3..r8 and come back.
@ The UTCB is found through the KIP word the kernel keeps pointing at the running thread.
	.global l4_ipc
	.type l4_ipc, %function
l4_ipc:
	push	{r4-r8, lr}
	ldr	ip, =0xFF000050
	ldr	ip, [ip]
	ldmia	ip, {r3-r8}
	ldr	ip, =__l4_slots
	ldr	ip, [ip]
	blx	ip
	ldr	ip, =0xFF000050
	ldr	ip, [ip]
	stmia	ip, {r3-r8}
	pop	{r4-r8, pc}
	.size l4_ipc, . - l4_ipc

@ int l4_swp(volatile int *word, int value): the old value; one SWP, atomic.
	.global l4_swp
	.type l4_swp, %function
l4_swp:
	swp	r2, r1, [r0]
	mov	r0, r2
	bx	lr
	.size l4_swp, . - l4_swp

	.ltorg
