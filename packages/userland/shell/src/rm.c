/* rm [-r] [-f] PATH...: removes files; -r also directories with their contents; -f stays quiet about missing files. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int recursive, force;

static int removal(const char *path) {
  struct stat st;
  if (lstat(path, &st) < 0) {
    if (force && errno == ENOENT) return 0;
    fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
    return 1;
  }
  if (S_ISDIR(st.st_mode)) {
    if (!recursive) { fprintf(stderr, "rm: %s: is a directory\n", path); return 1; }
    DIR *d = opendir(path);
    if (!d) { fprintf(stderr, "rm: %s: %s\n", path, strerror(errno)); return 1; }
    int status = 0;
    struct dirent *e;
    char child[1024];
    while ((e = readdir(d)) != NULL) {
      if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
      snprintf(child, sizeof child, "%s/%s", path, e->d_name);
      status |= removal(child);
    }
    closedir(d);
    if (rmdir(path) < 0) { fprintf(stderr, "rm: %s: %s\n", path, strerror(errno)); return 1; }
    return status;
  }
  if (unlink(path) < 0) { fprintf(stderr, "rm: %s: %s\n", path, strerror(errno)); return 1; }
  return 0;
}

int main(int argc, char **argv) {
  int i = 1, status = 0;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    for (const char *f = argv[i] + 1; *f; f++) {
      if (*f == 'r' || *f == 'R') recursive = 1;
      else if (*f == 'f') force = 1;
      else { fprintf(stderr, "rm: unknown option -%c\n", *f); return 2; }
    }
  }
  if (i >= argc && !force) { fprintf(stderr, "usage: rm [-r] [-f] PATH...\n"); return 2; }
  for (; i < argc; i++) status |= removal(argv[i]);
  return status;
}
