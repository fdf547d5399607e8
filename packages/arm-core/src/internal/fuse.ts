import type { Cpu } from '../cpu.js';
import { decodeArm } from './arm-decoder.js';
import { decodeThumb } from './thumb-decoder.js';
import { Op, mkop } from './ops.js';

/** Scratch for decoding the instruction after a compare. */
const next = new Int32Array(3);

/**
 * Fuses an always-executed compare (`d`, just decoded from `pc`) with a conditional or
 * plain `B` right after it in the same decode block: compiled loops end this way, and the
 * pair then costs one dispatch. Rewrites `d[0]` to the fused id (the compare's fields `a`,
 * `b` stay) and returns the word for the slot's spare field: the branch condition as
 * stored in op words (`cond ^ 14`) in bits 3:0 and the target's offset from the compare's
 * address above. Returns 0 (and leaves `d` alone) when there is nothing to fuse.
 *
 * The fused slot depends on the next instruction's word, so a store to a word of a decode
 * block also drops the slot before it (`Cpu.codeWritten`).
 */
export function fuseCompareBranch(cpu: Cpu, d: Int32Array, pc: number, host: number): number {
  const op = d[0]!;
  // condition AL only: the branch must run exactly when the compare does
  if ((op & 15) !== 0) return 0;
  let fused: number;
  switch (op >>> 4) {
    case Op.CmpImm:
      fused = Op.CmpImmB;
      break;
    case Op.CmpReg:
      fused = Op.CmpRegB;
      break;
    case Op.CmnImm:
      fused = Op.CmnImmB;
      break;
    case Op.TstImm:
      fused = Op.TstImmB;
      break;
    case Op.SubsImm:
      fused = Op.SubsImmB;
      break;
    default:
      return 0;
  }
  const thumb = cpu.thumb;
  const step = thumb !== 0 ? 2 : 4;
  const off = (pc & 0x3ff) + step;
  if (off > 0x400 - step) return 0; // the branch would be in the next block
  if (thumb !== 0) decodeThumb(cpu.ram16[(host + off) >> 1]!, (pc + step) | 0, next);
  else decodeArm(cpu.ram32[(host + off) >> 2]!, next);
  const bop = next[0]!;
  if (bop >>> 4 !== Op.B) return 0;
  d[0] = mkop(fused, 14);
  return ((step + next[2]!) << 4) | (bop & 15);
}
