/* Loaded as a raw binary at 0x10000: prints the Linux boot registers the loader set
 * (r0 = 0, r1 = machine type, r2 = ATAG list address) and walks the ATAG list. */
#include "lib.h"

const char image_name[] = "boot-raw";

#define ATAG_NONE 0x00000000u
#define ATAG_CORE 0x54410001u
#define ATAG_MEM 0x54410002u
#define ATAG_INITRD2 0x54420005u
#define ATAG_CMDLINE 0x54410009u

int main(void)
{
    pr("raw image entry registers: r0=%08x r1=%08x (machine %u) r2=%08x\n", boot_regs[0], boot_regs[1], boot_regs[1],
       boot_regs[2]);
    pr("cpsr mode=%02x I=%u F=%u\n", get_cpsr() & 0x1f, (get_cpsr() >> 7) & 1, (get_cpsr() >> 6) & 1);
    const volatile uint32_t *tag = (const volatile uint32_t *)(uintptr_t)boot_regs[2];
    for (int n = 0; n < 16; n++) {
        uint32_t words = tag[0], id = tag[1];
        pr("atag %u: id=%08x words=%u", (uint32_t)n, id, words);
        if (id == ATAG_CORE && words >= 5)
            pr(" core flags=%x pagesize=%x rootdev=%x", tag[2], tag[3], tag[4]);
        else if (id == ATAG_MEM)
            pr(" mem size=%08x start=%08x", tag[2], tag[3]);
        else if (id == ATAG_INITRD2)
            pr(" initrd start=%08x size=%08x", tag[2], tag[3]);
        else if (id == ATAG_CMDLINE) {
            pr(" cmdline \"");
            for (const volatile char *c = (const volatile char *)&tag[2]; *c; c++)
                uart_putc(*c);
            pr("\"");
        }
        pr("\n");
        if (id == ATAG_NONE || words < 2 || words > 256)
            break;
        tag += words;
    }
    return 0;
}
