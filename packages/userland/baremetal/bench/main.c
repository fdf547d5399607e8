/* CPU benchmark: an integer mix (multiply, divide, shifts, branches), word and byte copies,
 * a table-free bitwise CRC-32, a heap sort and a small matrix product. Prints one checksum
 * per kernel and a total, so every run on every machine must print the same lines.
 * Built three ways: ARM with the MMU off, ARM with the MMU and caches on (-DBENCH_MMU),
 * and Thumb (-mthumb). */
#include "lib.h"

#ifdef BENCH_MMU
const char image_name[] = "bench-mmu";
#elif defined(__thumb__)
const char image_name[] = "bench-thumb";
#else
const char image_name[] = "bench";
#endif

/* The number of rounds lives in .data so a harness may patch it (symbol bench_rounds) for a
 * longer run; the golden output is for the default. */
volatile uint32_t bench_rounds = 4;
#define BUF_WORDS 4096
#define SORT_N 1024
#define MAT_N 12

static uint32_t src[BUF_WORDS], dst[BUF_WORDS];
static uint32_t sortbuf[SORT_N];
static int32_t ma[MAT_N][MAT_N], mb[MAT_N][MAT_N], mc[MAT_N][MAT_N];
static uint32_t seed = 12345;

static uint32_t lcg(void)
{
    seed = seed * 1664525u + 1013904223u;
    return seed;
}

__attribute__((noinline)) static uint32_t int_mix(uint32_t n)
{
    uint32_t a = 0x9E3779B9u, b = 7, acc = 0;
    for (uint32_t i = 0; i < n; i++) {
        a = (a ^ (a << 7)) + i;
        b = b * 3 + (a >> 27);
        uint32_t q = a / (b | 1);
        uint32_t r = a % ((i & 0xff) + 3);
        if ((a & 3) == 0)
            acc += q;
        else if ((a & 3) == 1)
            acc ^= r << (i & 15);
        else
            acc -= (uint32_t)((int32_t)a >> 3);
        acc = (acc << 1) | (acc >> 31);
    }
    return acc ^ a ^ b;
}

__attribute__((noinline)) static void copy_words(uint32_t *d, const uint32_t *s, uint32_t n)
{
    while (n >= 4) {
        uint32_t x0 = s[0], x1 = s[1], x2 = s[2], x3 = s[3];
        d[0] = x0;
        d[1] = x1;
        d[2] = x2;
        d[3] = x3;
        d += 4;
        s += 4;
        n -= 4;
    }
    while (n--)
        *d++ = *s++;
}

__attribute__((noinline)) static void copy_bytes(uint8_t *d, const uint8_t *s, uint32_t n)
{
    while (n--)
        *d++ = *s++;
}

__attribute__((noinline)) static uint32_t crc_bitwise(const uint8_t *p, uint32_t n)
{
    uint32_t c = 0xffffffffu;
    while (n--) {
        c ^= *p++;
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
    }
    return ~c;
}

static void sift_down(uint32_t *a, uint32_t start, uint32_t end)
{
    uint32_t root = start;
    while (2 * root + 1 <= end) {
        uint32_t child = 2 * root + 1, sw = root;
        if (a[sw] < a[child])
            sw = child;
        if (child + 1 <= end && a[sw] < a[child + 1])
            sw = child + 1;
        if (sw == root)
            return;
        uint32_t t = a[root];
        a[root] = a[sw];
        a[sw] = t;
        root = sw;
    }
}

__attribute__((noinline)) static void heap_sort(uint32_t *a, uint32_t n)
{
    for (uint32_t s = n / 2; s-- > 0;)
        sift_down(a, s, n - 1);
    for (uint32_t end = n - 1; end > 0; end--) {
        uint32_t t = a[0];
        a[0] = a[end];
        a[end] = t;
        sift_down(a, 0, end - 1);
    }
}

__attribute__((noinline)) static uint32_t mat_mul(void)
{
    uint32_t sum = 0;
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            int32_t acc = 0;
            for (int k = 0; k < MAT_N; k++)
                acc += ma[i][k] * mb[k][j];
            mc[i][j] = acc;
            sum = sum * 31 + (uint32_t)acc;
        }
    return sum;
}

#ifdef BENCH_MMU
static uint32_t l1[4096] __attribute__((aligned(16384)));
static void mmu_on(void)
{
    for (uint32_t i = 0; i < 128; i++) /* RAM: cacheable, bufferable, full access */
        l1[i] = (i << 20) | (3u << 10) | 0x10u | 0xCu | 2u;
    l1[0x100] = 0x10000000u | (3u << 10) | 0x10u | 2u;
    l1[0x101] = 0x10100000u | (3u << 10) | 0x10u | 2u;
    CP15_WRITE(c2, 0, c0, 0, (uint32_t)(uintptr_t)l1);
    CP15_WRITE(c3, 0, c0, 0, 1);
    CP15_WRITE(c8, 0, c7, 0, 0);
    CP15_WRITE(c1, 0, c0, 0, CP15_READ(c1, 0, c0, 0) | 1u | (1u << 2) | (1u << 12));
}
#endif

int main(void)
{
#ifdef BENCH_MMU
    mmu_on();
#endif
    uint32_t rounds = bench_rounds;
    pr("%s: rounds=%u mmu=%u thumb=%u\n", image_name, rounds, cp15_control() & 1,
#ifdef __thumb__
       1u
#else
       0u
#endif
    );
    uint32_t total, r_int = 0, r_copy = 0, r_crc = 0, r_sort = 0, r_mat = 0;
    for (uint32_t round = 0; round < rounds; round++) {
        r_int ^= int_mix(20000 + round);

        for (uint32_t i = 0; i < BUF_WORDS; i++)
            src[i] = lcg();
        copy_words(dst, src, BUF_WORDS);
        copy_bytes((uint8_t *)src + 1, (const uint8_t *)dst + 3, BUF_WORDS * 4 - 4);
        r_copy = r_copy * 33 + src[round * 7] + dst[BUF_WORDS - 1 - round] + src[BUF_WORDS / 2];

        r_crc ^= crc_bitwise((const uint8_t *)src, BUF_WORDS * 4);

        for (uint32_t i = 0; i < SORT_N; i++)
            sortbuf[i] = lcg() >> (round & 7);
        heap_sort(sortbuf, SORT_N);
        uint32_t sorted = 1;
        for (uint32_t i = 1; i < SORT_N; i++)
            sorted &= sortbuf[i - 1] <= sortbuf[i];
        r_sort = r_sort * 31 + sortbuf[SORT_N / 3] + sorted;

        for (int i = 0; i < MAT_N; i++)
            for (int j = 0; j < MAT_N; j++) {
                ma[i][j] = (int32_t)(lcg() >> 20) - 2048;
                mb[i][j] = (int32_t)(lcg() >> 21) - 1024;
            }
        r_mat ^= mat_mul();
    }
    pr("int-mix %08x\ncopy %08x\ncrc32 %08x\nheap-sort %08x\nmatrix %08x\n", r_int, r_copy, r_crc, r_sort, r_mat);
    crc_init();
    total = crc32_word(crc32_word(crc32_word(crc32_word(crc32_word(0, r_int), r_copy), r_crc), r_sort), r_mat);
    pr("result %08x\n", total);
    return 0;
}
