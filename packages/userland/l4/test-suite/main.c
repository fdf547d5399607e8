#include "tests.h"

int main(void) {
  test_thread_control();
  test_getid();
  test_exregs();
  test_map_unmap();
  test_ipc();
  test_mutex();
  test_cache();
  printf("Test parent thread exiting...\n");
  return 0;
}
