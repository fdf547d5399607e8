/*
 * CPU-bound benchmark guest for @codezero-ts/arm-core: an integer mix of arithmetic,
 * branches, loads and stores, a word-wise memcpy, CRC-32 and an insertion sort. Runs
 * rounds forever; after each round it publishes a checksum and the round number at
 * 0x7ff0 so the host can check the work. Freestanding: no libc.
 */
#include <stdint.h>

#ifdef HOST
#include <stdio.h>
static uint32_t host_out[2];
#define OUT ((volatile uint32_t *)host_out)
#else
#define OUT ((volatile uint32_t *)0x7ff0u)
#endif
#define N 2048

static uint8_t src[N] __attribute__((aligned(4)));
static uint8_t dst[N] __attribute__((aligned(4)));
static uint32_t crc_table[256];
static int32_t keys[64];

static void crc_init(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    crc_table[i] = c;
  }
}

static uint32_t crc32(const uint8_t *p, uint32_t n) {
  uint32_t c = 0xFFFFFFFFu;
  while (n--) c = crc_table[(c ^ *p++) & 0xFF] ^ (c >> 8);
  return ~c;
}

static void copy(void *d, const void *s, uint32_t n) {
  uint32_t *dw = d;
  const uint32_t *sw = s;
  while (n >= 16) {
    dw[0] = sw[0]; dw[1] = sw[1]; dw[2] = sw[2]; dw[3] = sw[3];
    dw += 4; sw += 4; n -= 16;
  }
  uint8_t *db = (uint8_t *)dw;
  const uint8_t *sb = (const uint8_t *)sw;
  while (n--) *db++ = *sb++;
}

static uint32_t arith(uint32_t x, uint32_t rounds) {
  uint32_t a = x | 1, b = 0x9E3779B9u, acc = 0;
  for (uint32_t i = 0; i < rounds; i++) {
    a = a * 1664525u + 1013904223u;
    b ^= a >> 7;
    b += (a << 3) - i;
    if (b & 0x10) acc += b; else acc ^= a;
    acc = (acc << 5) | (acc >> 27);
  }
  return acc ^ b;
}

static void sort(int32_t *k, int n) {
  for (int i = 1; i < n; i++) {
    int32_t v = k[i];
    int j = i - 1;
    while (j >= 0 && k[j] > v) { k[j + 1] = k[j]; j--; }
    k[j + 1] = v;
  }
}

int main(void) {
  volatile uint32_t *out = OUT;
  uint32_t seed = 12345, sum = 0;
  crc_init();
  for (uint32_t round = 1;; round++) {
    for (int i = 0; i < N; i++) {
      seed = seed * 1103515245u + 12345u;
      src[i] = (uint8_t)(seed >> 16);
    }
    copy(dst, src, N);
    sum += crc32(dst, N);
    sum ^= arith(sum, 500);
    for (int i = 0; i < 64; i++) keys[i] = (int32_t)(crc_table[(sum + i * 7) & 255] ^ sum);
    sort(keys, 64);
    sum += (uint32_t)keys[0] ^ (uint32_t)keys[63];
    out[0] = sum;
    out[1] = round;
#ifdef HOST
    printf("%u %u\n", (unsigned)round, (unsigned)sum);
    if (round == 3) return 0;
#endif
  }
}
