/**
 * An ARM code emitter for generated test guests: data-processing, loads and stores,
 * branches to labels, constants from inline literals (no pool to run out of range), and
 * inline tables indexed by a register, so large generated programs stay position-fixed
 * and simple.
 */

/** Condition codes (bits 31..28). */
export const C = { EQ: 0x00000000, NE: 0x10000000, AL: 0xe0000000 } as const;

/** Data-processing opcodes (bits 24..21). */
export const Op = { AND: 0, EOR: 1, SUB: 2, RSB: 3, ADD: 4, TST: 8, TEQ: 9, CMP: 10, CMN: 11, ORR: 12, MOV: 13, BIC: 14, MVN: 15 } as const;

/** Shift types. */
export const Sh = { LSL: 0, LSR: 1, ASR: 2, ROR: 3 } as const;

/** A table entry: a number, or the address of a label. */
export type Entry = number | { readonly label: string };

/** The 12-bit rotated-immediate encoding of `v`, or -1. */
export function imm12(v: number): number {
  const x = v >>> 0;
  for (let rot = 0; rot < 16; rot++) {
    const r = ((x << (2 * rot)) | (x >>> (32 - 2 * rot))) >>> 0;
    if (r < 256) return (rot << 8) | r;
  }
  return -1;
}

/** Builds ARM code at a fixed base address. */
export class ArmGen {
  readonly base: number;
  readonly #words: number[] = [];
  readonly #labels = new Map<string, number>();
  readonly #fixups: { at: number; label: string; branch: number }[] = [];

  constructor(base: number) {
    this.base = base >>> 0;
  }

  /** Address of the next word. */
  get here(): number {
    return this.base + this.#words.length * 4;
  }

  /** Words emitted so far. */
  get length(): number {
    return this.#words.length;
  }

  w(word: number): this {
    this.#words.push(word >>> 0);
    return this;
  }

  label(name: string): this {
    if (this.#labels.has(name)) throw new Error(`label ${name} defined twice`);
    this.#labels.set(name, this.here);
    return this;
  }

  /** The address of a label (after {@link ArmGen.bytes} or once defined). */
  addressOf(name: string): number {
    const a = this.#labels.get(name);
    if (a === undefined) throw new Error(`no label ${name}`);
    return a;
  }

  /** A word holding a label's address. */
  addr(name: string): this {
    this.#fixups.push({ at: this.#words.length, label: name, branch: -1 });
    return this.w(0);
  }

  entry(e: Entry): this {
    return typeof e === 'number' ? this.w(e) : this.addr(e.label);
  }

  /** B / BL to a label. */
  b(name: string, cond: number = C.AL, link = false): this {
    this.#fixups.push({ at: this.#words.length, label: name, branch: (cond | 0x0a000000 | (link ? 0x01000000 : 0)) >>> 0 });
    return this.w(0);
  }

  /** Data processing with an immediate; throws when `imm` cannot be encoded. */
  dpi(op: number, rd: number, rn: number, imm: number, cond: number = C.AL): this {
    const e = imm12(imm);
    if (e < 0) throw new Error(`immediate 0x${(imm >>> 0).toString(16)} cannot be encoded`);
    const s = op >= Op.TST && op <= Op.CMP + 1 ? 1 << 20 : 0;
    return this.w(cond | 0x02000000 | (op << 21) | s | (rn << 16) | (rd << 12) | e);
  }

  /** Data processing with a register shifted by an immediate. */
  dpr(op: number, rd: number, rn: number, rm: number, shift: number = Sh.LSL, amount = 0, cond: number = C.AL): this {
    const s = op >= Op.TST && op <= Op.CMP + 1 ? 1 << 20 : 0;
    return this.w(cond | (op << 21) | s | (rn << 16) | (rd << 12) | ((amount & 31) << 7) | (shift << 5) | rm);
  }

  /** rd = value: MOV or MVN when encodable, else an inline literal (ldr rd, [pc]; b over; .word). */
  mov(rd: number, value: number, cond: number = C.AL): this {
    if (imm12(value) >= 0) return this.dpi(Op.MOV, rd, 0, value, cond);
    if (imm12(~value) >= 0) return this.dpi(Op.MVN, rd, 0, ~value >>> 0, cond);
    return this.w(cond | 0x059f0000 | (rd << 12)).w(0xea000000).w(value);
  }

  /** rd = the address of a label (inline literal). */
  movLabel(rd: number, name: string): this {
    this.w(C.AL | 0x059f0000 | (rd << 12)).w(0xea000000);
    return this.addr(name);
  }

  /** LDR/STR (word or byte) with an immediate offset. */
  mem(load: boolean, rd: number, rn: number, offset = 0, byte = false): this {
    const u = offset >= 0 ? 1 << 23 : 0;
    return this.w(C.AL | 0x05000000 | u | (byte ? 1 << 22 : 0) | (load ? 1 << 20 : 0) | (rn << 16) | (rd << 12) | (Math.abs(offset) & 0xfff));
  }

  /** rd = table[r12] with the table inline after the load (r12 must index inside it). */
  table(rd: number, entries: readonly Entry[]): this {
    this.w(C.AL | 0x079f0000 | (rd << 12) | (2 << 7) | 12);
    this.w(0xea000000 | ((entries.length - 1) & 0xffffff));
    for (const e of entries) this.entry(e);
    return this;
  }

  /** BLX rm. */
  blx(rm: number): this {
    return this.w(C.AL | 0x012fff30 | rm);
  }

  /** The image bytes, little-endian. */
  bytes(): Uint8Array {
    const words = this.#words.slice();
    for (const f of this.#fixups) {
      const target = this.addressOf(f.label);
      if (f.branch < 0) words[f.at] = target;
      else words[f.at] = (f.branch | (((target - (this.base + f.at * 4 + 8)) >> 2) & 0xffffff)) >>> 0;
    }
    const out = new Uint8Array(words.length * 4);
    const dv = new DataView(out.buffer);
    words.forEach((x, i) => {
      dv.setUint32(i * 4, x, true);
    });
    return out;
  }
}
