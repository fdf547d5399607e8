/**
 * Handler ids of decoded instructions. A decoded slot holds `op = (id << 4) | cond` plus two
 * pre-extracted field words `a` and `b`, whose layout depends on the id (listed here).
 * The interpreter switches on the id with literal case labels (a jump table), so these
 * numbers must match the `case` labels in interpreter.ts.
 *
 * Thumb instructions are decoded into the same ids (with the PC reading as address + 4),
 * plus two Thumb-only ids for the second half of BL/BLX.
 */
export const Op = {
  /** Data processing, immediate. a: rd | rn<<4 | opc<<8 | S<<12 | carryMode<<24 (0 keep C, 2 C=0, 3 C=1); b: imm32. */
  DpImm: 1,
  /** Data processing, register shifted by immediate. a: rd | rn<<4 | opc<<8 | S<<12 | rm<<16 | type<<20; b: amount. */
  DpRsi: 2,
  /** Data processing, register shifted by register. a as DpRsi; b: rs. */
  DpRsr: 3,
  /** MOV rd, #imm without S, rd≠15. a: rd; b: imm. */
  MovImm: 4,
  /** ADD/SUB rd, rn, #imm without S, rd≠15 (SUB stores the negated immediate). a: rd | rn<<4; b: imm. */
  AddImm: 5,
  /** CMP rn, #imm. a: rn; b: imm. */
  CmpImm: 6,
  /** MOV rd, rm without S or shift, rd≠15. a: rd | rm<<16. */
  MovReg: 7,
  /** ADD rd, rn, rm without S or shift, rd≠15. a: rd | rn<<4 | rm<<16. */
  AddReg: 8,
  /** Data processing without S, rd≠15, register shifted by immediate. a, b as DpRsi. */
  DpRsiNs: 9,
  /** Data processing without S, rd≠15, immediate. a: rd | rn<<4 | opc<<8; b: imm. */
  DpImmNs: 38,
  /** CMP rn, rm (no shift). a: rn | rm<<16. */
  CmpReg: 39,
  /** Single load/store, immediate offset. a: rd | rn<<4 | L<<8 | B<<9 | P<<10 | W<<11 | T<<12; b: signed offset. */
  LsImm: 10,
  /** LDR rd, [rn, #off] (P=1 W=0, rd≠15). a: rd | rn<<4; b: offset. */
  LdrImm: 11,
  /** STR rd, [rn, #off] (P=1 W=0). a, b as LdrImm. */
  StrImm: 12,
  /** LDRB rd, [rn, #off] (P=1 W=0, rd≠15). */
  LdrbImm: 13,
  /** STRB rd, [rn, #off] (P=1 W=0). */
  StrbImm: 14,
  /** Single load/store, register offset. a: as LsImm | U<<13 | rm<<16 | type<<20; b: shift amount. */
  LsReg: 15,
  /** Halfword/signed/doubleword transfer, immediate. a: rd | rn<<4 | kind<<8 | P<<11 | W<<12; b: signed offset. kind: 1 STRH, 2 LDRD, 3 STRD, 5 LDRH, 6 LDRSB, 7 LDRSH. */
  LshImm: 16,
  /** As LshImm with a register offset. a: … | U<<13 | rm<<16. */
  LshReg: 17,
  /** LDM/STM. a: rn | L<<4 | S<<5 | W<<6 | P<<7 | U<<8; b: register list. */
  Block: 18,
  /** B. b: offset from the PC as read (address + 8, Thumb + 4). */
  B: 19,
  /** BL (ARM). b: as B. */
  Bl: 20,
  /** MUL/MLA. a: rd | rn<<4 | rs<<8 | rm<<12 | A<<16 | S<<17. */
  Mul: 21,
  /** UMULL/UMLAL/SMULL/SMLAL. a: rdlo | rdhi<<4 | rs<<8 | rm<<12 | A<<16 | S<<17 | signed<<18. */
  MulLong: 22,
  /** SWP/SWPB. a: rd | rn<<4 | rm<<8 | B<<12. */
  Swp: 23,
  /** MRS. a: rd | R<<4. */
  Mrs: 24,
  /** MSR from an immediate. a: fieldmask | R<<4; b: imm. */
  MsrImm: 25,
  /** MSR from a register. a: fieldmask | R<<4 | rm<<8. */
  MsrReg: 26,
  /** BX/BXJ. a: rm. */
  Bx: 27,
  /** BLX register. a: rm. */
  BlxReg: 28,
  /** BLX immediate (ARM, switches to Thumb). b: offset from the PC as read. */
  BlxImm: 29,
  /** CLZ. a: rd | rm<<4. */
  Clz: 30,
  /** QADD/QSUB/QDADD/QDSUB. a: rd | rn<<4 | rm<<8 | op<<12. */
  QArith: 31,
  /** SMLAxy/SMLAWy/SMULWy/SMLALxy/SMULxy. a: rd | rn<<4 | rs<<8 | rm<<12 | op<<16 | x<<18 | y<<19. */
  DspMul: 32,
  /** SWI. b: the instruction. */
  Swi: 33,
  /** BKPT (prefetch abort). b: the instruction. */
  Bkpt: 34,
  /** Coprocessor instructions. b: the instruction. */
  Coproc: 35,
  /** Undefined instruction. b: the instruction. */
  Undefined: 36,
  /** No operation (PLD). */
  Nop: 37,
  /** ADDS rd, rn, #imm (rd, rn ≠ 15). a: rd | rn<<4; b: imm. */
  AddsImm: 42,
  /** SUBS rd, rn, #imm (rd, rn ≠ 15). a, b as AddsImm. */
  SubsImm: 43,
  /** MOVS rd, #imm with C unchanged (rd ≠ 15). a: rd; b: imm. */
  MovsImm: 44,
  /** ADDS rd, rn, rm (no shift, no r15). a: rd | rn<<4 | rm<<16. */
  AddsReg: 45,
  /** SUBS rd, rn, rm (no shift, no r15). a as AddsReg. */
  SubsReg: 46,
  /** AND/EOR/ORR/BIC/MOV/MVN/TST/TEQ with S, rm unshifted (C and V unchanged; no r15). a: rd | rn<<4 | opc<<8 | rm<<16. */
  LogicsReg: 47,
  /** MOVS rd, rm, LSL/LSR/ASR #amt (no r15). a: rd | rm<<16 | type<<20; b: amount. */
  MovsShift: 48,
  /** Thumb BL second half. b: offset (already ×2). */
  ThumbBlSuffix: 40,
  /** Thumb BLX second half. b: offset (already ×2). */
  ThumbBlxSuffix: 41,
} as const;

/**
 * Rewrites a decoded data-processing or load/store op in `out` into a specialised handler
 * when its fields allow (common compiler output; both decoders call this last).
 */
export function specialize(out: Int32Array): void {
  const op = out[0]!;
  const id = op >>> 4;
  const cond = op & 15;
  const a = out[1]!;
  const rd = a & 15;
  const rn = (a >>> 4) & 15;
  const opc = (a >>> 8) & 15;
  const s = (a >>> 12) & 1;
  if (id === Op.DpImm) {
    if (rd === 15 || rn === 15) return;
    if (s === 0) {
      if (opc === 13) set(out, Op.MovImm, cond, rd);
      else if (opc === 4) set(out, Op.AddImm, cond, rd | (rn << 4));
      else if (opc === 2) {
        set(out, Op.AddImm, cond, rd | (rn << 4));
        out[2] = -out[2]! | 0;
      }
      return;
    }
    if (opc === 10) set(out, Op.CmpImm, cond, rn);
    else if (opc === 4) set(out, Op.AddsImm, cond, rd | (rn << 4));
    else if (opc === 2) set(out, Op.SubsImm, cond, rd | (rn << 4));
    else if (opc === 13 && a >>> 24 === 0) set(out, Op.MovsImm, cond, rd);
    return;
  }
  if (id === Op.DpRsi) {
    const rm = (a >>> 16) & 15;
    const type = (a >>> 20) & 3;
    const amt = out[2]!;
    if (rd === 15 || rn === 15 || rm === 15 || s === 0) return;
    if (opc === 13 && type !== 3) {
      set(out, Op.MovsShift, cond, rd | (rm << 16) | (type << 20));
      return;
    }
    if (amt !== 0 || type !== 0) return;
    if (opc === 10) set(out, Op.CmpReg, cond, rn | (rm << 16));
    else if (opc === 4) set(out, Op.AddsReg, cond, rd | (rn << 4) | (rm << 16));
    else if (opc === 2) set(out, Op.SubsReg, cond, rd | (rn << 4) | (rm << 16));
    else if (opc <= 1 || opc === 8 || opc === 9 || opc >= 12) set(out, Op.LogicsReg, cond, rd | (rn << 4) | (opc << 8) | (rm << 16));
    return;
  }
  if (id === Op.LsImm) {
    // P=1, W=0, T=0 with rd ≠ 15 for loads
    if ((a & 0x1c00) !== 0x400) return;
    const load = (a & 0x100) !== 0;
    if (load && rd === 15) return;
    const byte = (a & 0x200) !== 0;
    set(out, load ? (byte ? Op.LdrbImm : Op.LdrImm) : byte ? Op.StrbImm : Op.StrImm, cond, rd | (rn << 4));
  }
}

function set(out: Int32Array, id: number, cond: number, a: number): void {
  out[0] = (id << 4) | cond;
  out[1] = a;
}

/** Builds a decoded `op` word. */
export function mkop(id: number, cond: number): number {
  return (id << 4) | cond;
}
