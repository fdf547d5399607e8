/* The first Linux-ABI program: a greeting, its arguments and environment, exit status 7. */
#include <string.h>
#include "common.h"

int main(int argc, char **argv, char **envp) {
  cz_init();
  printf("hello, world\n");
  printf("argc=%d\n", argc);
  for (int i = 1; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);
  for (char **e = envp; *e != NULL; e++)
    if (strncmp(*e, "CZ_", 3) == 0) printf("env %s\n", *e);
  return 7;
}
