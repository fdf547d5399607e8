#!/bin/sh
# Rebuilds the benchmark guest images (ARM and Thumb) with Debian's arm-none-eabi-gcc, and
# writes expected.txt: "round checksum" for rounds 1-3, computed by the same C on the host.
set -eu
cd "$(dirname "$0")"
for isa in arm thumb; do
  arm-none-eabi-gcc -O2 -march=armv5te -m$isa -ffreestanding -fno-builtin \
    -fno-tree-loop-distribute-patterns -nostdlib -T guest.ld start.S mix.c -lgcc -o mix-$isa.elf
  arm-none-eabi-objcopy -O binary mix-$isa.elf mix-$isa.bin
  rm mix-$isa.elf
done
gcc -O2 -DHOST -o /tmp/mix-host mix.c
/tmp/mix-host > expected.txt
