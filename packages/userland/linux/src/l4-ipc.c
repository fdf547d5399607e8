/*
 * A Linux process that also uses the L4 ABI (codezero-ts only: it needs the KIP and the
 * syscall page): a full IPC with the SYNC_FULL tag to the pager (thread 1), which answers
 * with MR2..MR59 zeroed (test0's FULL IPC test).
 */
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>
#include "common.h"

#define KIP ((volatile uint32_t *)0xff000000u)

int main(void) {
  cz_init();
  CHECK(KIP[0] == 0x4b75344cu); /* 'L4uK' */
  volatile uint32_t *utcb = (volatile uint32_t *)KIP[0x50 / 4];
  printf("utcb %s\n", utcb != 0 ? "present" : "missing");
  for (int i = 6; i < 60; i++) utcb[10 + i - 6] = (uint32_t)i;
  register uint32_t r0 __asm__("r0") = 1; /* to: mm0 */
  register uint32_t r1 __asm__("r1") = 1; /* from: mm0 (a call) */
  register uint32_t r2 __asm__("r2") = 1; /* full */
  register uint32_t r3 __asm__("r3") = 4; /* MR0: SYNC_FULL */
  register uint32_t r4 __asm__("r4") = 0;
  register uint32_t r5 __asm__("r5") = 2;
  register uint32_t r6 __asm__("r6") = 3;
  register uint32_t r7 __asm__("r7") = 4;
  register uint32_t r8 __asm__("r8") = 5;
  __asm__ volatile("mov ip, #0\n\tsub ip, ip, #0x1000\n\tblx ip"
                   : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r7), "+r"(r8)
                   :
                   : "ip", "lr", "memory", "cc");
  int zero = r5 == 0 && r6 == 0 && r7 == 0 && r8 == 0;
  for (int i = 6; i < 60; i++) zero = zero && utcb[10 + i - 6] == 0;
  printf("ipc result %d, MR2..MR59 %s\n", (int)r0, zero ? "zeroed" : "NOT zeroed");
  pid_t pid = fork();
  if (pid == 0) {
    volatile uint32_t *u = (volatile uint32_t *)KIP[0x50 / 4];
    printf("child utcb %s\n", u == utcb ? "same address" : "moved");
    _exit(0);
  }
  CHECK(waitpid(pid, NULL, 0) == pid);
  printf("both ABIs ok\n");
  return 0;
}
