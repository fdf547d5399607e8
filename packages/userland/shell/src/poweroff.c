/*
 * poweroff: flushes file systems and asks the kernel to power the machine off with
 * reboot(2) (magic 0xfee1dead, 672274793, LINUX_REBOOT_CMD_POWER_OFF 0x4321fedc). On the
 * codezero-ts system this ends the run with status 0. Never run it under qemu-arm as root:
 * qemu passes reboot(2) to the host kernel.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <unistd.h>

int main(void) {
  sync();
  if (reboot(RB_POWER_OFF) < 0) {
    fprintf(stderr, "poweroff: %s\n", strerror(errno));
    return 1;
  }
  return 0;
}
