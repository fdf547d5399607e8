#!/usr/bin/env python3
"""Builds the disassembler's golden corpus.

A deterministic set of ARM words and Thumb halfwords covering every encoding class
(systematic sweeps over the opcode bits plus random words) is disassembled by GNU objdump
and written as a gzipped text file that the test suite compares against without objdump.

    python3 packages/arm-core/scripts/disasm-corpus.py [objdump]

ARM is decoded with -marmv5te (objdump then treats later-architecture ARM encodings as
undefined). objdump applies no architecture filter to coprocessor/Neon spaces or to Thumb,
so the generator keeps those samples small; see the README's disassembler section.
"""
import gzip
import os
import re
import struct
import subprocess
import sys
import tempfile

OBJDUMP = sys.argv[1] if len(sys.argv) > 1 else 'arm-none-eabi-objdump'
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'data', 'disasm', 'corpus.txt.gz')
ARM_BASE = 0x8000
THUMB_BASE = 0x100000
M32 = 0xFFFFFFFF

seed = 0x2545F491


def rnd():
    """xorshift32 with a fixed seed: the corpus is the same on every run."""
    global seed
    seed ^= (seed << 13) & M32
    seed ^= seed >> 17
    seed ^= (seed << 5) & M32
    return seed


def chance(p):
    return rnd() / 4294967296 < p


def bias(w):
    """Biases register fields towards r15 and small immediates so PC-relative and special forms appear."""
    if chance(0.25): w = (w & ~0x000F0000) | 0x000F0000
    if chance(0.2): w = (w & ~0x0000F000) | 0x0000F000
    if chance(0.15): w = (w & ~0x0000000F) | 0x0000000F
    if chance(0.15): w = (w & ~0x00000F00) | 0x00000F00
    if chance(0.2): w &= ~0x00000F00
    if chance(0.1): w &= ~0x00000FF0
    if chance(0.1): w = (w & ~0x00000F00) | ((rnd() & 1) << 8)
    return w & M32


# objdump decodes the FPA, Maverick and VFP coprocessor spaces and the Neon/ARMv8
# unconditional space whatever -m says; ARMv5TE has none of them (ARM926EJ-S has no FPU), so
# most words that fall there are moved to a generic coprocessor number or another
# unconditional opcode, keeping a small sample as a documented difference.
GENERIC_CP = [0, 3, 7, 12, 13, 14, 15]


def tame(w):
    cond = w >> 28
    is_coproc = ((w >> 25) & 7) == 6 or ((w >> 24) & 15) == 14
    if is_coproc:
        cp = (w >> 8) & 15
        generic = [0, 3, 7, 14, 15] if cond == 15 else GENERIC_CP
        if cp not in generic and not chance(0.02):
            w = (w & ~0xF00) | (generic[rnd() % len(generic)] << 8)
        # Coprocessor 15 loads/stores with bit 7 set are ARMv8.1-M VLDR/VSTR (system register) to objdump.
        if ((w >> 25) & 7) == 6 and ((w >> 8) & 15) == 15 and not chance(0.02):
            w &= ~0x80
    if cond == 15 and not is_coproc and ((w >> 24) & 15) <= 4 and not chance(0.05):
        w = (w & ~0x0F000000) | ((5 + (rnd() % 3)) << 24)
    return w & M32


arm = []
# Systematic: every value of bits 27..20 and 7..4, with several fills and conditions.
for op in range(256):
    for lo in range(16):
        for k in range(6):
            cond = 0xE if k < 3 else (rnd() % 15 if k < 5 else 0xF)
            w = bias((rnd() & 0x000FFF0F) | (op << 20) | (lo << 4))
            arm.append(tame(((cond << 28) | (w & 0x0FFFFFFF)) & M32))
# Random words.
for _ in range(8000):
    arm.append(tame(rnd() if chance(0.5) else ((0xE << 28) | (bias(rnd()) & 0x0FFFFFFF))))
# Hand-picked forms with special spellings.
arm += [
    0xE1A00000, 0xE52D0004, 0xE49D0004, 0xE52DE004, 0xE49DF004, 0xE92D4010, 0xE8BD8010, 0xE92D0001, 0xE8BD0001,
    0xE92D4000, 0xE8BD8000, 0xE12FFF1E, 0xE12FFF33, 0xE1A0F00E, 0xE59FF000, 0xE51F0004, 0xE28F0004, 0xE24F0004,
    0xE7F000F0, 0xE7FFFFFF, 0xE1200070, 0xE12FFF7F, 0xEF000000, 0xEFFFFFFF, 0xE1A00001, 0xE1A00102, 0xE1A00062,
    0xE1B00001, 0xE1A00110, 0xE16F1F12, 0xE10F0000, 0xE14F0000, 0xE129F000, 0xE169F000, 0xE328F4FF,
    0xE1000080, 0xE12000A0, 0xE1400080, 0xE16000E0, 0xE1010052, 0xE1C020D0, 0xE1C020F0, 0xE1CF20D8, 0xE10F20D8,
    0xF5D0F000, 0xF5DFF010, 0xF55FF010, 0xF7D0F001, 0xFA000000, 0xFBFFFFFF, 0xEE010F10, 0xEE110F10, 0xEC410F00,
    0xEC510F00, 0xEE000000, 0xED900100, 0xED200100, 0xECB00101, 0xEC900101, 0xED1F0101, 0xFD900100, 0xFE000010,
    0xFE100010, 0xFE000000, 0xFC400000, 0xFC500000, 0xE1000090, 0xE1400090, 0xE1020091, 0xE0810392, 0xE0A10392,
    0xE0C10392, 0xE0E10392, 0xE0000090, 0xE0200091, 0x0A000001, 0x1AFFFFFE, 0xEB000000, 0xE0000000, 0,
]

thumb = []


def push_thumb(h):
    """Adds a halfword; BL/BLX prefixes get a partner so pairs stay pairs."""
    # IT (Thumb-2) makes objdump conditionalise the following instructions; ARMv5T has no IT.
    if (h & 0xFF00) == 0xBF00 and (h & 0xF) != 0:
        h &= 0xFFF0
    if h >= 0xE800:
        if 0xF000 <= h < 0xF800 and not chance(0.03):
            kind = 2 if chance(0.05) else rnd() % 2
            low = rnd() & 0x7FF
            thumb.extend([h, 0xF800 | low if kind == 0 else (0xE800 | (low & ~1) if kind == 1 else 0xE800 | low)])
        elif chance(0.05):
            thumb.extend([h, rnd() & 0xFFFF])
    else:
        thumb.append(h)


for top in range(256):
    for _ in range(24):
        h = (top << 8) | (rnd() & 0xFF)
        if chance(0.2):
            h &= ~0x38
        push_thumb(h)
for _ in range(12000):
    push_thumb(rnd() & 0xFFFF)
for _ in range(300):
    push_thumb(0xF000 | (rnd() & 0x7FF))
thumb += [0x46C0, 0xBF00, 0xB510, 0xBD10, 0x4770, 0x47F0, 0x4800, 0xA001, 0xDF00, 0xBE00, 0xDE00, 0x0000,
          0xF000, 0xF800, 0xF7FF, 0xFFFE, 0xF000, 0xE800, 0xF7FF, 0xEFFE]
# Two trailing NOPs keep the final pair inside the section.
thumb += [0x46C0, 0x46C0]

LINE = re.compile(r'^ *([0-9a-f]+):\t([0-9a-f]{4} [0-9a-f]{4}|[0-9a-f]{8}|[0-9a-f]{4}) +\t(.*)$')


def run(data, base, thumb_mode, tag, minimum):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, 'code.bin')
        with open(path, 'wb') as f:
            f.write(data)
        args = [OBJDUMP, '-z', '-D', '-b', 'binary', '-marmv5te'] + (['-M', 'force-thumb'] if thumb_mode else []) + [
            '--adjust-vma=0x%x' % base, path]
        text = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    out = []
    for line in text.split('\n'):
        m = LINE.match(line)
        if m:
            out.append('%s %s %s %s' % (tag, m.group(1), m.group(2).replace(' ', ''), m.group(3)))
    if len(out) < minimum:
        raise SystemExit('%s: parsed only %d lines' % (tag, len(out)))
    return out


lines = run(b''.join(struct.pack('<I', w) for w in arm), ARM_BASE, False, 'a', len(arm))
lines += run(b''.join(struct.pack('<H', h) for h in thumb), THUMB_BASE, True, 't', 1)
version = subprocess.run([OBJDUMP, '--version'], check=True, capture_output=True, text=True).stdout.split('\n')[0]
header = '# %s; ARM -marmv5te at 0x%x, Thumb -M force-thumb at 0x%x\n# kind address hex text\n' % (version, ARM_BASE, THUMB_BASE)
with open(OUT, 'wb') as f:
    f.write(gzip.compress((header + '\n'.join(lines) + '\n').encode(), compresslevel=9, mtime=0))
print('%d lines written to %s' % (len(lines), os.path.normpath(OUT)))
