@ Entry point of an L4 program. The kernel starts the first thread here in user mode with
@ sp at the top of its stack and every segment loaded (bss already zero).
	.syntax unified
	.arm
	.section .text.start, "ax", %progbits
	.global _start
	.type _start, %function
_start:
	bl	l4_lib_init
	bl	main
	bl	l4_exit			@ main's result is the exit code
1:	b	1b
	.size _start, . - _start
