#!/usr/bin/python3
"""Generates per-instruction reference vectors for @codezero-ts/arm-core from QEMU's ARM926
model in Debian's python3-unicorn.

Every vector is one instruction (two for Thumb BL/BLX pairs) run from a random state: the
state is derived from a 32-bit seed by a tiny generator that test/vectors.ts reimplements,
so the file only stores the seed, the CPSR, the PC, the instruction and what changed.
Memory is unbounded and lazily filled: the word at address A holds hash(A ^ seed * K), on
both sides, so every address is valid and no load can fault.

Usage: /usr/bin/python3 scripts/gen-vectors.py COUNT OUT.bin.gz [FIRST_SEED]

Record (little-endian u32 words):
  seed, cpsr, pc, count | ninstr << 8 | thumb << 16, instr[ninstr],
  mask (bit i: slot i changed), changed slot values..., nmem, (addr, word) * nmem
Slots: r0-r15 of the final mode (r15 = next PC), CPSR, SPSR (0 in usr/sys), usr r8-r14.
"""
import gzip, random, struct, sys
from unicorn import Uc, UC_MEM_FETCH_UNMAPPED, UC_ARCH_ARM, UC_MODE_ARM, UC_HOOK_MEM_UNMAPPED, UC_HOOK_CODE, UC_HOOK_MEM_READ, UC_HOOK_MEM_WRITE, UcError
from unicorn.arm_const import *

M32 = 0xFFFFFFFF
MODES = [0x10, 0x11, 0x12, 0x13, 0x17, 0x1B, 0x1F]
SPSR_MODES = [0x11, 0x12, 0x13, 0x17, 0x1B]
SPECIAL = [0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x80000001, 0xFFFFFFFE, 0x7FFFFFFE]

def imul(a, b):
    return (a * b) & M32

def hash32(x):
    x &= M32
    x ^= x >> 16
    x = imul(x, 0x7FEB352D)
    x ^= x >> 15
    x = imul(x, 0x846CA68B)
    x ^= x >> 16
    return x

class Gen:
    def __init__(self, seed):
        self.s = seed & M32
    def next(self):
        self.s = (self.s + 0x9E3779B9) & M32
        return hash32(self.s)
    def pick(self):
        k = self.next() % 16
        if k < 3: return self.next()
        if k < 5: return self.next() & 0xFF
        if k < 7: return SPECIAL[self.next() % 8]
        if k < 8: return self.next() & 0x1F
        v = 0x20000 + (self.next() & 0x1FFC)
        if k == 15: v += self.next() & 3
        return v
    def pick_spsr(self):
        mode = MODES[self.next() % 7]
        t = 0x20 if self.next() % 4 == 0 else 0
        return (self.next() & 0xF8000000) | (self.next() & 0xC0) | t | mode

def mem_seed(seed):
    return imul(seed, 0x9E3779B9) ^ 0xA5A5A5A5

def mem_word(seed, addr):
    return hash32((addr & ~3 & M32) ^ mem_seed(seed))

def page_bytes(seed, base):
    ms = mem_seed(seed)
    return struct.pack('<1024I', *[hash32((base + 4 * i) ^ ms) for i in range(1024)])

# ---------------------------------------------------------------- instruction generators

R = lambda: random.randrange(16)
def Rn15(*excl):
    while True:
        r = random.randrange(15)
        if r not in excl: return r
def Rlo(): return random.randrange(8)
def cond(): return random.randrange(15) if random.random() < 0.3 else 14

class Want:
    """Constraints an instruction puts on the initial mode."""
    def __init__(self, spsr=False, priv=False):
        self.spsr = spsr; self.priv = priv

def arm_dp(form):
    c = cond(); opc = random.randrange(16); s = random.randrange(2)
    if 8 <= opc <= 11: s = 1
    rn = R(); rd = R() if random.random() < 0.1 else Rn15()
    want = Want()
    if 8 <= opc <= 11: rd = 0
    if rd == 15 and s == 1: want = Want(spsr=True)
    if form == 0:
        w = (c << 28) | (1 << 25) | (opc << 21) | (s << 20) | (rn << 16) | (rd << 12) | random.randrange(4096)
    elif form == 1:
        w = (c << 28) | (opc << 21) | (s << 20) | (rn << 16) | (rd << 12) | (random.randrange(32) << 7) | (random.randrange(4) << 5) | R()
    else:
        rd = Rn15() if not (8 <= opc <= 11) else 0
        w = (c << 28) | (opc << 21) | (s << 20) | (Rn15() << 16) | (rd << 12) | (Rn15() << 8) | (random.randrange(4) << 5) | 0x10 | Rn15()
        want = Want()
    return [w], want

def arm_mul():
    c = cond(); kind = random.randrange(3)
    if kind == 0:
        rd = Rn15(); rm = Rn15(rd)
        w = (c << 28) | (random.randrange(2) << 21) | (random.randrange(2) << 20) | (rd << 16) | (Rn15() << 12) | (Rn15() << 8) | 0x90 | rm
    else:
        lo = Rn15(); hi = Rn15(lo); rm = Rn15(lo, hi)
        w = (c << 28) | (1 << 23) | (random.randrange(2) << 22) | (random.randrange(2) << 21) | (random.randrange(2) << 20) | (hi << 16) | (lo << 12) | (Rn15() << 8) | 0x90 | rm
    return [w], Want()

def arm_dsp():
    c = cond(); k = random.randrange(4)
    if k == 0:
        op = random.randrange(4); x = random.randrange(2); y = random.randrange(2)
        if op == 1 and random.random() < 0.5: x = 1
        rd = Rn15(); rn = Rn15()
        if op == 2: rn = Rn15(rd)
        w = (c << 28) | 0x01000080 | (op << 21) | (rd << 16) | (rn << 12) | (Rn15() << 8) | (y << 6) | (x << 5) | Rn15()
    elif k == 1:
        w = (c << 28) | 0x01000050 | (random.randrange(4) << 21) | (Rn15() << 16) | (Rn15() << 12) | Rn15()
    elif k == 2:
        w = (c << 28) | 0x016F0F10 | (Rn15() << 12) | Rn15()
    else:
        w = 0xF550F000 | (random.randrange(2) << 25) | (random.randrange(2) << 23) | (R() << 16) | random.randrange(4096)
        if w & (1 << 25): w &= ~0x10
    return [w], Want()

def arm_ls():
    c = cond(); reg = random.randrange(2); p = random.randrange(2); u = random.randrange(2)
    b = random.randrange(2); wb = random.randrange(2); l = random.randrange(2)
    rd = R(); rn = R()
    if b and rd == 15: rd = Rn15()
    writeback = p == 0 or wb == 1
    if writeback:
        rn = Rn15(rd)
    w = (c << 28) | (1 << 26) | (reg << 25) | (p << 24) | (u << 23) | (b << 22) | (wb << 21) | (l << 20) | (rn << 16) | (rd << 12)
    if reg:
        rm = Rn15(rn) if writeback else Rn15()
        w |= (random.randrange(32) << 7) | (random.randrange(4) << 5) | rm
    else:
        w |= random.randrange(4096)
    return [w], Want()

def arm_lsh():
    c = cond(); p = random.randrange(2); u = random.randrange(2); imm = random.randrange(2)
    wb = random.randrange(2) if p else 0
    kind = random.choice([(0, 1), (1, 1), (1, 2), (1, 3), (0, 2), (0, 3)])  # (L, SH)
    l, sh = kind
    dbl = l == 0 and sh >= 2
    rd = random.randrange(0, 14, 2) if dbl else Rn15()
    regs = {rd, rd + 1} if dbl else {rd}
    writeback = p == 0 or wb == 1
    rn = Rn15(*regs) if writeback else R()
    if dbl and rn == 15: rn = Rn15(*regs)
    w = (c << 28) | (p << 24) | (u << 23) | (imm << 22) | (wb << 21) | (l << 20) | (rn << 16) | (rd << 12) | 0x90 | (sh << 5)
    if imm:
        v = random.randrange(256); w |= ((v >> 4) << 8) | (v & 15)
    else:
        rm = Rn15(rn, *regs) if (writeback or dbl) else Rn15()
        w |= rm
    return [w], Want()

def arm_block():
    c = cond(); p = random.randrange(2); u = random.randrange(2); s = 1 if random.random() < 0.2 else 0
    wb = random.randrange(2); l = random.randrange(2); rn = Rn15()
    lst = random.randrange(1, 0x10000)
    if random.random() < 0.5: lst &= random.randrange(1, 0x10000)
    if lst == 0: lst = 1 << random.randrange(16)
    want = Want()
    if s:
        want = Want(priv=True)
        if l and (lst & 0x8000): want = Want(spsr=True)
        else: wb = 0
    if wb and (lst >> rn) & 1:
        if l or (lst & ((1 << rn) - 1)): lst &= ~(1 << rn)
        if lst == 0: lst = 1 << ((rn + 1) % 15)
    w = (c << 28) | (4 << 25) | (p << 24) | (u << 23) | (s << 22) | (wb << 21) | (l << 20) | (rn << 16) | lst
    return [w], want

def arm_swp():
    rn = Rn15(); rd = Rn15(rn); rm = Rn15(rn)
    return [(cond() << 28) | 0x01000090 | (random.randrange(2) << 22) | (rn << 16) | (rd << 12) | rm], Want()

def arm_psr():
    c = cond(); k = random.randrange(3); r = random.randrange(2)
    want = Want(spsr=True) if r else Want()
    if k == 0:
        return [(c << 28) | 0x010F0000 | (r << 22) | (Rn15() << 12)], want
    mask = random.randrange(16)
    if r:
        val = random.getrandbits(32) & 0xF80000FF
        if (val & 0x1F) not in MODES: val = (val & ~0x1F) | random.choice(MODES)
    else:
        val = (random.getrandbits(32) & 0xF80000DF) | random.choice(MODES)
    if k == 1:
        for rot in range(0, 32, 2):
            v8 = ((val << rot) | (val >> (32 - rot))) & M32 if rot else val
            if v8 < 256: break
        else:
            rot = 0; v8 = val & 0xFF
            if mask & 1 and (v8 & 0x1F) not in MODES: v8 = (v8 & 0xC0) | random.choice(MODES)
        return [(c << 28) | 0x0320F000 | (r << 22) | (mask << 16) | ((rot // 2) << 8) | v8], Want(spsr=bool(r))
    rm = Rn15()
    return [(c << 28) | 0x0120F000 | (r << 22) | (mask << 16) | rm], (want, rm, val)

def arm_branch():
    k = random.randrange(4)
    if k == 0:
        return [(cond() << 28) | (5 << 25) | (random.randrange(2) << 24) | random.randrange(1 << 24)], Want()
    if k == 1:
        return [0xFA000000 | (random.randrange(2) << 24) | random.randrange(1 << 24)], Want()
    return [(cond() << 28) | 0x012FFF10 | ((k - 1) * 0x20 if k == 3 else 0) | Rn15()], Want()

ARM = [(lambda: arm_dp(0), 6), (lambda: arm_dp(1), 6), (lambda: arm_dp(2), 3), (arm_mul, 3), (arm_dsp, 3), (arm_ls, 6), (arm_lsh, 5), (arm_block, 5), (arm_swp, 1), (arm_psr, 3), (arm_branch, 3)]

def thumb_one():
    k = random.randrange(20)
    r3 = Rlo
    if k == 0: return [(random.randrange(3) << 11) | (random.randrange(32) << 6) | (r3() << 3) | r3()]
    if k == 1: return [0x1800 | (random.randrange(4) << 9) | (r3() << 6) | (r3() << 3) | r3()]
    if k == 2: return [0x2000 | (random.randrange(4) << 11) | (r3() << 8) | random.randrange(256)]
    if k in (3, 4): return [0x4000 | (random.randrange(16) << 6) | (r3() << 3) | r3()]
    if k == 5:
        while True:
            op = random.randrange(3); h1 = random.randrange(2); h2 = random.randrange(2)
            if h1 or h2: break
        rd = r3() | (h1 << 3); rm = r3() | (h2 << 3)
        if rm == 15 and op != 1 and random.random() < 0.5: rm = r3()
        return [0x4400 | (op << 8) | (h1 << 7) | (h2 << 6) | ((rm & 7) << 3) | (rd & 7)]
    if k == 6: return [0x4700 | (random.randrange(2) << 7) | (random.randrange(15) << 3)]
    if k == 7: return [0x4800 | (r3() << 8) | random.randrange(256)]
    if k == 8: return [0x5000 | (random.randrange(8) << 9) | (r3() << 6) | (r3() << 3) | r3()]
    if k == 9: return [0x6000 | (random.randrange(4) << 11) | (random.randrange(32) << 6) | (r3() << 3) | r3()]
    if k == 10: return [0x8000 | (random.randrange(2) << 11) | (random.randrange(32) << 6) | (r3() << 3) | r3()]
    if k == 11: return [0x9000 | (random.randrange(2) << 11) | (r3() << 8) | random.randrange(256)]
    if k == 12: return [0xA000 | (random.randrange(2) << 11) | (r3() << 8) | random.randrange(256)]
    if k == 13: return [0xB000 | (random.randrange(2) << 7) | random.randrange(128)]
    if k == 14:
        lst = random.randrange(1, 512)
        return [0xB400 | (random.randrange(2) << 11) | lst]
    if k == 15:
        rn = r3(); l = random.randrange(2)
        lst = random.randrange(1, 256)
        if (lst >> rn) & 1 and (l or (lst & ((1 << rn) - 1))): lst &= ~(1 << rn)
        if lst == 0: lst = 1 << ((rn + 1) % 8)
        return [0xC000 | (l << 11) | (rn << 8) | lst]
    if k == 16: return [0xD000 | (random.randrange(14) << 8) | random.randrange(256)]
    if k == 17: return [0xE000 | random.randrange(2048)]
    if k == 18: return [0xF000 | random.randrange(2048), random.choice([0xF800, 0xE800]) | (random.randrange(2048) & ~(1 if True else 0))]
    return [random.choice([0xF800, 0xE800]) | (random.randrange(2048) & 0x7FE)]

# ---------------------------------------------------------------- running

BANK_ORDER = [(0x1F, list(range(15))), (0x11, list(range(8, 15))), (0x12, [13, 14]), (0x13, [13, 14]), (0x17, [13, 14]), (0x1B, [13, 14])]
REGS = [UC_ARM_REG_R0 + i for i in range(13)] + [UC_ARM_REG_R13, UC_ARM_REG_R14, UC_ARM_REG_R15]

class Runner:
    def __init__(self):
        self.uc = Uc(UC_ARCH_ARM, UC_MODE_ARM)
        self.uc.ctl_set_cpu_model(UC_CPU_ARM_926)
        self.pages = set()
        self.seed = 0
        self.install_hooks()

    def install_hooks(self):
        self.uc.hook_add(UC_HOOK_MEM_UNMAPPED, self._fault)
        self.uc.hook_add(UC_HOOK_CODE, self._code)
        self.uc.hook_add(UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE, self._access)
        self.steps = 0; self.limit = 0; self.unaligned = False
    def _code(self, uc, addr, size, ud):
        # unicorn's own count can overshoot after helper-calling instructions; stop here
        # and capture the state before the next instruction runs (a translation block may
        # run on after emu_stop)
        self.steps += 1
        if self.steps == self.limit + 1:
            self.captured = (self.slots(), {p: bytes(uc.mem_read(p, 0x1000)) for p in self.pages})
            uc.emu_stop()
    def _access(self, uc, access, addr, size, value, ud):
        if addr % size: self.unaligned = True
    def _fault(self, uc, access, addr, size, value, ud):
        if access == UC_MEM_FETCH_UNMAPPED: self.fetch_faults.append(addr & ~0xFFF)
        self.map_page(addr & ~0xFFF)
        if (addr & 0xFFF) + size > 0x1000: self.map_page((addr & ~0xFFF) + 0x1000)
        return True
    def map_page(self, base):
        base &= M32
        if base in self.pages: return
        self.pages.add(base)
        self.uc.mem_map(base, 0x1000)
        self.uc.mem_write(base, page_bytes(self.seed, base))
    def reset(self):
        for p in self.pages:
            self.uc.ctl_remove_cache(p, p + 0x1000)
            self.uc.mem_unmap(p, 0x1000)
        self.pages = set()
    def slots(self):
        uc = self.uc
        out = [uc.reg_read(r) & M32 for r in REGS]
        cpsr = uc.reg_read(UC_ARM_REG_CPSR) & M32
        out.append(cpsr)
        out.append(uc.reg_read(UC_ARM_REG_SPSR) & M32 if (cpsr & 0x1F) in SPSR_MODES else 0)
        uc.reg_write(UC_ARM_REG_CPSR, (cpsr & ~0x3F) | 0x1F)
        out += [uc.reg_read(UC_ARM_REG_R8 + i) & M32 if i < 5 else uc.reg_read([UC_ARM_REG_R13, UC_ARM_REG_R14][i - 5]) & M32 for i in range(7)]
        uc.reg_write(UC_ARM_REG_CPSR, cpsr)
        return out
    def run(self, seed, cpsr, pc, instrs, thumb, count):
        # a fetch from a page mapped on demand leaves unicorn's Thumb bit stale: when that
        # happens, run again with the page mapped from the start
        premap = []
        for _ in range(3):
            self.fetch_faults = []
            res = self.run_once(seed, cpsr, pc, instrs, thumb, count, premap)
            if not self.fetch_faults: return res
            premap += self.fetch_faults
        return None

    def run_once(self, seed, cpsr, pc, instrs, thumb, count, premap):
        uc = self.uc
        self.reset()
        self.seed = seed
        g = Gen(seed)
        for mode, regs in BANK_ORDER:
            uc.reg_write(UC_ARM_REG_CPSR, mode | 0xC0)
            for r in regs: uc.reg_write(REGS[r], g.pick())
            if mode != 0x1F: uc.reg_write(UC_ARM_REG_SPSR, g.pick_spsr())
        uc.reg_write(UC_ARM_REG_CPSR, cpsr)
        for r in range(13): uc.reg_write(REGS[r], g.pick())
        self.map_page(pc & ~0xFFF)
        for p in premap: self.map_page(p)
        if thumb:
            self.map_page((pc + 2) & ~0xFFF)
            for i, h in enumerate(instrs): uc.mem_write(pc + 2 * i, struct.pack('<H', h))
        else:
            for i, w in enumerate(instrs): uc.mem_write(pc + 4 * i, struct.pack('<I', w))
        uc.reg_write(UC_ARM_REG_R15, pc)
        before_pages = {p: bytes(uc.mem_read(p, 0x1000)) for p in self.pages}
        before = self.slots()
        before[15] = pc
        before[16] |= thumb << 5  # unicorn takes the T bit from the start address only
        # QEMU runs a Thumb BL/BLX prefix+suffix pair as one instruction
        count = 1
        self.steps = 0; self.limit = count; self.unaligned = False; self.captured = None
        uc.ctl_remove_cache(pc & ~0xFFF, (pc & ~0xFFF) + 0x2000)
        for p in premap: uc.ctl_remove_cache(p, p + 0x1000)
        uc.emu_start(pc | thumb, 0xFFFFFFFF, count=count + 1)
        if self.unaligned or self.steps < count: return None
        if self.captured is None:
            self.captured = (self.slots(), {p: bytes(uc.mem_read(p, 0x1000)) for p in self.pages})
        after, pages_now = self.captured
        mem = []
        for p in sorted(pages_now):
            now = pages_now[p]
            old = before_pages.get(p)
            if old is None:
                old = page_bytes(seed, p)
            if now != old:
                for i in range(0, 0x1000, 4):
                    if now[i:i + 4] != old[i:i + 4]: mem.append((p + i, struct.unpack('<I', now[i:i + 4])[0]))
        return before, after, mem

def make(runner, rnd):
    thumb = 1 if rnd.random() < 0.3 else 0
    seed = rnd.getrandbits(32)
    if thumb:
        instrs = thumb_one(); want = Want(); msr = None
    else:
        fns, weights = zip(*ARM)
        instrs, want = random.choices(fns, weights)[0]()
        msr = None
        if isinstance(want, tuple): want, rm, val = want; msr = (rm, val)
    if want.spsr or want.priv: mode = random.choice(SPSR_MODES)
    else: mode = random.choice(MODES)
    cpsr = (rnd.getrandbits(5) << 27) | (rnd.getrandbits(2) << 6) | (thumb << 5) | mode
    pc = 0x10000 + (rnd.getrandbits(14) << 2)
    if thumb: pc += rnd.getrandbits(1) * 2
    if msr is not None:
        # MSR from a register: make the register hold a value with a valid mode
        instrs = [instrs[0]]
    count = 2 if thumb and len(instrs) == 2 else 1
    res = runner.run(seed, cpsr, pc, instrs, thumb, count)
    if res is None: return None
    before, after, mem = res
    # UNPREDICTABLE: an ARM-state PC that is not word aligned, an odd PC
    if after[15] & (1 if after[16] & 0x20 else 3): return None
    # exception returns (data processing with S to the PC, LDM^ with the PC): unicorn
    # sometimes keeps the old mode; keep only results where CPSR mode and T came from the SPSR
    w0 = instrs[0]
    dp_eret = (w0 >> 26) & 3 == 0 and (w0 >> 20) & 1 and (w0 >> 12) & 15 == 15 and not ((w0 >> 25) & 1 == 0 and (w0 & 0x90) == 0x90)
    ldm_eret = (w0 & 0x0E508000) == 0x08508000
    if not thumb and (dp_eret or ldm_eret) and after[15] != (pc + 4) & M32 and after[16] != before[17] & 0xF80000FF: return None
    # a BL/BLX pair split over two 1 KiB QEMU target pages: QEMU runs the halves as two instructions
    if thumb and len(instrs) == 2 and (pc & 0x3FF) == 0x3FE: return None
    # unicorn reads stale r8-r14 right after an exception return into FIQ mode
    if (after[16] & 0x1F) == 0x11 and (before[16] & 0x1F) != 0x11: return None
    # reserved PSR bits 26:8 (QEMU keeps some of them; they read as zero here)
    if (after[16] | after[17]) & 0x07FFFF00: return None
    # a lone Thumb BL suffix with an odd LR: QEMU rounds the target up, the manual does not
    if thumb and (instrs[0] & 0xF800) == 0xF800 and before[14] & 1: return None
    if msr is not None:
        rm, val = msr
        mask_bits = (instrs[0] >> 16) & 15
        if (mask_bits & 1) and ((before[rm] & 0x1F) not in MODES or (before[rm] & 0x20)):
            return None
    mask = 0; vals = []
    for i, (a, b) in enumerate(zip(before, after)):
        if a != b: mask |= 1 << i; vals.append(b)
    rec = [seed, cpsr, pc, count | (len(instrs) << 8) | (thumb << 16)] + list(instrs) + [mask] + vals + [len(mem)]
    for a, v in mem: rec += [a, v]
    return rec

def main():
    n = int(sys.argv[1]); out = sys.argv[2]; first = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    random.seed(first)
    rnd = random.Random(first * 7919)
    runner = Runner()
    buf = bytearray()
    done = 0
    while done < n:
        try:
            rec = make(runner, rnd)
        except UcError:
            rec = None
        if rec is None: continue
        buf += struct.pack('<%dI' % len(rec), *[x & M32 for x in rec])
        done += 1
    with gzip.open(out, 'wb', 9) as f: f.write(bytes(buf))
    print('wrote', done, 'vectors,', len(buf), 'bytes raw')

if __name__ == '__main__':
    main()
