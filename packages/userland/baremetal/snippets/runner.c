/* Runs every snippet of the linked table over the same pseudo-random operand sets and
 * prints one hash per snippet, one per class and one for the whole image. The per-call
 * work is kept small (a multiplicative word hash, a linear congruential buffer fill) so
 * most executed instructions are the snippets and the runner around them. */
#include "lib.h"

struct snip {
    uint32_t entry; /* 0 starts a class */
    const char *name;
    uint32_t kind;
};
extern const struct snip __snip_table_start[], __snip_table_end[];
void run_snippet(uint32_t entry, uint32_t *state);

#define ITERATIONS 48
#define BUF_BYTES 256
static uint8_t buf[BUF_BYTES] __attribute__((aligned(8)));

static inline uint32_t mix(uint32_t h, uint32_t w)
{
    h = (h ^ w) * 0x01000193u;
    return h ^ (h >> 15);
}

static uint32_t run_one(const struct snip *s, uint32_t kind)
{
    uint32_t h = 0x811C9DC5u;
    uint32_t state[12];
    rng_seed(0x1234567u);
    for (int it = 0; it < ITERATIONS; it++) {
        for (int i = 0; i < 11; i++)
            state[i] = rng_operand();
        state[11] = rng_next() & 0xF8000000u;
        if (kind != 0) {
            uint32_t x = rng_next();
            for (int i = 0; i < BUF_BYTES; i += 4) {
                x = x * 1664525u + 1013904223u;
                *(uint32_t *)(buf + i) = x ^ (x >> 16);
            }
            /* r4 in [64, 124], r5 in [0, 60]: the widest reaches (r5 LSL 1 above, 11-register
             * STMDB or -r5 below) stay inside the buffer */
            uint32_t off = 64 + (rng_next() & 0x3c);
            uint32_t idx = rng_next() & 0x3c;
            if (kind == 2) {
                off &= ~7u;
                idx &= ~7u;
            }
            state[4] = (uint32_t)(uintptr_t)buf + off;
            state[5] = idx;
        }
        run_snippet(s->entry, state);
        state[11] &= 0xF80000FFu; /* reserved PSR bits (QEMU keeps bit 8 set) are not compared */
        for (int i = 0; i < 12; i++)
            h = mix(h, state[i]);
        if (kind != 0)
            for (int i = 0; i < BUF_BYTES; i += 4)
                h = mix(h, *(const uint32_t *)(buf + i));
    }
    return h;
}

int main(void)
{
    pr("%s: %u iterations per snippet; columns: hash name\n", image_name, ITERATIONS);
    uint32_t total = 0, class_hash = 0, kind = 0, count = 0, nsnips = 0;
    const char *class_name = 0;
    for (const struct snip *s = __snip_table_start;; s++) {
        if (s == __snip_table_end || s->entry == 0) {
            if (class_name)
                pr("class %s: %08x (%u snippets)\n", class_name, class_hash, count);
            if (s == __snip_table_end)
                break;
            class_name = s->name;
            kind = s->kind;
            class_hash = 0;
            count = 0;
            continue;
        }
        uint32_t c = run_one(s, kind);
        pr("  %08x %s\n", c, s->name);
        class_hash = mix(class_hash, c);
        total = mix(total, c);
        count++;
        nsnips++;
    }
    pr("total: %08x (%u snippets)\n", total, nsnips);
    return 0;
}
