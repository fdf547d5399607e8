/* Runs every snippet of the linked table over the same pseudo-random operand sets and
 * prints one CRC-32 per snippet, one per class and one for the whole image. */
#include "lib.h"

struct snip {
    uint32_t entry; /* 0 starts a class */
    const char *name;
    uint32_t kind;
};
extern const struct snip __snip_table_start[], __snip_table_end[];
void run_snippet(uint32_t entry, uint32_t *state);

#define ITERATIONS 48
#define BUF_BYTES 512
static uint8_t buf[BUF_BYTES] __attribute__((aligned(8)));

static uint32_t run_one(const struct snip *s, uint32_t kind)
{
    uint32_t crc = 0;
    uint32_t state[12];
    rng_seed(0x1234567u);
    for (int it = 0; it < ITERATIONS; it++) {
        for (int i = 0; i < 11; i++)
            state[i] = rng_operand();
        state[11] = rng_next() & 0xF8000000u;
        if (kind != 0) {
            for (int i = 0; i < BUF_BYTES; i += 4)
                *(uint32_t *)(buf + i) = rng_next();
            uint32_t off = 192 + (rng_next() & 0x7c);
            uint32_t idx = rng_next() & 0x3c;
            if (kind == 2) {
                off &= ~7u;
                idx &= ~7u;
            } else if (kind == 3) {
                off += rng_next() & 3;
                idx += rng_next() & 3;
            }
            state[4] = (uint32_t)(uintptr_t)buf + off;
            state[5] = idx;
        }
        run_snippet(s->entry, state);
        state[11] &= 0xF80000FFu; /* reserved PSR bits (QEMU keeps bit 8 set) are not compared */
        for (int i = 0; i < 12; i++)
            crc = crc32_word(crc, state[i]);
        if (kind != 0)
            crc = crc32_bytes(crc, buf, BUF_BYTES);
    }
    return crc;
}

int main(void)
{
    crc_init();
    pr("%s: %u iterations per snippet; columns: crc32 name\n", image_name, ITERATIONS);
    uint32_t total = 0, class_crc = 0, kind = 0, count = 0, nsnips = 0;
    const char *class_name = 0;
    for (const struct snip *s = __snip_table_start;; s++) {
        if (s == __snip_table_end || s->entry == 0) {
            if (class_name)
                pr("class %s: %08x (%u snippets)\n", class_name, class_crc, count);
            if (s == __snip_table_end)
                break;
            class_name = s->name;
            kind = s->kind;
            class_crc = 0;
            count = 0;
            continue;
        }
        uint32_t c = run_one(s, kind);
        pr("  %08x %s\n", c, s->name);
        class_crc = crc32_word(class_crc, c);
        total = crc32_word(total, c);
        count++;
        nsnips++;
    }
    pr("total: %08x (%u snippets)\n", total, nsnips);
    return 0;
}
