/* Entry of the benchmark guest: a stack below 1 MiB, then main (which never returns). */
    .section .text.start
    .global _start
_start:
    ldr sp, =0x000ff000
    bl main
1:  b 1b
