import type { Cpu } from '../cpu.js';
import { Op, mkop } from './ops.js';

/**
 * ARMv4T (ARM7TDMI) compatibility, selected with `architecture: 'v4t'`. Everything here is
 * off the hot path: decode-time rewrites of a few encodings, and checks in rarely used
 * handlers (loads into the PC, halfword loads, LDM/STM, compares with Rd = 15).
 */

/**
 * Bit of a data-processing field word `a` (DpImm/DpRsi/DpRsr) set only for an ARMv4T
 * TST/TEQ/CMP/CMN with S and Rd = 15: after setting the flags the instruction copies the
 * SPSR into the CPSR, as the ARM7TDMI does (ARMv5 leaves the PSRs alone).
 */
export const enum V4tFlag {
  CopySpsr = 0x08000000,
}

/**
 * Adjusts a decoded instruction for ARMv4T (`w` the word or halfword, `out` as the decoders
 * fill it):
 * - instructions ARMv5 added become undefined: ARM BLX (both forms), CLZ, BKPT, BXJ, the
 *   DSP extension (QADD…, SMLAxy…, LDRD/STRD, MCRR/MRRC) and every NV-condition encoding
 *   (PLD, the coprocessor `*2` forms); Thumb BLX (both forms) and BKPT;
 * - TST/TEQ/CMP/CMN with S and Rd = 15 go to the general handlers with {@link V4tFlag.CopySpsr}.
 */
export function adaptV4t(w: number, thumb: number, out: Int32Array): void {
  const id = out[0]! >>> 4;
  if (thumb !== 0) {
    if (id === Op.BlxReg || id === Op.ThumbBlxSuffix || id === Op.Bkpt) undefinedOp(w, out);
    return;
  }
  if (w >>> 28 === 15) {
    undefinedOp(w, out);
    return;
  }
  switch (id) {
    case Op.BlxReg:
    case Op.Clz:
    case Op.QArith:
    case Op.DspMul:
    case Op.Bkpt:
      undefinedOp(w, out);
      return;
    case Op.Bx:
      if ((w & 0xf0) === 0x20) undefinedOp(w, out); // BXJ
      return;
    case Op.LshImm:
    case Op.LshReg: {
      const kind = (out[1]! >>> 8) & 7;
      if (kind === 2 || kind === 3) undefinedOp(w, out); // LDRD/STRD
      return;
    }
    case Op.Coproc:
      if ((w & 0x0fe00000) === 0x0c400000) undefinedOp(w, out); // MCRR/MRRC
      return;
    default:
  }
  // data processing (not the multiply/extra load-store space), opcode 10xx, S, Rd = 15
  if ((w & 0x0d90f000) === 0x0110f000 && (w & 0x02000090) !== 0x90) compareToPc(w, out);
}

function undefinedOp(w: number, out: Int32Array): void {
  out[0] = mkop(Op.Undefined, 14);
  out[1] = 0;
  out[2] = w;
}

/** TST/TEQ/CMP/CMN with S and Rd = 15 into a general data-processing handler with the SPSR copy. */
function compareToPc(w: number, out: Int32Array): void {
  const cond = w >>> 28;
  const fields = 15 | (((w >>> 16) & 15) << 4) | (((w >>> 21) & 15) << 8) | (1 << 12) | V4tFlag.CopySpsr;
  if ((w & 0x02000000) !== 0) {
    const rot = (w >>> 7) & 30;
    const v = w & 0xff;
    const imm = rot === 0 ? v : (v >>> rot) | (v << (32 - rot));
    out[0] = mkop(Op.DpImm, cond);
    out[1] = fields | ((rot === 0 ? 0 : 2 | (imm >>> 31)) << 24);
    out[2] = imm;
    return;
  }
  const shifted = fields | ((w & 15) << 16) | (((w >>> 5) & 3) << 20);
  out[0] = mkop((w & 0x10) !== 0 ? Op.DpRsr : Op.DpRsi, cond);
  out[1] = shifted;
  out[2] = (w & 0x10) !== 0 ? (w >>> 8) & 15 : (w >>> 7) & 31;
}

/**
 * Writes the PC with a value loaded from memory (LDR, LDM/POP, SWP, LDRH): on ARMv5 bit 0
 * selects the state (interworking, as BX); on ARMv4T the state is kept and the low bits are
 * ignored.
 */
export function loadPcFromMemory(cpu: Cpu, val: number): void {
  if (cpu.v4t !== 0) {
    cpu.pcNext = val & (cpu.thumb !== 0 ? ~1 : ~3);
  } else if ((val & 1) !== 0) {
    cpu.thumb = 1;
    cpu.pcNext = val & ~1;
  } else {
    cpu.thumb = 0;
    cpu.pcNext = val & ~3;
  }
  cpu.sync = 1;
}

/**
 * What STR/STM add to r15 (which handlers set to the address + 8, Thumb + 4) when they store
 * it: 0 on the ARM926EJ-S; one more instruction on the ARM7TDMI (address + 12, Thumb + 6).
 */
export function pcStoreExtra(cpu: Cpu): number {
  return cpu.v4t === 0 ? 0 : cpu.thumb !== 0 ? 2 : 4;
}
