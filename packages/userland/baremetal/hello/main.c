/* The first image to bring up on a new machine: prints a greeting, the registers the
 * loader left at the ELF entry point, the CPU mode and the CPU identification, and stops. */
#include "lib.h"

const char image_name[] = "hello";

int main(void)
{
    pr("hello from the Versatile PB\n");
    pr("entry registers: r0=%08x r1=%08x r2=%08x\n", boot_regs[0], boot_regs[1], boot_regs[2]);
    pr("cpsr mode=%02x I=%u F=%u T=%u\n", get_cpsr() & 0x1f, (get_cpsr() >> 7) & 1, (get_cpsr() >> 6) & 1,
       (get_cpsr() >> 5) & 1);
    pr("main id=%08x control=%08x\n", CP15_READ(c0, 0, c0, 0), CP15_READ(c1, 0, c0, 0));
    pr("numbers: %u %d %x %08x %s %c\n", 1234567890u, -42, 0xbeefu, 0xbeefu, "text", '!');
    return 0;
}
