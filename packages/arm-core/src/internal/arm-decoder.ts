import { Op, mkop, specialize } from './ops.js';

/**
 * Decodes one ARM instruction word into `out[0]` (op), `out[1]` (field word a) and
 * `out[2]` (field word b); see {@link Op} for the layouts. Never fails: anything that is
 * not an ARMv5TE instruction becomes {@link Op.Undefined}.
 */
export function decodeArm(w: number, out: Int32Array): void {
  decodeArmPlain(w, out);
  specialize(out, 8);
}

function decodeArmPlain(w: number, out: Int32Array): void {
  const cond = w >>> 28;
  out[1] = 0;
  out[2] = w;
  if (cond === 15) {
    decodeUnconditional(w, out);
    return;
  }
  const rd = (w >>> 12) & 15;
  const rn = (w >>> 16) & 15;
  const rm = w & 15;
  switch ((w >>> 25) & 7) {
    case 0: {
      if ((w & 0x90) === 0x90) {
        decodeMulExtra(w, cond, out);
        return;
      }
      if ((w & 0x01900000) === 0x01000000) {
        decodeMisc(w, cond, out);
        return;
      }
      const opc = (w >>> 21) & 15;
      const s = (w >>> 20) & 1;
      const type = (w >>> 5) & 3;
      const a = rd | (rn << 4) | (opc << 8) | (s << 12) | (rm << 16) | (type << 20);
      if ((w & 0x10) === 0) {
        const amt = (w >>> 7) & 31;
        if (s === 0 && rd !== 15 && amt === 0 && type === 0) {
          if (opc === 13) {
            out[0] = mkop(Op.MovReg, cond);
            out[1] = rd | (rm << 16);
            return;
          }
          if (opc === 4 && rn !== 15 && rm !== 15) {
            out[0] = mkop(Op.AddReg, cond);
            out[1] = rd | (rn << 4) | (rm << 16);
            return;
          }
        }
        if (opc === 10 && amt === 0 && type === 0 && rn !== 15 && rm !== 15) {
          out[0] = mkop(Op.CmpReg, cond);
          out[1] = rn | (rm << 16);
          return;
        }
        out[0] = mkop(s === 0 && rd !== 15 && (opc < 8 || opc > 11) ? Op.DpRsiNs : Op.DpRsi, cond);
        out[1] = a;
        out[2] = amt;
      } else {
        out[0] = mkop(Op.DpRsr, cond);
        out[1] = a;
        out[2] = (w >>> 8) & 15;
      }
      return;
    }
    case 1: {
      if ((w & 0x01900000) === 0x01000000) {
        if ((w & 0x00200000) !== 0) {
          out[0] = mkop(Op.MsrImm, cond);
          out[1] = ((w >>> 16) & 15) | (((w >>> 22) & 1) << 4);
          out[2] = rotImm(w);
        } else {
          out[0] = mkop(Op.Undefined, cond);
        }
        return;
      }
      const opc = (w >>> 21) & 15;
      const s = (w >>> 20) & 1;
      const rot = (w >>> 7) & 30;
      const imm = rotImm(w);
      const carryMode = rot === 0 ? 0 : 2 | (imm >>> 31);
      if (s === 0 && rd !== 15) {
        if (opc === 13) {
          out[0] = mkop(Op.MovImm, cond);
          out[1] = rd;
          out[2] = imm;
          return;
        }
        if ((opc === 4 || opc === 2) && rn !== 15) {
          out[0] = mkop(Op.AddImm, cond);
          out[1] = rd | (rn << 4);
          out[2] = opc === 4 ? imm : -imm | 0;
          return;
        }
      }
      if (opc === 10 && rn !== 15) {
        out[0] = mkop(Op.CmpImm, cond);
        out[1] = rn;
        out[2] = imm;
        return;
      }
      out[0] = mkop(s === 0 && rd !== 15 && (opc < 8 || opc > 11) ? Op.DpImmNs : Op.DpImm, cond);
      out[1] = rd | (rn << 4) | (opc << 8) | (s << 12) | (carryMode << 24);
      out[2] = imm;
      return;
    }
    case 2: {
      const p = (w >>> 24) & 1;
      const u = (w >>> 23) & 1;
      const b = (w >>> 22) & 1;
      const wb = (w >>> 21) & 1;
      const l = (w >>> 20) & 1;
      const t = p === 0 && wb === 1 ? 1 : 0;
      const off = u === 1 ? w & 0xfff : -(w & 0xfff);
      if (p === 1 && wb === 0) {
        if (l === 1 && rd !== 15) {
          out[0] = mkop(b === 1 ? Op.LdrbImm : Op.LdrImm, cond);
          out[1] = rd | (rn << 4);
          out[2] = off;
          return;
        }
        if (l === 0) {
          out[0] = mkop(b === 1 ? Op.StrbImm : Op.StrImm, cond);
          out[1] = rd | (rn << 4);
          out[2] = off;
          return;
        }
      }
      out[0] = mkop(Op.LsImm, cond);
      out[1] = rd | (rn << 4) | (l << 8) | (b << 9) | (p << 10) | (wb << 11) | (t << 12);
      out[2] = off;
      return;
    }
    case 3: {
      if ((w & 0x10) !== 0) {
        out[0] = mkop(Op.Undefined, cond);
        return;
      }
      const p = (w >>> 24) & 1;
      const wb = (w >>> 21) & 1;
      const t = p === 0 && wb === 1 ? 1 : 0;
      out[0] = mkop(Op.LsReg, cond);
      out[1] =
        rd |
        (rn << 4) |
        (((w >>> 20) & 1) << 8) |
        (((w >>> 22) & 1) << 9) |
        (p << 10) |
        (wb << 11) |
        (t << 12) |
        (((w >>> 23) & 1) << 13) |
        (rm << 16) |
        (((w >>> 5) & 3) << 20);
      out[2] = (w >>> 7) & 31;
      return;
    }
    case 4:
      out[0] = mkop(Op.Block, cond);
      out[1] =
        rn |
        (((w >>> 20) & 1) << 4) |
        (((w >>> 22) & 1) << 5) |
        (((w >>> 21) & 1) << 6) |
        (((w >>> 24) & 1) << 7) |
        (((w >>> 23) & 1) << 8);
      out[2] = w & 0xffff;
      return;
    case 5:
      out[0] = mkop((w & 0x01000000) !== 0 ? Op.Bl : Op.B, cond);
      out[2] = (w << 8) >> 6;
      return;
    case 6:
      out[0] = mkop(Op.Coproc, cond);
      return;
    default:
      out[0] = mkop((w & 0x01000000) !== 0 ? Op.Swi : Op.Coproc, cond);
      return;
  }
}

function rotImm(w: number): number {
  const rot = (w >>> 7) & 30;
  const v = w & 0xff;
  return rot === 0 ? v : (v >>> rot) | (v << (32 - rot));
}

function decodeUnconditional(w: number, out: Int32Array): void {
  // BLX immediate: 1111 101H offset24
  if ((w & 0x0e000000) === 0x0a000000) {
    out[0] = mkop(Op.BlxImm, 14);
    out[2] = ((w << 8) >> 6) | (((w >>> 24) & 1) << 1);
    return;
  }
  // PLD: 1111 01x1 x101 xxxx 1111 xxxx
  if ((w & 0x0d70f000) === 0x0550f000) {
    out[0] = mkop(Op.Nop, 14);
    return;
  }
  // CDP2/MCR2/MRC2 (1110) and LDC2/STC2 (110x, not the 1100 010x MCRR space)
  if ((w & 0x0f000000) === 0x0e000000 || ((w & 0x0e000000) === 0x0c000000 && (w & 0x0fe00000) !== 0x0c400000)) {
    out[0] = mkop(Op.Coproc, 14);
    return;
  }
  out[0] = mkop(Op.Undefined, 14);
}

function decodeMulExtra(w: number, cond: number, out: Int32Array): void {
  const sh = (w >>> 5) & 3;
  const rd = (w >>> 12) & 15;
  const rn = (w >>> 16) & 15;
  const rs = (w >>> 8) & 15;
  const rm = w & 15;
  if (sh === 0) {
    const op = (w >>> 20) & 0x1f;
    if ((op & 0x1c) === 0) {
      // MUL/MLA: rd is bits 19:16, rn (accumulator) bits 15:12
      out[0] = mkop(Op.Mul, cond);
      out[1] = rn | (rd << 4) | (rs << 8) | (rm << 12) | (((w >>> 21) & 1) << 16) | (((w >>> 20) & 1) << 17);
      return;
    }
    if ((op & 0x18) === 0x08) {
      out[0] = mkop(Op.MulLong, cond);
      out[1] =
        rd | (rn << 4) | (rs << 8) | (rm << 12) | (((w >>> 21) & 1) << 16) | (((w >>> 20) & 1) << 17) | (((w >>> 22) & 1) << 18);
      return;
    }
    if ((op & 0x1b) === 0x10 && (w & 0xf00) === 0) {
      out[0] = mkop(Op.Swp, cond);
      out[1] = rd | (rn << 4) | (rm << 8) | (((w >>> 22) & 1) << 12);
      return;
    }
    out[0] = mkop(Op.Undefined, cond);
    return;
  }
  const l = (w >>> 20) & 1;
  let kind: number;
  if (sh === 1) kind = l === 1 ? 5 : 1;
  else if (sh === 2) kind = l === 1 ? 6 : 2;
  else kind = l === 1 ? 7 : 3;
  const p = (w >>> 24) & 1;
  const wb = (w >>> 21) & 1;
  const u = (w >>> 23) & 1;
  const a = rd | (rn << 4) | (kind << 8) | (p << 11) | (wb << 12);
  if ((w & 0x00400000) !== 0) {
    const imm = ((w >>> 4) & 0xf0) | rm;
    out[0] = mkop(Op.LshImm, cond);
    out[1] = a;
    out[2] = u === 1 ? imm : -imm;
  } else {
    out[0] = mkop(Op.LshReg, cond);
    out[1] = a | (u << 13) | (rm << 16);
    out[2] = 0;
  }
}

function decodeMisc(w: number, cond: number, out: Int32Array): void {
  const op = (w >>> 21) & 3;
  const rd = (w >>> 12) & 15;
  const rn = (w >>> 16) & 15;
  const rs = (w >>> 8) & 15;
  const rm = w & 15;
  if ((w & 0x80) !== 0) {
    // signed multiplies, bit 4 must be 0
    if ((w & 0x10) !== 0) {
      out[0] = mkop(Op.Undefined, cond);
      return;
    }
    out[0] = mkop(Op.DspMul, cond);
    // rd is bits 19:16, accumulator (or RdLo) bits 15:12
    out[1] = rn | (rd << 4) | (rs << 8) | (rm << 12) | (op << 16) | (((w >>> 5) & 1) << 18) | (((w >>> 6) & 1) << 19);
    return;
  }
  switch ((w >>> 4) & 7) {
    case 0:
      if ((op & 1) === 0) {
        out[0] = mkop(Op.Mrs, cond);
        out[1] = rd | ((op >>> 1) << 4);
      } else {
        out[0] = mkop(Op.MsrReg, cond);
        out[1] = rn | ((op >>> 1) << 4) | (rm << 8);
      }
      return;
    case 1:
      if (op === 1) {
        out[0] = mkop(Op.Bx, cond);
        out[1] = rm;
      } else if (op === 3) {
        out[0] = mkop(Op.Clz, cond);
        out[1] = rd | (rm << 4);
      } else out[0] = mkop(Op.Undefined, cond);
      return;
    case 2:
      if (op === 1) {
        out[0] = mkop(Op.Bx, cond);
        out[1] = rm;
      } else out[0] = mkop(Op.Undefined, cond);
      return;
    case 3:
      if (op === 1) {
        out[0] = mkop(Op.BlxReg, cond);
        out[1] = rm;
      } else out[0] = mkop(Op.Undefined, cond);
      return;
    case 5:
      out[0] = mkop(Op.QArith, cond);
      out[1] = rd | (rn << 4) | (rm << 8) | (op << 12);
      return;
    case 7:
      // BKPT is unconditional in effect; other conditions are UNPREDICTABLE and treated the same
      out[0] = mkop(op === 1 ? Op.Bkpt : Op.Undefined, op === 1 ? 14 : cond);
      return;
    default:
      out[0] = mkop(Op.Undefined, cond);
  }
}
