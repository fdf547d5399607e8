import type { DisassembleOptions, DisassembledInstruction } from './types.js';
import { COND, hex, hexPad, rawAddress, reg, regList } from './names.js';
import { makeResult, undefinedText } from './result.js';

const ALU = ['and', 'eor', 'lsl', 'lsr', 'asr', 'adc', 'sbc', 'ror', 'tst', 'neg', 'cmp', 'cmn', 'orr', 'mul', 'bic', 'mvn'];
const HINTS = ['nop', 'yield', 'wfe', 'wfi', 'sev', 'sevl'];

/** Low register at bit `lo`. */
function lr(h: number, lo: number): string {
  return reg((h >>> lo) & 7);
}

/** Decimal immediate that objdump repeats in hex when it is above 32. */
function dec(value: number): { text: string; note: string } {
  return { text: `${value}`, note: value > 32 ? `\t@ ${hex(value)}` : '' };
}

/** Text of a 16-bit Thumb instruction, or null when objdump calls it undefined. */
function thumb16(h: number, pc: number, addr: (a: number) => string, out: { target: number | null }): string | null {
  const top5 = h >>> 11;
  switch (top5) {
    case 0: // LSL imm (MOVS when the shift is zero)
      if ((h & 0x07c0) === 0) return `movs\t${lr(h, 0)}, ${lr(h, 3)}`;
      return `lsls\t${lr(h, 0)}, ${lr(h, 3)}, #${(h >>> 6) & 31}`;
    case 1:
    case 2: {
      const amount = (h >>> 6) & 31;
      return `${top5 === 1 ? 'lsrs' : 'asrs'}\t${lr(h, 0)}, ${lr(h, 3)}, #${amount === 0 ? 32 : amount}`;
    }
    case 3: {
      const name = (h & 0x0200) !== 0 ? 'subs' : 'adds';
      const third = (h & 0x0400) !== 0 ? `#${(h >>> 6) & 7}` : lr(h, 6);
      return `${name}\t${lr(h, 0)}, ${lr(h, 3)}, ${third}`;
    }
    case 4:
    case 5:
    case 6:
    case 7: {
      const name = ['movs', 'cmp', 'adds', 'subs'][top5 - 4]!;
      const imm = dec(h & 0xff);
      return `${name}\t${lr(h, 8)}, #${imm.text}${imm.note}`;
    }
    case 8: {
      if ((h & 0x0400) === 0) {
        const op = (h >>> 6) & 15;
        const name = ALU[op]!;
        const s = op === 8 || op === 10 || op === 11 ? '' : 's';
        const suffix = op === 9 ? 's' : s;
        return `${op === 9 ? 'neg' : name}${op === 9 ? suffix : s}\t${lr(h, 0)}, ${lr(h, 3)}`;
      }
      const op = (h >>> 8) & 3;
      const rm = reg((h >>> 3) & 15);
      if (op === 3) {
        // objdump also knows the ARMv8-M BXNS/BLXNS (bit 2); other low bits are undefined.
        const ns = (h & 7) === 4 ? 'ns' : '';
        if ((h & 0x80) === 0) return `bx${ns}\t${rm}`;
        return (h & 3) !== 0 ? null : `blx${ns}\t${rm}`;
      }
      if (h === 0x46c0) return 'nop\t\t\t@ (mov r8, r8)';
      const rd = reg((h & 7) | ((h >>> 4) & 8));
      return `${['add', 'cmp', 'mov'][op]!}\t${rd}, ${rm}`;
    }
    case 9: {
      const base = (pc + 4) & ~3;
      const off = (h & 0xff) * 4;
      return `ldr\t${lr(h, 8)}, [pc, #${off}]\t@ (${addr((base + off) >>> 0)})`;
    }
    case 10:
    case 11: {
      const op = (h >>> 9) & 7;
      const name = ['str', 'strh', 'strb', 'ldrsb', 'ldr', 'ldrh', 'ldrb', 'ldrsh'][op]!;
      return `${name}\t${lr(h, 0)}, [${lr(h, 3)}, ${lr(h, 6)}]`;
    }
    case 12:
    case 13:
    case 14:
    case 15:
    case 16:
    case 17: {
      const imm5 = (h >>> 6) & 31;
      const kind = top5 - 12;
      const name = ['str', 'ldr', 'strb', 'ldrb', 'strh', 'ldrh'][kind]!;
      const off = kind < 2 ? imm5 * 4 : kind < 4 ? imm5 : imm5 * 2;
      const imm = dec(off);
      return `${name}\t${lr(h, 0)}, [${lr(h, 3)}, #${imm.text}]${imm.note}`;
    }
    case 18:
    case 19: {
      const imm = dec((h & 0xff) * 4);
      return `${top5 === 18 ? 'str' : 'ldr'}\t${lr(h, 8)}, [sp, #${imm.text}]${imm.note}`;
    }
    case 20: {
      const off = (h & 0xff) * 4;
      const imm = dec(off);
      return `add\t${lr(h, 8)}, pc, #${imm.text}\t@ (adr ${lr(h, 8)}, ${addr((((pc + 4) & ~3) + off) >>> 0)})`;
    }
    case 21: {
      const imm = dec((h & 0xff) * 4);
      return `add\t${lr(h, 8)}, sp, #${imm.text}${imm.note}`;
    }
    case 22:
    case 23:
      return misc(h, pc, addr, out);
    case 24:
    case 25: {
      const rn = (h >>> 8) & 7;
      const list = h & 0xff;
      if (top5 === 24) return `stmia\t${reg(rn)}!, ${regList(list)}`;
      return `ldmia\t${reg(rn)}${(list >>> rn) & 1 ? '' : '!'}, ${regList(list)}`;
    }
    case 26:
    case 27: {
      const cond = (h >>> 8) & 15;
      if (cond === 15) {
        const imm = dec(h & 0xff);
        return `svc\t${imm.text}${imm.note}`;
      }
      if (cond === 14) {
        const imm = dec(h & 0xff);
        return `udf\t#${imm.text}${imm.note}`;
      }
      const target = (pc + 4 + (((h & 0xff) << 24) >> 23)) >>> 0;
      out.target = target;
      return `b${COND[cond]!}.n\t${addr(target)}`;
    }
    case 28: {
      const target = (pc + 4 + (((h & 0x7ff) << 21) >> 20)) >>> 0;
      out.target = target;
      return `b.n\t${addr(target)}`;
    }
    default:
      return null;
  }
}

/** The 0xB000-0xBFFF group: SP adjust, push/pop, breakpoint and the later-architecture extras objdump also decodes. */
function misc(h: number, pc: number, addr: (a: number) => string, out: { target: number | null }): string | null {
  const op = (h >>> 8) & 15;
  switch (op) {
    case 0: {
      const imm = dec((h & 0x7f) * 4);
      return `${(h & 0x80) !== 0 ? 'sub' : 'add'}\tsp, #${imm.text}${imm.note}`;
    }
    case 1:
    case 3:
    case 9:
    case 11: {
      const target = (pc + 4 + (((h >>> 9) & 1) << 6) + (((h >>> 3) & 31) << 1)) >>> 0;
      out.target = target;
      return `${(h & 0x0800) !== 0 ? 'cbnz' : 'cbz'}\t${lr(h, 0)}, ${addr(target)}`;
    }
    case 2:
      return `${['sxth', 'sxtb', 'uxth', 'uxtb'][(h >>> 6) & 3]!}\t${lr(h, 0)}, ${lr(h, 3)}`;
    case 4:
    case 5:
      return `push\t${regList((h & 0xff) | ((h & 0x100) << 6))}`;
    case 6:
      if ((h & 0xfff7) === 0xb650) return `setend\t${(h & 8) !== 0 ? 'be' : 'le'}`;
      if ((h & 0xffe8) === 0xb660) {
        return `cps${(h & 0x10) !== 0 ? 'id' : 'ie'}\t${(h & 4) !== 0 ? 'a' : ''}${(h & 2) !== 0 ? 'i' : ''}${(h & 1) !== 0 ? 'f' : ''}`;
      }
      return null;
    case 10: {
      const kind = (h >>> 6) & 3;
      if (kind === 2) return `hlt\t0x${hexPad(h & 0x3f, 4)}`;
      return `${['rev', 'rev16', '', 'revsh'][kind]!}\t${lr(h, 0)}, ${lr(h, 3)}`;
    }
    case 12:
    case 13:
      return `pop\t${regList((h & 0xff) | ((h & 0x100) << 7))}`;
    case 14:
      return `bkpt\t0x${hexPad(h & 0xff, 4)}`;
    case 15: {
      if ((h & 0xf) !== 0) return null;
      const hint = (h >>> 4) & 15;
      return hint < HINTS.length ? HINTS[hint]! : `nop\t{${hint}}`;
    }
    default:
      return null;
  }
}

/**
 * Disassembles one Thumb instruction in the text GNU objdump prints for it. A first halfword
 * in 0xE800-0xFFFF starts a 32-bit unit, as objdump reads it: the BL/BLX pair of ARMv5T
 * decodes as one instruction; other pairs (Thumb-2, which ARMv5T lacks) are undefined here.
 *
 * @param halfwords - the halfword at `address` and, for 32-bit units, the one after it (a
 *   single number is the first halfword alone).
 * @param address - the address of the first halfword.
 */
export function disassembleThumb(halfwords: number | ArrayLike<number>, address: number, options: DisassembleOptions = {}): DisassembledInstruction {
  if (typeof halfwords === 'number') halfwords = [halfwords];
  const h = (halfwords[0] ?? 0) & 0xffff;
  const pc = address >>> 0;
  const addr = options.formatAddress ?? rawAddress;
  const out: { target: number | null } = { target: null };
  if (h >= 0xe800) {
    const second = halfwords[1];
    if (second === undefined) return makeResult(pc, h, 2, undefinedText(h, 4), null, false);
    const h2 = second & 0xffff;
    const word = ((h << 16) | h2) >>> 0;
    const isBl = (h & 0xf800) === 0xf000 && (h2 & 0xd000) === 0xd000;
    const isBlx = (h & 0xf800) === 0xf000 && (h2 & 0xd001) === 0xc000;
    if (!isBl && !isBlx) return makeResult(pc, word, 4, undefinedText(word, 8), null, false);
    const s = (h >>> 10) & 1;
    const i1 = ((h2 >>> 13) & 1) ^ s ^ 1;
    const i2 = ((h2 >>> 11) & 1) ^ s ^ 1;
    let offset = (i1 << 23) | (i2 << 22) | ((h & 0x3ff) << 12) | ((h2 & 0x7ff) << 1);
    if (s !== 0) offset -= 1 << 24;
    let target = (pc + 4 + offset) >>> 0;
    if (isBlx) target = (target & ~2) >>> 0;
    return makeResult(pc, word, 4, `${isBl ? 'bl' : 'blx'}\t${addr(target)}`, target, false);
  }
  const text = thumb16(h, pc, addr, out);
  if (text === null) return makeResult(pc, h, 2, undefinedText(h, 4), null, false);
  return makeResult(pc, h, 2, text, out.target, false);
}
