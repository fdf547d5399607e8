/* Helpers shared by the Linux-ABI test programs: unbuffered output and checks. */
#ifndef CZ_COMMON_H
#define CZ_COMMON_H
#include <stdio.h>
#include <stdlib.h>

/* Unbuffered stdout, so output order does not depend on whether stdout is a terminal. */
static inline void cz_init(void) { setvbuf(stdout, NULL, _IONBF, 0); }

#define CHECK(cond)                                                    \
  do {                                                                 \
    if (!(cond)) {                                                     \
      printf("FAILED: %s (line %d)\n", #cond, __LINE__);               \
      exit(1);                                                         \
    }                                                                  \
  } while (0)

#endif
