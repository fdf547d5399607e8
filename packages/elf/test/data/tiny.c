/* A tiny bare-metal program for the ELF reader's tests: ARM and Thumb code, data, bss. */
int counter;
const int table[4] = {1, 2, 3, 5};

__attribute__((target("thumb"), noinline)) int twice(int x) { return x * 2 + table[x & 3]; }

int main(void) {
  counter = twice(counter);
  return counter;
}

void _start(void) {
  main();
  for (;;) {
  }
}
