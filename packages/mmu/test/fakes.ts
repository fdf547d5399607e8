import type { PhysicalWords, TableMemory } from '../src/index.js';

/** A little-endian word view over a plain array of emulated physical memory. */
export class FakeMemory implements PhysicalWords {
  readonly words: Uint32Array;
  constructor(bytes: number) {
    this.words = new Uint32Array(bytes / 4);
  }
  read32(pa: number): number {
    return this.words[pa >>> 2] ?? 0;
  }
  write32(pa: number, value: number): void {
    this.words[pa >>> 2] = value;
  }
}

/** Hands out 16 KiB and 1 KiB tables from two regions and tracks what is live. */
export class FakeTables implements TableMemory {
  readonly liveL1 = new Set<number>();
  readonly liveL2 = new Set<number>();
  #nextL1: number;
  #nextL2: number;
  readonly #freeL1: number[] = [];
  readonly #freeL2: number[] = [];
  l2Limit = Infinity;

  constructor(l1Base: number, l2Base: number) {
    this.#nextL1 = l1Base;
    this.#nextL2 = l2Base;
  }
  allocL1(): number {
    const t = this.#freeL1.pop() ?? (this.#nextL1 += 0x4000) - 0x4000;
    this.liveL1.add(t);
    return t;
  }
  freeL1(pa: number): void {
    if (!this.liveL1.delete(pa)) throw new Error(`L1 0x${pa.toString(16)} freed twice or never allocated`);
    this.#freeL1.push(pa);
  }
  allocL2(): number {
    if (this.liveL2.size >= this.l2Limit) return -1;
    const t = this.#freeL2.pop() ?? (this.#nextL2 += 0x400) - 0x400;
    this.liveL2.add(t);
    return t;
  }
  freeL2(pa: number): void {
    if (!this.liveL2.delete(pa)) throw new Error(`L2 0x${pa.toString(16)} freed twice or never allocated`);
    this.#freeL2.push(pa);
  }
}
