/**
 * A tiny ARM assembler for test guests: the handful of instructions the kernel, board and cli tests need,
 * with labels and a literal pool placed after the code.
 */
const AL = 0xe0000000;
/** Condition codes (bits 31..28). */
export const Cond = { EQ: 0x00000000, NE: 0x10000000, LT: 0xb0000000, GE: 0xa0000000, AL } as const;

function imm12(v: number): number {
  const x = v >>> 0;
  for (let rot = 0; rot < 16; rot++) {
    const r = ((x << (2 * rot)) | (x >>> (32 - 2 * rot))) >>> 0;
    if (r < 256) return (rot << 8) | r;
  }
  return -1;
}

/** Builds a position-fixed ARM code image at `base`. */
export class Asm {
  readonly base: number;
  readonly #words: number[] = [];
  readonly #labels = new Map<string, number>();
  readonly #branches: { at: number; label: string; op: number }[] = [];
  readonly #literals: { at: number; value: number | string }[] = [];

  constructor(base: number) {
    this.base = base >>> 0;
  }

  /** Address of the next instruction. */
  get here(): number {
    return this.base + this.#words.length * 4;
  }

  label(name: string): this {
    this.#labels.set(name, this.here);
    return this;
  }

  word(w: number): this {
    this.#words.push(w >>> 0);
    return this;
  }

  /** rd = value (MOV/MVN immediate when encodable, else a literal load). */
  mov(rd: number, value: number): this {
    const e = imm12(value);
    if (e >= 0) return this.word(AL | 0x03a00000 | (rd << 12) | e);
    const n = imm12(~value);
    if (n >= 0) return this.word(AL | 0x03e00000 | (rd << 12) | n);
    return this.ldr(rd, value);
  }

  /** rd = a literal (a number, or a label's address). */
  ldr(rd: number, value: number | string): this {
    this.#literals.push({ at: this.#words.length, value });
    return this.word(AL | 0x059f0000 | (rd << 12));
  }

  movr(rd: number, rm: number): this {
    return this.word(AL | 0x01a00000 | (rd << 12) | rm);
  }

  add(rd: number, rn: number, imm: number): this {
    return this.word(AL | 0x02800000 | (rn << 16) | (rd << 12) | imm12(imm));
  }

  sub(rd: number, rn: number, imm: number): this {
    return this.word(AL | 0x02400000 | (rn << 16) | (rd << 12) | imm12(imm));
  }

  cmp(rn: number, imm: number): this {
    return this.word(AL | 0x03500000 | (rn << 16) | imm12(imm));
  }

  /** rd = [rn + off]. */
  ldrw(rd: number, rn: number, off = 0): this {
    return this.word(AL | 0x05900000 | (rn << 16) | (rd << 12) | off);
  }

  /** [rn + off] = rd. */
  strw(rd: number, rn: number, off = 0): this {
    return this.word(AL | 0x05800000 | (rn << 16) | (rd << 12) | off);
  }

  /** SWP rd, rm, [rn]. */
  swp(rd: number, rm: number, rn: number): this {
    return this.word(AL | 0x01000090 | (rn << 16) | (rd << 12) | rm);
  }

  b(label: string, cond: number = AL): this {
    this.#branches.push({ at: this.#words.length, label, op: cond | 0x0a000000 });
    return this.word(0);
  }

  bl(label: string): this {
    this.#branches.push({ at: this.#words.length, label, op: AL | 0x0b000000 });
    return this.word(0);
  }

  blx(rm: number): this {
    return this.word(AL | 0x012fff30 | rm);
  }

  swi(n = 0): this {
    return this.word(AL | 0x0f000000 | n);
  }

  /** A permanently undefined instruction. */
  udf(): this {
    return this.word(0xe7f000f0);
  }

  /** Calls the L4 system call at syscall-page offset `off` (clobbers r12 and lr). */
  sys(off: number): this {
    this.ldr(12, 0xfffff000 + off);
    return this.blx(12);
  }

  /** The image bytes (code, then the literal pool). */
  bytes(): Uint8Array {
    const words = this.#words.slice();
    for (const br of this.#branches) {
      const target = this.#labels.get(br.label);
      if (target === undefined) throw new Error(`no label ${br.label}`);
      const from = this.base + br.at * 4 + 8;
      words[br.at] = (br.op | (((target - from) >> 2) & 0xffffff)) >>> 0;
    }
    for (const lit of this.#literals) {
      const v = typeof lit.value === 'number' ? lit.value : this.#labels.get(lit.value);
      if (v === undefined) throw new Error(`no label ${String(lit.value)}`);
      const poolAt = words.length;
      words.push(v >>> 0);
      const off = (poolAt - lit.at) * 4 - 8;
      if (off < 0 || off > 4095) throw new Error('literal out of range');
      words[lit.at] = (words[lit.at]! | 0x00800000 | off) >>> 0;
    }
    const out = new Uint8Array(words.length * 4);
    const dv = new DataView(out.buffer);
    words.forEach((w, i) => {
      dv.setUint32(i * 4, w, true);
    });
    return out;
  }
}
