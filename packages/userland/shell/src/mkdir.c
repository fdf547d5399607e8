/* mkdir [-p] DIR...: creates directories (mode 0777 less the umask); -p makes parents and accepts existing ones. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static int make(char *path, int parents) {
  if (parents) {
    for (char *p = path + 1; *p; p++) {
      if (*p != '/') continue;
      *p = 0;
      if (mkdir(path, 0777) < 0 && errno != EEXIST) { fprintf(stderr, "mkdir: %s: %s\n", path, strerror(errno)); return 1; }
      *p = '/';
    }
  }
  if (mkdir(path, 0777) < 0 && !(parents && errno == EEXIST)) {
    fprintf(stderr, "mkdir: %s: %s\n", path, strerror(errno));
    return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  int parents = 0, status = 0, i = 1;
  if (i < argc && strcmp(argv[i], "-p") == 0) { parents = 1; i++; }
  if (i >= argc) { fprintf(stderr, "usage: mkdir [-p] DIR...\n"); return 2; }
  for (; i < argc; i++) status |= make(argv[i], parents);
  return status;
}
