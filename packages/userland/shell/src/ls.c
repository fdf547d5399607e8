/*
 * ls [-a] [-l] [PATH...]: lists directories (names sorted bytewise, dot files only with
 * -a) and names files. -l prints "MODE LINKS SIZE NAME" (no owner and no date, so the
 * output does not depend on who runs it or when), symbolic links as "NAME -> TARGET".
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static int all, longfmt;

static void mode_string(mode_t m, char *s) {
  s[0] = S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : S_ISCHR(m) ? 'c' : S_ISBLK(m) ? 'b' : S_ISFIFO(m) ? 'p' : S_ISSOCK(m) ? 's' : '-';
  const char *rwx = "rwxrwxrwx";
  for (int i = 0; i < 9; i++) s[i + 1] = (m & (0400 >> i)) ? rwx[i] : '-';
  if (m & S_ISUID) s[3] = (m & 0100) ? 's' : 'S';
  if (m & S_ISGID) s[6] = (m & 010) ? 's' : 'S';
  if (m & S_ISVTX) s[9] = (m & 01) ? 't' : 'T';
  s[10] = 0;
}

static void show(const char *path, const char *name) {
  if (!longfmt) { printf("%s\n", name); return; }
  struct stat st;
  if (lstat(path, &st) < 0) { fprintf(stderr, "ls: %s: %s\n", path, strerror(errno)); return; }
  char mode[11];
  mode_string(st.st_mode, mode);
  if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
    printf("%s %2u %3u, %3u %s", mode, (unsigned)st.st_nlink, major(st.st_rdev), minor(st.st_rdev), name);
  else
    printf("%s %2u %8lld %s", mode, (unsigned)st.st_nlink, (long long)st.st_size, name);
  if (S_ISLNK(st.st_mode)) {
    char target[1024];
    ssize_t n = readlink(path, target, sizeof target - 1);
    if (n >= 0) { target[n] = 0; printf(" -> %s", target); }
  }
  printf("\n");
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int list_dir(const char *path) {
  DIR *d = opendir(path);
  if (!d) { fprintf(stderr, "ls: %s: %s\n", path, strerror(errno)); return 1; }
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.' && !all) continue;
    if (n == cap) { cap = cap ? cap * 2 : 64; names = realloc(names, cap * sizeof *names); if (!names) return 1; }
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof *names, cmp);
  char child[1024];
  for (size_t i = 0; i < n; i++) {
    snprintf(child, sizeof child, "%s/%s", path, names[i]);
    show(child, names[i]);
    free(names[i]);
  }
  free(names);
  return 0;
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  int i = 1, status = 0;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    for (const char *f = argv[i] + 1; *f; f++) {
      if (*f == 'a') all = 1;
      else if (*f == 'l') longfmt = 1;
      else { fprintf(stderr, "ls: unknown option -%c\n", *f); return 2; }
    }
  }
  int count = argc - i;
  if (count == 0) return list_dir(".");
  for (int k = i; k < argc; k++) {
    struct stat st;
    if (stat(argv[k], &st) < 0) { fprintf(stderr, "ls: %s: %s\n", argv[k], strerror(errno)); status = 1; continue; }
    if (!S_ISDIR(st.st_mode)) { show(argv[k], argv[k]); continue; }
    if (count > 1) printf("%s%s:\n", k > i ? "\n" : "", argv[k]);
    status |= list_dir(argv[k]);
  }
  return status;
}
