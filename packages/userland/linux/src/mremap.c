/* mremap: shrink, grow in place, move (MAYMOVE, FIXED) keeping the data, Linux errors, and
   glibc's realloc of big (mmap'd) blocks, which uses mremap. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "common.h"

#define PG 4096

/* Every 61st byte (a stride prime to the page size, so every page and offset class is hit). */
static void fill(unsigned char *p, size_t n, unsigned seed) {
  for (size_t i = 0; i < n; i += 61) p[i] = (unsigned char)(i * 7 + seed);
}

static int same(const unsigned char *p, size_t n, unsigned seed) {
  for (size_t i = 0; i < n; i += 61)
    if (p[i] != (unsigned char)(i * 7 + seed)) return 0;
  return 1;
}

/* Whether the page at p is mapped: a hinted mmap gets exactly p only when it is free. */
static int mapped(void *p) {
  void *q = mmap(p, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  CHECK(q != MAP_FAILED);
  CHECK(munmap(q, PG) == 0);
  return q != p;
}

int main(int argc, char **argv) {
  cz_init();
  /* Reserve 8 pages and keep 2: the 6 after them are free for an in-place growth. */
  unsigned char *a = mmap(NULL, 8 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  CHECK(a != MAP_FAILED);
  CHECK(munmap(a + 2 * PG, 6 * PG) == 0);
  fill(a, 2 * PG, 1);
  /* qemu-arm (reserved guest space) refuses every in-place growth with ENOMEM, so the golden
     run moves instead; with argument "inplace" the program reports which one happened. */
  unsigned char *b = mremap(a, 2 * PG, 5 * PG, 0);
  int inplace = b == a;
  if (b == MAP_FAILED) {
    CHECK(errno == ENOMEM);
    b = mremap(a, 2 * PG, 5 * PG, MREMAP_MAYMOVE);
    CHECK(b != MAP_FAILED);
  }
  if (argc > 1 && strcmp(argv[1], "inplace") == 0) printf("grow: %s\n", inplace ? "in place" : "moved");
  printf("grow: data kept: %s, new pages zero: %s\n", same(b, 2 * PG, 1) ? "yes" : "no",
         b[4 * PG + 100] == 0 && b[2 * PG] == 0 ? "yes" : "no");
  b[4 * PG + 5] = 9;
  unsigned char *c = mremap(b, 5 * PG, PG + 10, 0);
  printf("shrink: %s, data kept: %s, tail unmapped: %s\n", c == b ? "same address" : "moved", same(c, 2 * PG, 1) ? "yes" : "no",
         mapped(c + 2 * PG) ? "no" : "yes");
  /* A blocker right after the mapping: growth needs MAYMOVE. */
  unsigned char *blk = mmap(c + 2 * PG, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  CHECK(blk == c + 2 * PG);
  fill(c, 2 * PG, 2);
  void *r = mremap(c, 2 * PG, 4 * PG, 0);
  printf("blocked growth without MAYMOVE: %s\n", r == MAP_FAILED && errno == ENOMEM ? "ENOMEM" : "unexpected");
  unsigned char *d = mremap(c, 2 * PG, 16 * PG, MREMAP_MAYMOVE);
  CHECK(d != MAP_FAILED);
  printf("MAYMOVE: moved %s, data kept %s, old range unmapped %s, blocker kept %s\n", d != c ? "yes" : "no",
         same(d, 2 * PG, 2) ? "yes" : "no", mapped(c) ? "no" : "yes", mapped(blk) ? "yes" : "no");
  fill(d, 16 * PG, 3);
  /* MREMAP_FIXED onto a mapping of our own (it is replaced). */
  unsigned char *target = mmap(NULL, 32 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  CHECK(target != MAP_FAILED);
  memset(target, 0x55, 32 * PG); /* (every byte: the pages must all exist) */
  unsigned char *e = mremap(d, 16 * PG, 20 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, target + 4 * PG);
  printf("FIXED: at target %s, data kept %s, grown part zero %s, rest of target kept %s, old unmapped %s\n",
         e == target + 4 * PG ? "yes" : "no", same(e, 16 * PG, 3) ? "yes" : "no", e[18 * PG] == 0 ? "yes" : "no",
         target[0] == 0x55 && target[30 * PG] == 0x55 ? "yes" : "no", mapped(d) ? "no" : "yes");
  /* Linux's errors (qemu-arm differs on several, so the golden run skips them). */
  if (argc > 1 && strcmp(argv[1], "errors") == 0) {
    void *r2;
    r2 = mremap(e + 1, PG, 2 * PG, MREMAP_MAYMOVE);
    printf("unaligned old address: %s\n", r2 == MAP_FAILED && errno == EINVAL ? "EINVAL" : "unexpected");
    r2 = mremap(e, PG, 2 * PG, 0x10);
    printf("unknown flag: %s\n", r2 == MAP_FAILED && errno == EINVAL ? "EINVAL" : "unexpected");
    r2 = mremap(e, PG, 2 * PG, MREMAP_FIXED, target);
    printf("FIXED without MAYMOVE: %s\n", r2 == MAP_FAILED && errno == EINVAL ? "EINVAL" : "unexpected");
    r2 = mremap(e, PG, 0, MREMAP_MAYMOVE);
    printf("new size 0: %s\n", r2 == MAP_FAILED && errno == EINVAL ? "EINVAL" : "unexpected");
    r2 = mremap(e, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, e + PG);
    printf("overlapping FIXED target: %s\n", r2 == MAP_FAILED && errno == EINVAL ? "EINVAL" : "unexpected");
    r2 = mremap(d, PG, 2 * PG, MREMAP_MAYMOVE);
    printf("unmapped old range: %s\n", r2 == MAP_FAILED && errno == EFAULT ? "EFAULT" : "unexpected");
  }
  CHECK(munmap(target, 32 * PG) == 0);
  CHECK(munmap(blk, PG) == 0);
  /* realloc of a big block: glibc moves it with mremap; the data must survive each step. */
  size_t n = 200 * 1024;
  unsigned char *m = malloc(n);
  CHECK(m != NULL);
  fill(m, n, 4);
  int ok = 1;
  size_t sizes[] = {512 * 1024, 2 * 1024 * 1024, 1024 * 1024, 3 * 1024 * 1024};
  for (int i = 0; i < 4; i++) {
    size_t keep = n < sizes[i] ? n : sizes[i];
    m = realloc(m, sizes[i]);
    CHECK(m != NULL);
    if (!same(m, keep, 4)) ok = 0;
    fill(m, sizes[i], 4);
    n = sizes[i];
  }
  free(m);
  printf("realloc 200K -> 512K -> 2M -> 1M -> 3M: data kept %s\n", ok ? "yes" : "no");
  return 0;
}
