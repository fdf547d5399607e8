#!/bin/sh
# Rebuilds tiny.elf with Debian's gcc-arm-none-eabi. The committed binary is what the tests
# read; rebuilding with another compiler version may change its bytes.
set -eu
cd "$(dirname "$0")"
arm-none-eabi-gcc -march=armv5te -marm -mthumb-interwork -O1 -nostdlib -ffreestanding \
  -Wl,-Ttext=0x8000 -Wl,--build-id=none -o tiny.elf tiny.c
