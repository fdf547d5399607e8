import { Op, mkop, specialize } from './ops.js';

const AL = 14;
// data-processing opcodes
const AND = 0, EOR = 1, SUB = 2, RSB = 3, ADD = 4, ADC = 5, SBC = 6, TST = 8, CMP = 10, CMN = 11, ORR = 12, MOV = 13, BIC = 14, MVN = 15;

function dpImm(out: Int32Array, rd: number, rn: number, opc: number, s: number, imm: number): void {
  out[0] = mkop(Op.DpImm, AL);
  out[1] = rd | (rn << 4) | (opc << 8) | (s << 12);
  out[2] = imm;
}

function dpReg(out: Int32Array, rd: number, rn: number, opc: number, s: number, rm: number, type: number, amt: number): void {
  out[0] = mkop(Op.DpRsi, AL);
  out[1] = rd | (rn << 4) | (opc << 8) | (s << 12) | (rm << 16) | (type << 20);
  out[2] = amt;
}

function lsImm(out: Int32Array, rd: number, rn: number, l: number, b: number, off: number): void {
  out[0] = mkop(Op.LsImm, AL);
  out[1] = rd | (rn << 4) | (l << 8) | (b << 9) | (1 << 10);
  out[2] = off;
}

/**
 * Decodes one Thumb halfword into the same handler ids as ARM (see {@link Op}), as the
 * equivalent ARM operation with the PC reading as address + 4. `addr` is the halfword's
 * address (its bit 1 adjusts PC-relative literal and ADR offsets, which word-align the PC).
 */
export function decodeThumb(h: number, addr: number, out: Int32Array): void {
  decodeThumbPlain(h, addr, out);
  specialize(out, 4);
}

function decodeThumbPlain(h: number, addr: number, out: Int32Array): void {
  out[1] = 0;
  out[2] = h;
  const lo3 = h & 7;
  const mid3 = (h >>> 3) & 7;
  switch (h >>> 11) {
    case 0: // LSL imm
    case 1: // LSR imm
    case 2: // ASR imm
      dpReg(out, lo3, 0, MOV, 1, mid3, h >>> 11, (h >>> 6) & 31);
      return;
    case 3: {
      const rn = mid3;
      const opc = (h & 0x200) !== 0 ? SUB : ADD;
      if ((h & 0x400) !== 0) dpImm(out, lo3, rn, opc, 1, (h >>> 6) & 7);
      else dpReg(out, lo3, rn, opc, 1, (h >>> 6) & 7, 0, 0);
      return;
    }
    case 4: dpImm(out, (h >>> 8) & 7, 0, MOV, 1, h & 0xff); return;
    case 5: dpImm(out, (h >>> 8) & 7, (h >>> 8) & 7, CMP, 1, h & 0xff); return;
    case 6: dpImm(out, (h >>> 8) & 7, (h >>> 8) & 7, ADD, 1, h & 0xff); return;
    case 7: dpImm(out, (h >>> 8) & 7, (h >>> 8) & 7, SUB, 1, h & 0xff); return;
    case 8:
      if ((h & 0x400) === 0) decodeAlu(h, out);
      else decodeHiReg(h, out);
      return;
    case 9: lsImm(out, (h >>> 8) & 7, 15, 1, 0, ((h & 0xff) << 2) - (addr & 2)); return;
    case 10:
    case 11: {
      const rm = (h >>> 6) & 7;
      const opb = (h >>> 9) & 7;
      if (opb === 0 || opb === 2 || opb === 4 || opb === 6) {
        // STR, STRB, LDR, LDRB
        out[0] = mkop(Op.LsReg, AL);
        out[1] = lo3 | (mid3 << 4) | ((opb >>> 2) << 8) | (((opb >>> 1) & 1) << 9) | (1 << 10) | (1 << 13) | (rm << 16);
        out[2] = 0;
      } else {
        const kind = opb === 1 ? 1 : opb === 3 ? 6 : opb === 5 ? 5 : 7; // STRH, LDRSB, LDRH, LDRSH
        out[0] = mkop(Op.LshReg, AL);
        out[1] = lo3 | (mid3 << 4) | (kind << 8) | (1 << 11) | (1 << 13) | (rm << 16);
        out[2] = 0;
      }
      return;
    }
    case 12: lsImm(out, lo3, mid3, 0, 0, ((h >>> 6) & 31) << 2); return;
    case 13: lsImm(out, lo3, mid3, 1, 0, ((h >>> 6) & 31) << 2); return;
    case 14: lsImm(out, lo3, mid3, 0, 1, (h >>> 6) & 31); return;
    case 15: lsImm(out, lo3, mid3, 1, 1, (h >>> 6) & 31); return;
    case 16:
    case 17:
      out[0] = mkop(Op.LshImm, AL);
      out[1] = lo3 | (mid3 << 4) | (((h & 0x800) !== 0 ? 5 : 1) << 8) | (1 << 11);
      out[2] = ((h >>> 6) & 31) << 1;
      return;
    case 18: lsImm(out, (h >>> 8) & 7, 13, 0, 0, (h & 0xff) << 2); return;
    case 19: lsImm(out, (h >>> 8) & 7, 13, 1, 0, (h & 0xff) << 2); return;
    case 20: dpImm(out, (h >>> 8) & 7, 15, ADD, 0, ((h & 0xff) << 2) - (addr & 2)); return;
    case 21: dpImm(out, (h >>> 8) & 7, 13, ADD, 0, (h & 0xff) << 2); return;
    case 22:
    case 23:
      decodeMisc(h, out);
      return;
    case 24:
    case 25: {
      // STMIA / LDMIA rn!, list
      const l = (h >>> 11) & 1;
      out[0] = mkop(Op.Block, AL);
      out[1] = ((h >>> 8) & 7) | (l << 4) | (1 << 6) | (1 << 8);
      out[2] = h & 0xff;
      return;
    }
    case 26:
    case 27: {
      const cond = (h >>> 8) & 15;
      if (cond === 15) {
        out[0] = mkop(Op.Swi, AL);
      } else if (cond === 14) {
        out[0] = mkop(Op.Undefined, AL);
      } else {
        out[0] = mkop(Op.B, cond);
        out[2] = ((h << 24) >> 23);
      }
      return;
    }
    case 28:
      out[0] = mkop(Op.B, AL);
      out[2] = (h << 21) >> 20;
      return;
    case 29:
      if ((h & 1) !== 0) {
        out[0] = mkop(Op.Undefined, AL);
      } else {
        out[0] = mkop(Op.ThumbBlxSuffix, AL);
        out[2] = (h & 0x7ff) << 1;
      }
      return;
    case 30:
      // BL/BLX prefix: lr = pc + 4 + (offset << 12)
      dpImm(out, 14, 15, ADD, 0, ((h << 21) >> 21) << 12);
      return;
    default:
      out[0] = mkop(Op.ThumbBlSuffix, AL);
      out[2] = (h & 0x7ff) << 1;
  }
}

function decodeAlu(h: number, out: Int32Array): void {
  const rd = h & 7;
  const rm = (h >>> 3) & 7;
  switch ((h >>> 6) & 15) {
    case 0: dpReg(out, rd, rd, AND, 1, rm, 0, 0); return;
    case 1: dpReg(out, rd, rd, EOR, 1, rm, 0, 0); return;
    case 2: case 3: case 4: case 7: {
      const type = [0, 0, 0, 1, 2, 0, 0, 3][(h >>> 6) & 7]!;
      out[0] = mkop(Op.DpRsr, AL);
      out[1] = rd | (MOV << 8) | (1 << 12) | (rd << 16) | (type << 20);
      out[2] = rm;
      return;
    }
    case 5: dpReg(out, rd, rd, ADC, 1, rm, 0, 0); return;
    case 6: dpReg(out, rd, rd, SBC, 1, rm, 0, 0); return;
    case 8: dpReg(out, rd, rd, TST, 1, rm, 0, 0); return;
    case 9: dpImm(out, rd, rm, RSB, 1, 0); return;
    case 10: dpReg(out, rd, rd, CMP, 1, rm, 0, 0); return;
    case 11: dpReg(out, rd, rd, CMN, 1, rm, 0, 0); return;
    case 12: dpReg(out, rd, rd, ORR, 1, rm, 0, 0); return;
    case 13:
      out[0] = mkop(Op.Mul, AL);
      out[1] = rd | (rm << 8) | (rd << 12) | (1 << 17);
      return;
    case 14: dpReg(out, rd, rd, BIC, 1, rm, 0, 0); return;
    default: dpReg(out, rd, rd, MVN, 1, rm, 0, 0);
  }
}

function decodeHiReg(h: number, out: Int32Array): void {
  const rd = (h & 7) | ((h >>> 4) & 8);
  const rm = (h >>> 3) & 15;
  switch ((h >>> 8) & 3) {
    case 0: dpReg(out, rd, rd, ADD, 0, rm, 0, 0); return;
    case 1: dpReg(out, rd, rd, CMP, 1, rm, 0, 0); return;
    case 2: dpReg(out, rd, 0, MOV, 0, rm, 0, 0); return;
    default:
      out[0] = mkop((h & 0x80) !== 0 ? Op.BlxReg : Op.Bx, AL);
      out[1] = rm;
  }
}

function decodeMisc(h: number, out: Int32Array): void {
  switch ((h >>> 8) & 15) {
    case 0: {
      const imm = (h & 0x7f) << 2;
      dpImm(out, 13, 13, (h & 0x80) !== 0 ? SUB : ADD, 0, imm);
      return;
    }
    case 4:
    case 5:
      // PUSH: STMDB sp!, list (+lr)
      out[0] = mkop(Op.Block, AL);
      out[1] = 13 | (1 << 6) | (1 << 7);
      out[2] = (h & 0xff) | ((h & 0x100) << 6);
      return;
    case 12:
    case 13:
      // POP: LDMIA sp!, list (+pc)
      out[0] = mkop(Op.Block, AL);
      out[1] = 13 | (1 << 4) | (1 << 6) | (1 << 8);
      out[2] = (h & 0xff) | ((h & 0x100) << 7);
      return;
    case 14:
      out[0] = mkop(Op.Bkpt, AL);
      return;
    default:
      out[0] = mkop(Op.Undefined, AL);
  }
}
