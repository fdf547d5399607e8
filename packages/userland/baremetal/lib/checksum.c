/* CRC-32 (reflected, polynomial 0xEDB88320) and a xorshift32 operand generator. */
#include "lib.h"

static uint32_t crc_table[256];
static uint32_t rng_state = 0x2545F491u;

void crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
        crc_table[i] = c;
    }
}

uint32_t crc32_bytes(uint32_t crc, const void *p, size_t n)
{
    const uint8_t *b = p;
    crc = ~crc;
    while (n--)
        crc = crc_table[(crc ^ *b++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

uint32_t crc32_word(uint32_t crc, uint32_t w)
{
    crc = ~crc;
    for (int i = 0; i < 4; i++) {
        crc = crc_table[(crc ^ w) & 0xff] ^ (crc >> 8);
        w >>= 8;
    }
    return ~crc;
}

void rng_seed(uint32_t s) { rng_state = s ? s : 1; }

uint32_t rng_next(void)
{
    uint32_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    rng_state = x;
    return x;
}

static const uint32_t edge_values[16] = {
    0x00000000u, 0x00000001u, 0x00000002u, 0x0000001Fu, 0x00000020u, 0x00000021u,
    0x0000007Fu, 0x00000080u, 0x00007FFFu, 0x00008000u, 0x0000FFFFu, 0x7FFFFFFFu,
    0x80000000u, 0x80000001u, 0xFFFFFFFEu, 0xFFFFFFFFu,
};

uint32_t rng_operand(void)
{
    uint32_t r = rng_next();
    switch (r & 7) {
    case 0: return edge_values[(r >> 3) & 15];
    case 1: return (r >> 3) & 0xff;                 /* small values and shift amounts */
    case 2: return edge_values[(r >> 3) & 15] ^ (1u << ((r >> 8) & 31));
    default: return rng_next();
    }
}
