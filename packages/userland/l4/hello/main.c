/* The smallest L4 program: one line on the console. */
#include <l4/l4.h>

int main(void) {
  printf("Hello world from %s!\n", "hello_world0");
  return 0;
}
