/* Memory: malloc through brk and mmap, anonymous mmap/munmap/mprotect, a private file mapping. */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "common.h"

int main(void) {
  cz_init();
  unsigned long sum = 0;
  char *small[100];
  for (int i = 0; i < 100; i++) {
    small[i] = malloc(100 + i * 10);
    CHECK(small[i] != NULL);
    memset(small[i], i, 100 + i * 10);
  }
  for (int i = 0; i < 100; i++) sum += (unsigned char)small[i][99 + i * 10];
  for (int i = 0; i < 100; i++) free(small[i]);
  printf("malloc sum %lu\n", sum);
  char *big = malloc(1 << 20); /* above the mmap threshold */
  CHECK(big != NULL);
  for (int i = 0; i < (1 << 20); i += 4096) big[i] = (char)(i >> 12);
  sum = 0;
  for (int i = 0; i < (1 << 20); i += 4096) sum += (unsigned char)big[i];
  free(big);
  printf("big sum %lu\n", sum);
  char *m = mmap(NULL, 8 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  CHECK(m != MAP_FAILED);
  CHECK(m[5000] == 0);
  strcpy(m + 4096 * 3, "mapped");
  CHECK(munmap(m + 4096 * 4, 4096) == 0);
  printf("anon '%s'\n", m + 4096 * 3);
  CHECK(mprotect(m, 4096, PROT_READ) == 0);
  CHECK(munmap(m, 8 * 4096) == 0);
  int fd = open("mapped.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
  CHECK(fd >= 0);
  for (int i = 0; i < 3; i++) {
    char page[4096];
    memset(page, 'A' + i, sizeof page);
    CHECK(write(fd, page, sizeof page) == 4096);
  }
  char *f = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 4096);
  CHECK(f != MAP_FAILED);
  printf("file map %c %c\n", f[0], f[4096]);
  f[0] = 'z';
  char c;
  CHECK(pread(fd, &c, 1, 4096) == 1);
  printf("private write stays private: %c %c\n", f[0], c);
  CHECK(munmap(f, 3 * 4096) == 0);
  close(fd);
  unlink("mapped.txt");
  printf("memory done\n");
  return 0;
}
