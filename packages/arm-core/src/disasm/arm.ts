import type { DisassembleOptions, DisassembledInstruction } from './types.js';
import { COND, SHIFT, hex, hexPad, rawAddress, reg, regList } from './names.js';
import { makeResult, undefinedText } from './result.js';
import { bankedRegisterName } from './banked.js';

/**
 * Decoding state of one ARM word: the fields objdump's printer accumulates while it
 * formats operands (an unpredictable flag, a value for the trailing comment, a target).
 */
class ArmCtx {
  unpredictable = false;
  /** Value objdump repeats in hex after the operands when it is > 32 or < -16; null when none. */
  comment: number | null = null;
  target: number | null = null;

  constructor(
    readonly w: number,
    readonly pc: number,
    readonly addr: (a: number) => string,
  ) {}

  /** Bits lo..lo+width-1. */
  f(lo: number, width: number): number {
    return (this.w >>> lo) & ((1 << width) - 1);
  }
  bit(n: number): boolean {
    return ((this.w >>> n) & 1) === 1;
  }
  get cond(): string {
    return COND[this.w >>> 28]!;
  }
  /** Register at bits lo..lo+3 (objdump `%r`). */
  r(lo: number): string {
    return reg(this.f(lo, 4));
  }
  /** Register where r15 is unpredictable (objdump `%R`). */
  R(lo: number): string {
    const n = this.f(lo, 4);
    if (n === 15) this.unpredictable = true;
    return reg(n);
  }
  /** Operand value shown again as a comment. */
  note(value: number): void {
    this.comment = value;
  }
}

function matches(w: number, mask: number, value: number): boolean {
  return (w & mask) >>> 0 === value >>> 0;
}

/** Rm with its shift, as objdump prints a register operand (`r1, lsl #2`, `r1, rrx`, `r1, asr r2`). */
function shiftedRegister(c: ArmCtx, printShift: boolean): string {
  const w = c.w;
  let s = reg(w & 15);
  if ((w & 0xff0) !== 0) {
    if ((w & 0x10) === 0) {
      let amount = (w >>> 7) & 31;
      const type = (w >>> 5) & 3;
      if (amount === 0) {
        if (type === 3) return `${s}, rrx`;
        amount = 32;
      }
      s += printShift ? `, ${SHIFT[type]!} #${amount}` : `, #${amount}`;
    } else if ((w & 0x80) !== 0) {
      s += '\t@ <illegal shifter operand>';
    } else {
      s += printShift ? `, ${SHIFT[(w >>> 5) & 3]!} ${reg(w >>> 8)}` : `, ${reg(w >>> 8)}`;
    }
  }
  return s;
}

/** Data-processing operand 2 (objdump `%o`). */
function operand2(c: ArmCtx): string {
  const w = c.w;
  if (c.bit(25)) {
    const rotate = ((w >>> 8) & 15) * 2;
    const imm = w & 0xff;
    const value = rotate === 0 ? imm : ((imm >>> rotate) | (imm << (32 - rotate))) | 0;
    c.note(value);
    // objdump spells out the rotation when a smaller one would encode the same value.
    let i = 0;
    while (i < 32 && (i === 0 ? value >>> 0 : ((value << i) | (value >>> (32 - i))) >>> 0) > 0xff) i += 2;
    return i !== rotate ? `#${imm}, ${rotate}` : `#${value}`;
  }
  return shiftedRegister(c, true);
}

/** Word/byte load-store address (objdump `%a`). */
function wordAddress(c: ArmCtx): string {
  const w = c.w;
  const pre = c.bit(24);
  const up = c.bit(23);
  const wb = c.bit(21);
  const sign = up ? '' : '-';
  if ((w & 0x000f0000) === 0x000f0000 && !c.bit(25)) {
    const magnitude = w & 0xfff;
    let target: number;
    let s: string;
    if (pre) {
      s = wb || !up || magnitude !== 0 ? `[pc, #${sign}${magnitude}]${wb ? '!' : ''}` : '[pc]';
      target = c.pc + 8 + (up ? magnitude : -magnitude);
    } else {
      s = `[pc], #${sign}${magnitude}`;
      target = c.pc + 8;
    }
    return `${s}\t@ ${c.addr(target >>> 0)}`;
  }
  let s = `[${c.r(16)}`;
  let offset = 0;
  if (pre) {
    if (!c.bit(25)) {
      offset = w & 0xfff;
      if (offset !== 0 || !up || wb) s += `, #${sign}${offset}`;
      if (!up) offset = -offset;
    } else {
      s += `, ${sign}${shiftedRegister(c, true)}`;
    }
    s += `]${wb ? '!' : ''}`;
  } else {
    if (!c.bit(25)) {
      offset = w & 0xfff;
      s += `], #${sign}${offset}`;
      if (!up) offset = -offset;
    } else {
      s += `], ${sign}${shiftedRegister(c, true)}`;
    }
  }
  if (offset !== 0) c.note(offset);
  return s;
}

/** Halfword, signed and doubleword load-store address (objdump `%s`). */
function halfAddress(c: ArmCtx): string {
  const w = c.w;
  const pre = c.bit(24);
  const up = c.bit(23);
  const wb = c.bit(21);
  const imm = c.bit(22);
  let offset = ((w >>> 4) & 0xf0) | (w & 0xf);
  const sign = up ? '' : '-';
  if ((w & 0x004f0000) === 0x004f0000) {
    if (pre) {
      const s = offset !== 0 || !up ? `[pc, #${sign}${offset}]` : '[pc]';
      if (!up) offset = -offset;
      return `${s}\t@ ${c.addr((c.pc + 8 + offset) >>> 0)}`;
    }
    c.unpredictable = true;
    return `[pc], #${sign}${offset}`;
  }
  const rm = w & 15;
  const rt = c.f(12, 4);
  let s = `[${c.r(16)}`;
  if (pre) {
    if (imm) {
      if (offset !== 0 || !up || wb) s += `, #${sign}${offset}`;
      if (!up) offset = -offset;
      c.note(offset);
    } else {
      s += `, ${sign}${reg(rm)}`;
      if (wb && rm === rt) c.unpredictable = true;
    }
    s += `]${wb ? '!' : ''}`;
  } else {
    if (imm) {
      s += `], #${sign}${offset}`;
      if (!up) offset = -offset;
      c.note(offset);
    } else {
      s += `], ${sign}${reg(rm)}`;
      if (rm === rt || rm === 15) c.unpredictable = true;
    }
    if (wb) c.unpredictable = true;
  }
  return s;
}

/** Coprocessor load/store address (objdump `%A`). */
function coprocAddress(c: ArmCtx): string {
  const w = c.w;
  const rn = c.f(16, 4);
  const pre = c.bit(24);
  const up = c.bit(23);
  const wb = c.bit(21);
  let offset = w & 0xff;
  let s = `[${reg(rn)}`;
  if (pre || wb) {
    offset *= 4;
    if (!up) offset = -offset;
    if (rn !== 15) c.note(offset);
  }
  if (pre) {
    if (offset !== 0) s += `, #${offset}]${wb ? '!' : ''}`;
    else if (!up) s += ', #-0]';
    else s += ']';
  } else {
    s += ']';
    if (wb) {
      if (offset !== 0) s += `, #${offset}`;
      else if (!up) s += ', #-0';
    } else {
      s += `, {${!up && offset === 0 ? '-' : ''}${offset}}`;
      c.note(offset);
    }
  }
  if (rn === 15 && (pre || wb)) s += `\t@ ${c.addr((offset + c.pc + 8) >>> 0)}`;
  return s;
}

/** Coprocessor instructions (objdump consults them before the core table). */
function coprocessor(c: ArmCtx): string | null {
  const w = c.w;
  const cp = c.f(8, 4);
  const uncond = w >>> 28 === 15;
  const cond = uncond ? '' : c.cond;
  const fp = cp === 9 || cp === 10 || cp === 11;
  const cdpOps = (): string => `${cp}, ${c.f(20, 4)}, cr${c.f(12, 4)}, cr${c.f(16, 4)}, cr${c.f(0, 4)}, {${c.f(5, 3)}}`;
  const mcrOps = (rt: string): string => `${cp}, ${c.f(21, 3)}, ${rt}, cr${c.f(16, 4)}, cr${c.f(0, 4)}, {${c.f(5, 3)}}`;
  if (!uncond) {
    if (matches(w, 0x0ff00000, 0x0c400000) || matches(w, 0x0ff00000, 0x0c500000)) {
      if (c.bit(20)) {
        const t = c.R(12), t2 = c.R(16);
        if (c.f(12, 4) === c.f(16, 4)) c.unpredictable = true;
        return `mrrc${cond}\t${cp}, ${c.f(4, 4)}, ${t}, ${t2}, cr${c.f(0, 4)}`;
      }
      return `mcrr${cond}\t${cp}, ${c.f(4, 4)}, ${c.R(12)}, ${c.r(16)}, cr${c.f(0, 4)}`;
    }
    if (fp) return null;
    if (matches(w, 0x0f000010, 0x0e000000)) return `cdp${cond}\t${cdpOps()}`;
    if (matches(w, 0x0f10f010, 0x0e10f010)) return `mrc${cond}\t${mcrOps('APSR_nzcv')}`;
    if (matches(w, 0x0f100010, 0x0e100010)) return `mrc${cond}\t${mcrOps(c.r(12))}`;
    if (matches(w, 0x0f100010, 0x0e000010)) return `mcr${cond}\t${mcrOps(c.R(12))}`;
    if (matches(w, 0x0e000000, 0x0c000000)) {
      return `${c.bit(20) ? 'ldc' : 'stc'}${c.bit(22) ? 'l' : ''}${cond}\t${cp}, cr${c.f(12, 4)}, ${coprocAddress(c)}`;
    }
    return null;
  }
  if (matches(w, 0xff000010, 0xfe000000)) return fp ? null : `cdp2\t${cdpOps()}`;
  if (fp && (matches(w, 0xfe000000, 0xfc000000) || matches(w, 0xff000010, 0xfe000010))) c.unpredictable = true;
  if (matches(w, 0xff100010, 0xfe000010)) return `mcr2\t${mcrOps(c.R(12))}`;
  if (matches(w, 0xff100010, 0xfe100010)) return `mrc2\t${mcrOps(c.r(12))}`;
  if (matches(w, 0xfe000000, 0xfc000000)) {
    return `${c.bit(20) ? 'ldc2' : 'stc2'}${c.bit(22) ? 'l' : ''}\t${cp}, cr${c.f(12, 4)}, ${coprocAddress(c)}`;
  }
  return null;
}

const DP_NAMES = ['and', 'eor', 'sub', 'rsb', 'add', 'adc', 'sbc', 'rsc', 'tst', 'teq', 'cmp', 'cmn', 'orr', 'mov', 'bic', 'mvn'];

/** Data-processing instructions other than MOV (which has its own forms). */
function dataProcessing(c: ArmCtx): string | null {
  const op = c.f(21, 4);
  const imm = c.bit(25);
  const regShift = !imm && c.bit(4);
  if (regShift && c.bit(7) && op !== 9) return null;
  const s = c.bit(20) ? 's' : '';
  const name = DP_NAMES[op]!;
  const rd = (): string => (regShift ? c.R(12) : c.r(12));
  const rn = (): string => (regShift ? c.R(16) : c.r(16));
  if (op >= 8 && op <= 11) {
    // TST/CMP/CMN ignore the S bit in objdump's table; TEQ needs it.
    if (op === 9 && !c.bit(20)) return null;
    const p = c.f(12, 4) === 15 ? 'p' : '';
    const n = rn();
    return `${name}${p}${c.cond}\t${n}, ${operand2(c)}`;
  }
  if (op === 13) return null;
  if (op === 15) {
    const d = rd();
    return `${name}${s}${c.cond}\t${d}, ${operand2(c)}`;
  }
  const d = rd();
  const n = rn();
  return `${name}${s}${c.cond}\t${d}, ${n}, ${operand2(c)}`;
}

/** MOV and its shift aliases (LSL, LSR, ASR, ROR, RRX). */
function move(c: ArmCtx): string | null {
  const w = c.w;
  const s = c.bit(20) ? 's' : '';
  if (matches(w, 0x0fef0000, 0x03a00000)) return `mov${s}${c.cond}\t${c.r(12)}, ${operand2(c)}`;
  if (matches(w, 0x0def0ff0, 0x01a00000)) return `mov${s}${c.cond}\t${c.r(12)}, ${c.r(0)}`;
  if (!matches(w, 0x0def0000, 0x01a00000)) return null;
  const type = c.f(5, 2);
  if (type === 3 && matches(w, 0x0def0ff0, 0x01a00060)) return `rrx${s}${c.cond}\t${c.r(12)}, ${c.r(0)}`;
  const d = c.R(12);
  return `${SHIFT[type]!}${s}${c.cond}\t${d}, ${shiftedRegister(c, false)}`;
}

/** PSR name of MSR (objdump `%C`). */
function msrTarget(c: ArmCtx): string {
  const w = c.w;
  if ((w & 0x02000200) === 0x200) {
    const name = bankedRegisterName(c.bit(22), c.bit(8), c.f(16, 4));
    return name ?? `(UNDEF: ${(c.bit(22) ? 64 : 0) | 32 | (c.bit(8) ? 16 : 0) | c.f(16, 4)})`;
  }
  let s = c.bit(22) ? 'SPSR_' : 'CPSR_';
  if (c.bit(19)) s += 'f';
  if (c.bit(18)) s += 's';
  if (c.bit(17)) s += 'x';
  if (c.bit(16)) s += 'c';
  return s;
}

/** PSR name of MRS (objdump `%R`). */
function mrsSource(c: ArmCtx): string {
  if (c.bit(8) && !c.bit(9)) return `(UNDEF: ${(c.bit(22) ? 64 : 0) | 16 | c.f(16, 4)})`;
  if (c.bit(9)) {
    const name = bankedRegisterName(c.bit(22), c.bit(8), c.f(16, 4));
    return name ?? `(UNDEF: ${(c.bit(22) ? 64 : 0) | 32 | (c.bit(8) ? 16 : 0) | c.f(16, 4)})`;
  }
  return c.bit(22) ? 'SPSR' : 'CPSR';
}

function branchTarget(c: ArmCtx, extra: number): string {
  const offset = ((c.w << 8) >> 6) + extra;
  const target = (c.pc + 8 + offset) >>> 0;
  c.target = target;
  return c.addr(target);
}

function ldmStm(c: ArmCtx): string {
  const load = c.bit(20);
  const base = c.R(16);
  const wb = c.bit(21) ? '!' : '';
  const user = c.bit(22) ? '^' : '';
  const list = regList(c.w & 0xffff);
  if ((c.w & 0xffff) === 0) c.unpredictable = true;
  const plainIa = c.bit(23) && !c.bit(24) && (load || (!c.bit(21) && !c.bit(22)));
  const mode = plainIa ? '' : `${c.bit(23) ? 'i' : 'd'}${c.bit(24) ? 'b' : 'a'}`;
  return `${load ? 'ldm' : 'stm'}${mode}${c.cond}\t${base}${wb}, ${list}${user}`;
}

/** The core table, in objdump's order of precedence. */
function core(c: ArmCtx): string | null {
  const w = c.w;
  const uncond = w >>> 28 === 15;
  if (w === 0xe1a00000) return 'nop\t\t\t@ (mov r0, r0)';
  if (matches(w, 0xfff000f0, 0xe7f000f0)) {
    const v = (c.f(8, 12) << 4) | c.f(0, 4);
    c.note(v);
    return `udf\t#${v}`;
  }
  if (w === 0xe320f014) return 'csdb';
  if (w === 0xf57ff040) return 'ssbb';
  if (w === 0xf57ff044) return 'pssbb';
  if (uncond) {
    if (matches(w, 0xfe000000, 0xfa000000)) return `blx\t${branchTarget(c, c.bit(24) ? 2 : 0)}`;
    if (matches(w, 0xfc70f000, 0xf450f000)) return `pld\t${wordAddress(c)}`;
    return null;
  }
  if (matches(w, 0x0ffffff0, 0x012fff10)) return `bx${c.cond}\t${c.r(0)}`;
  if (matches(w, 0x0fe000f0, 0x00000090)) {
    const d = c.R(16), m = c.R(0), s = c.R(8);
    return `mul${c.bit(20) ? 's' : ''}${c.cond}\t${d}, ${m}, ${s}`;
  }
  if (matches(w, 0x0fe000f0, 0x00200090)) {
    const d = c.R(16), m = c.R(0), s = c.R(8), a = c.R(12);
    return `mla${c.bit(20) ? 's' : ''}${c.cond}\t${d}, ${m}, ${s}, ${a}`;
  }
  if (matches(w, 0x0fb00ff0, 0x01000090)) {
    const d = c.R(12), m = c.R(0), n = c.R(16);
    if (c.f(16, 4) === c.f(0, 4) || c.f(16, 4) === c.f(12, 4)) c.unpredictable = true;
    return `swp${c.bit(22) ? 'b' : ''}${c.cond}\t${d}, ${m}, [${n}]`;
  }
  if (matches(w, 0x0fa000f0, 0x00800090) || matches(w, 0x0fa000f0, 0x00a00090)) {
    const lo = c.R(12), hi = c.R(16), m = c.R(0), s = c.R(8);
    if (c.f(12, 4) === c.f(16, 4)) c.unpredictable = true;
    const name = `${c.bit(22) ? 's' : 'u'}${c.bit(21) ? 'mlal' : 'mull'}`;
    return `${name}${c.bit(20) ? 's' : ''}${c.cond}\t${lo}, ${hi}, ${m}, ${s}`;
  }
  if (matches(w, 0xfff000f0, 0xe1000070)) return `hlt\t0x${hexPad(c.f(8, 12) << 4 | c.f(0, 4), 4)}`;
  if (matches(w, 0xfff000f0, 0xe1200070)) return `bkpt\t0x${hexPad(c.f(8, 12) << 4 | c.f(0, 4), 4)}`;
  if (matches(w, 0x0ffffff0, 0x012fff30)) return `blx${c.cond}\t${c.r(0)}`;
  if (matches(w, 0x0fff0ff0, 0x016f0f10)) {
    const d = c.R(12), m = c.R(0);
    return `clz${c.cond}\t${d}, ${m}`;
  }
  if (matches(w, 0x0e1000f0, 0x000000d0)) return `ldrd${c.cond}\t${c.r(12)}, ${halfAddress(c)}`;
  if (matches(w, 0x0e1000f0, 0x000000f0)) return `strd${c.cond}\t${c.r(12)}, ${halfAddress(c)}`;
  const xy = (): string => `${c.bit(5) ? 't' : 'b'}${c.bit(6) ? 't' : 'b'}`;
  if (matches(w, 0x0ff00090, 0x01000080)) {
    const tt = c.bit(5) && c.bit(6);
    const d = tt ? c.r(16) : c.R(16), m = tt ? c.r(0) : c.R(0), s = c.R(8), a = c.R(12);
    return `smla${xy()}${c.cond}\t${d}, ${m}, ${s}, ${a}`;
  }
  if (matches(w, 0x0ff000b0, 0x01200080)) {
    const d = c.R(16), m = c.r(0), s = c.R(8), a = c.R(12);
    return `smlaw${c.bit(6) ? 't' : 'b'}${c.cond}\t${d}, ${m}, ${s}, ${a}`;
  }
  if (matches(w, 0x0ff00090, 0x01400080)) {
    const lo = c.R(12), hi = c.R(16), m = c.R(0), s = c.R(8);
    if (c.f(12, 4) === c.f(16, 4)) c.unpredictable = true;
    return `smlal${xy()}${c.cond}\t${lo}, ${hi}, ${m}, ${s}`;
  }
  if (matches(w, 0x0ff0f090, 0x01600080)) {
    const d = c.R(16), m = c.R(0), s = c.R(8);
    return `smul${xy()}${c.cond}\t${d}, ${m}, ${s}`;
  }
  if (matches(w, 0x0ff0f0b0, 0x012000a0)) {
    const d = c.R(16), m = c.R(0), s = c.R(8);
    return `smulw${c.bit(6) ? 't' : 'b'}${c.cond}\t${d}, ${m}, ${s}`;
  }
  if (matches(w, 0x0f900ff0, 0x01000050)) {
    const name = ['qadd', 'qsub', 'qdadd', 'qdsub'][c.f(21, 2)]!;
    const d = c.R(12), m = c.R(0), n = c.R(16);
    return `${name}${c.cond}\t${d}, ${m}, ${n}`;
  }
  if (matches(w, 0x0fff0fff, 0x052d0004)) return `push${c.cond}\t{${c.r(12)}}\t\t@ (str${c.cond} ${c.r(12)}, ${wordAddress(c)})`;
  // Stores of words and bytes.
  const t = c.bit(21) && !c.bit(24) ? 't' : '';
  if (matches(w, 0x0e100000, 0x04000000) || matches(w, 0x0e100010, 0x06000000)) {
    const b = c.bit(22);
    const rd = b ? c.R(12) : c.r(12);
    return `str${b ? 'b' : ''}${t}${c.cond}\t${rd}, ${wordAddress(c)}`;
  }
  if (matches(w, 0x0e5000f0, 0x004000b0) || matches(w, 0x0e500ff0, 0x000000b0)) return `strh${c.cond}\t${c.R(12)}, ${halfAddress(c)}`;
  if (matches(w, 0x0e5000f0, 0x00500090)) return null;
  if (matches(w, 0x0e500090, 0x00500090)) return `ldr${c.bit(6) ? 's' : ''}${c.bit(5) ? 'h' : 'b'}${c.cond}\t${c.R(12)}, ${halfAddress(c)}`;
  if (matches(w, 0x0e500ff0, 0x00100090)) return null;
  if (matches(w, 0x0e500f90, 0x00100090)) return `ldr${c.bit(6) ? 's' : ''}${c.bit(5) ? 'h' : 'b'}${c.cond}\t${c.R(12)}, ${halfAddress(c)}`;
  if (!c.bit(27) && !c.bit(26)) {
    const op = c.f(21, 4);
    if (op < 8) return dataProcessing(c);
    if (matches(w, 0x0db0f000, 0x0120f000)) return `msr${c.cond}\t${msrTarget(c)}, ${operand2(c)}`;
    if (matches(w, 0x0fb00cff, 0x01000000)) return `mrs${c.cond}\t${c.R(12)}, ${mrsSource(c)}`;
    if (op === 13) return move(c);
    return dataProcessing(c);
  }
  if (matches(w, 0x0e000010, 0x06000010)) return null;
  if (matches(w, 0x0fff0fff, 0x049d0004)) return `pop${c.cond}\t{${c.r(12)}}\t\t@ (ldr${c.cond} ${c.r(12)}, ${wordAddress(c)})`;
  if (matches(w, 0x0c500000, 0x04500000)) return `ldrb${t}${c.cond}\t${c.R(12)}, ${wordAddress(c)}`;
  if (matches(w, 0x0d700000, 0x04300000)) return `ldrt${c.cond}\t${c.R(12)}, ${wordAddress(c)}`;
  if (matches(w, 0x0c500000, 0x04100000)) return `ldr${c.cond}\t${c.r(12)}, ${wordAddress(c)}`;
  if (matches(w, 0x0e000000, 0x08000000)) {
    const list = w & 0xffff;
    const single = list !== 0 && (list & (list - 1)) === 0;
    if (matches(w, 0x0fff0000, 0x092d0000)) return single ? `stmfd${c.cond}\tsp!, ${regList(list)}` : `push${c.cond}\t${regList(list)}`;
    if (matches(w, 0x0fff0000, 0x08bd0000)) return single ? `ldmfd${c.cond}\tsp!, ${regList(list)}` : `pop${c.cond}\t${regList(list)}`;
    return ldmStm(c);
  }
  if (matches(w, 0x0e000000, 0x0a000000)) return `b${c.bit(24) ? 'l' : ''}${c.cond}\t${branchTarget(c, 0)}`;
  if (matches(w, 0x0f000000, 0x0f000000)) return `svc${c.cond}\t0x${hexPad(w & 0xffffff, 8)}`;
  return null;
}

/**
 * Disassembles one ARM (A32) instruction as ARMv5TE defines it, in the text GNU objdump
 * prints for it (`arm-none-eabi-objdump -marmv5te`).
 *
 * @param word - the 32-bit instruction word.
 * @param address - the address of the instruction (PC-relative operands and branch targets depend on it).
 */
export function disassembleArm(word: number, address: number, options: DisassembleOptions = {}): DisassembledInstruction {
  const w = word >>> 0;
  const c = new ArmCtx(w, address >>> 0, options.formatAddress ?? rawAddress);
  let text = coprocessor(c);
  if (text === null) {
    c.unpredictable = false;
    c.comment = null;
    text = core(c);
  }
  if (text === null) return makeResult(address, w, 4, undefinedText(w, 8), null, false);
  if (c.comment !== null && (c.comment > 32 || c.comment < -16)) text += `\t@ ${hex(c.comment)}`;
  if (c.unpredictable) text += '\t@ <UNPREDICTABLE>';
  return makeResult(address, w, 4, text, c.target, c.unpredictable);
}
