/* Files and directories: create, write, seek, read back, stat, rename, unlink, mkdir, listing. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "common.h"

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list(const char *path) {
  DIR *d = opendir(path);
  CHECK(d != NULL);
  char *names[64];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL && n < 64) names[n++] = strdup(e->d_name);
  closedir(d);
  qsort(names, n, sizeof names[0], cmp);
  printf("%s:", path);
  for (int i = 0; i < n; i++) {
    printf(" %s", names[i]);
    free(names[i]);
  }
  printf("\n");
}

int main(void) {
  cz_init();
  CHECK(mkdir("work", 0755) == 0);
  CHECK(chdir("work") == 0);
  int fd = open("a.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
  CHECK(fd >= 0);
  const char *msg = "The quick brown fox jumps over the lazy dog\n";
  CHECK(write(fd, msg, strlen(msg)) == (ssize_t)strlen(msg));
  CHECK(lseek(fd, 8192, SEEK_SET) == 8192);
  CHECK(write(fd, "tail", 4) == 4);
  struct stat st;
  CHECK(fstat(fd, &st) == 0);
  printf("size %ld regular %d\n", (long)st.st_size, S_ISREG(st.st_mode) ? 1 : 0);
  CHECK(lseek(fd, 4, SEEK_SET) == 4);
  char buf[64] = {0};
  CHECK(read(fd, buf, 15) == 15);
  printf("read '%s'\n", buf);
  CHECK(lseek(fd, 100, SEEK_SET) == 100);
  CHECK(read(fd, buf, 4) == 4);
  printf("hole %d %d %d %d\n", buf[0], buf[1], buf[2], buf[3]);
  CHECK(lseek(fd, -4, SEEK_END) == 8192);
  memset(buf, 0, sizeof buf);
  CHECK(read(fd, buf, 10) == 4);
  printf("end '%s'\n", buf);
  CHECK(close(fd) == 0);
  CHECK(close(fd) == -1 && errno == EBADF);
  CHECK(open("missing", O_RDONLY) == -1 && errno == ENOENT);
  CHECK(mkdir("sub", 0755) == 0);
  CHECK(mkdir("sub", 0755) == -1 && errno == EEXIST);
  CHECK(mkdir("sub/deeper", 0755) == 0);
  CHECK(rename("a.txt", "sub/b.txt") == 0);
  fd = open("sub/c.txt", O_CREAT | O_WRONLY | O_EXCL, 0600);
  CHECK(fd >= 0);
  CHECK(open("sub/c.txt", O_CREAT | O_WRONLY | O_EXCL, 0600) == -1 && errno == EEXIST);
  close(fd);
  list(".");
  list("sub");
  list("./sub/./deeper//");
  CHECK(stat("sub/b.txt", &st) == 0);
  printf("renamed size %ld\n", (long)st.st_size);
  CHECK(unlink("sub/b.txt") == 0);
  CHECK(stat("sub/b.txt", &st) == -1 && errno == ENOENT);
  CHECK(rmdir("sub") == -1 && errno == ENOTEMPTY);
  CHECK(unlink("sub/c.txt") == 0);
  CHECK(rmdir("sub/deeper") == 0);
  CHECK(rmdir("sub") == 0);
  list(".");
  char cwd[256];
  CHECK(getcwd(cwd, sizeof cwd) != NULL);
  const char *base = strrchr(cwd, '/');
  printf("cwd ends with %s\n", base);
  CHECK(chdir("..") == 0);
  CHECK(rmdir("work") == 0);
  printf("files done\n");
  return 0;
}
