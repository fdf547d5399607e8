import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { Cpu, Mode, type MemoryBus } from '../../src/index.js';

/** The state generator of scripts/gen-vectors.py, reimplemented. */
export function hash32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b | 0);
  x ^= x >>> 16;
  return x >>> 0;
}

const SPECIAL = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x80000001, 0xfffffffe, 0x7ffffffe];
const MODES = [0x10, 0x11, 0x12, 0x13, 0x17, 0x1b, 0x1f];

class Gen {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x9e3779b9) >>> 0;
    return hash32(this.s);
  }
  pick(): number {
    const k = this.next() % 16;
    if (k < 3) return this.next();
    if (k < 5) return this.next() & 0xff;
    if (k < 7) return SPECIAL[this.next() % 8]!;
    if (k < 8) return this.next() & 0x1f;
    let v = 0x20000 + (this.next() & 0x1ffc);
    if (k === 15) v += this.next() & 3;
    return v;
  }
  pickSpsr(): number {
    const mode = MODES[this.next() % 7]!;
    const t = this.next() % 4 === 0 ? 0x20 : 0;
    return ((this.next() & 0xf8000000) | (this.next() & 0xc0) | t | mode) >>> 0;
  }
}

function memSeed(seed: number): number {
  return (Math.imul(seed, 0x9e3779b9 | 0) ^ 0xa5a5a5a5) >>> 0;
}

/** Unbounded memory whose word at A is hash(A ^ memSeed): pages appear on first touch. */
export class HashBus implements MemoryBus {
  readonly ram = new Uint8Array(64 * 4096);
  private readonly ram32 = new Uint32Array(this.ram.buffer);
  fault = 0;
  readonly pages = new Map<number, number>();
  seed = 0;

  reset(seed: number): void {
    this.pages.clear();
    this.seed = seed;
  }
  page(base: number): number {
    let o = this.pages.get(base);
    if (o === undefined) {
      o = this.pages.size * 4096;
      if (o >= this.ram.length) o = 0;
      this.pages.set(base, o);
      const ms = memSeed(this.seed);
      for (let i = 0; i < 1024; i++) this.ram32[(o >> 2) + i] = hash32(((base + 4 * i) ^ ms) >>> 0);
    }
    return o;
  }
  translate(vaddr: number): number {
    return this.page((vaddr & ~0xfff) >>> 0);
  }
  private off(addr: number): number {
    return this.page((addr & ~0xfff) >>> 0) + (addr & 0xfff);
  }
  read8(addr: number): number {
    return this.ram[this.off(addr)]!;
  }
  read16(addr: number): number {
    const o = this.off(addr);
    return this.ram[o]! | (this.ram[o + 1]! << 8);
  }
  read32(addr: number): number {
    return this.ram32[this.off(addr) >> 2]! | 0;
  }
  write8(addr: number, v: number): void {
    this.ram[this.off(addr)] = v;
  }
  write16(addr: number, v: number): void {
    const o = this.off(addr);
    this.ram[o] = v;
    this.ram[o + 1] = v >>> 8;
  }
  write32(addr: number, v: number): void {
    this.ram32[this.off(addr) >> 2] = v;
  }
}

/** One decoded vector record. */
export interface Vector {
  seed: number;
  cpsr: number;
  pc: number;
  count: number;
  thumb: boolean;
  instrs: number[];
  mask: number;
  values: number[];
  mem: [number, number][];
}

/** Reads a gzip vector file. */
export function readVectors(path: string | URL, limit = Infinity): Vector[] {
  const buf = gunzipSync(readFileSync(path));
  const w = new Uint32Array(buf.buffer, buf.byteOffset, buf.length >>> 2);
  const out: Vector[] = [];
  let i = 0;
  while (i < w.length && out.length < limit) {
    const seed = w[i++]!;
    const cpsr = w[i++]!;
    const pc = w[i++]!;
    const info = w[i++]!;
    const n = (info >>> 8) & 0xff;
    const instrs = Array.from(w.subarray(i, i + n));
    i += n;
    const mask = w[i++]!;
    const values: number[] = [];
    for (let b = 0; b < 32; b++) if ((mask >>> b) & 1) values.push(w[i++]!);
    const nm = w[i++]!;
    const mem: [number, number][] = [];
    for (let k = 0; k < nm; k++) {
      mem.push([w[i]!, w[i + 1]!]);
      i += 2;
    }
    out.push({ seed, cpsr, pc, count: info & 0xff, thumb: ((info >>> 16) & 1) === 1, instrs, mask, values, mem });
  }
  return out;
}

const BANK_ORDER: [number, number[]][] = [
  [0x1f, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]],
  [0x11, [8, 9, 10, 11, 12, 13, 14]],
  [0x12, [13, 14]],
  [0x13, [13, 14]],
  [0x17, [13, 14]],
  [0x1b, [13, 14]],
];

function slots(cpu: Cpu): number[] {
  const out: number[] = [];
  for (let i = 0; i < 16; i++) out.push(cpu.getReg(i));
  out.push(cpu.cpsr, cpu.spsr);
  for (let i = 8; i < 15; i++) out.push(cpu.getBankedReg(Mode.User, i));
  return out;
}

/** A reusable runner of vectors. */
export class VectorRunner {
  readonly bus = new HashBus();
  readonly cpu = new Cpu(this.bus);

  /** Runs `v`; returns null when it matches, else a description of the difference. */
  check(v: Vector): string | null {
    const { bus, cpu } = this;
    bus.reset(v.seed);
    cpu.flushTlb();
    cpu.flushDecodeCache();
    const g = new Gen(v.seed);
    for (const [mode, regs] of BANK_ORDER) {
      cpu.cpsr = mode | 0xc0;
      for (const r of regs) cpu.setReg(r, g.pick());
      if (mode !== 0x1f) cpu.spsr = g.pickSpsr();
    }
    cpu.cpsr = v.cpsr;
    for (let r = 0; r < 13; r++) cpu.setReg(r, g.pick());
    bus.page(v.pc & ~0xfff);
    const mem = new DataView(bus.ram.buffer);
    if (v.thumb) {
      bus.page((v.pc + 2) & ~0xfff);
      v.instrs.forEach((h, i) => {
        bus.write16(v.pc + 2 * i, h);
      });
    } else {
      v.instrs.forEach((w, i) => {
        bus.write32(v.pc + 4 * i, w);
      });
    }
    cpu.pc = v.pc;
    const before = slots(cpu);
    const snap = new Map<number, Uint8Array>();
    for (const [base, o] of bus.pages) snap.set(base, bus.ram.slice(o, o + 4096));
    cpu.run(v.count);
    const after = slots(cpu);
    const expected = before.slice();
    let k = 0;
    for (let b = 0; b < 32; b++) if ((v.mask >>> b) & 1) expected[b] = v.values[k++]!;
    const names = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9', 'r10', 'r11', 'r12', 'sp', 'lr', 'pc', 'cpsr', 'spsr', 'usr_r8', 'usr_r9', 'usr_r10', 'usr_r11', 'usr_r12', 'usr_sp', 'usr_lr'];
    const diffs: string[] = [];
    for (let i = 0; i < expected.length; i++) {
      if (expected[i] !== after[i]) diffs.push(`${names[i]}: want ${hex(expected[i]!)} got ${hex(after[i]!)}`);
    }
    const gotMem: [number, number][] = [];
    for (const [base, o] of [...bus.pages].sort((x, y) => x[0] - y[0])) {
      const old = snap.get(base);
      for (let i = 0; i < 4096; i += 4) {
        const now = mem.getUint32(o + i, true);
        let was: number;
        if (old) was = new DataView(old.buffer).getUint32(i, true);
        else was = hash32(((base + i) ^ memSeed(v.seed)) >>> 0);
        if (now !== was) gotMem.push([base + i, now]);
      }
    }
    const want = v.mem.map(([a, x]) => `${hex(a)}=${hex(x)}`).join(' ');
    const got = gotMem.map(([a, x]) => `${hex(a)}=${hex(x)}`).join(' ');
    if (want !== got) diffs.push(`mem: want [${want}] got [${got}]`);
    if (diffs.length === 0) return null;
    const ins = v.instrs.map((x) => hex(x)).join(' ');
    return `${v.thumb ? 'thumb' : 'arm'} ${ins} seed=${hex(v.seed)} cpsr=${hex(v.cpsr)} pc=${hex(v.pc)}: ${diffs.join('; ')}`;
  }
}

function hex(x: number): string {
  return '0x' + (x >>> 0).toString(16);
}
