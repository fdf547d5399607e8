/**
 * Handler ids of decoded instructions. A decoded slot holds `op = (id << 4) | (cond ^ 14)` plus two
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
  /** B. b: offset of the target from the instruction's address (the PC bias included). */
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
  /** LDR rd, [pc, #off] (rd ≠ 15). a: rd; b: offset from the instruction's address (PC bias and Thumb word alignment included). */
  LdrLit: 49,
  /** LDR rd, [rn, rm] (P=1 U=1 W=0, no shift, no r15). a: rd | rn<<4 | rm<<16. */
  LdrReg: 50,
  /** STR rd, [rn, rm]. a as LdrReg. */
  StrReg: 51,
  /** LDRB rd, [rn, rm]. a as LdrReg. */
  LdrbReg: 52,
  /** STRB rd, [rn, rm]. a as LdrReg. */
  StrbReg: 53,
  /** LDR rd, [rn], #off (post-indexed, not LDRT; rd ≠ rn, no r15). a: rd | rn<<4; b: signed offset. */
  LdrPost: 54,
  /** STR rd, [rn], #off. a, b as LdrPost. */
  StrPost: 55,
  /** LDRB rd, [rn], #off. a, b as LdrPost. */
  LdrbPost: 56,
  /** STRB rd, [rn], #off. a, b as LdrPost. */
  StrbPost: 57,
  /** LDR rd, [rn, #off]! (pre-indexed with writeback; rd ≠ rn, no r15). a, b as LdrPost. */
  LdrPre: 58,
  /** STR rd, [rn, #off]!. a, b as LdrPost. */
  StrPre: 59,
  /** LDRB rd, [rn, #off]!. a, b as LdrPost. */
  LdrbPre: 60,
  /** STRB rd, [rn, #off]!. a, b as LdrPost. */
  StrbPre: 61,
  /** AND rd, rn, #imm without S (no r15). a: rd | rn<<4; b: imm. */
  AndImm: 62,
  /** ORR rd, rn, #imm without S. a, b as AndImm. */
  OrrImm: 63,
  /** EOR rd, rn, #imm without S. a, b as AndImm. */
  EorImm: 64,
  /** BIC rd, rn, #imm without S. a, b as AndImm. */
  BicImm: 65,
  /** TST rn, #imm with C unchanged (rn ≠ 15). a: rn; b: imm. */
  TstImm: 66,
  /** CMN rn, #imm (rn ≠ 15). a: rn; b: imm. */
  CmnImm: 67,
  /** SUB rd, rn, rm without S or shift (no r15). a: rd | rn<<4 | rm<<16. */
  SubReg: 68,
  /** AND rd, rn, rm without S or shift. a as SubReg. */
  AndReg: 69,
  /** EOR rd, rn, rm without S or shift. a as SubReg. */
  EorReg: 70,
  /** ORR rd, rn, rm without S or shift. a as SubReg. */
  OrrReg: 71,
  /** MOV rd, rm, LSL #amt without S, amt 1–31 (no r15). a: rd | rm<<16; b: amt. */
  LslNs: 72,
  /** MOV rd, rm, LSR #amt without S, amt 1–31. a, b as LslNs. */
  LsrNs: 73,
  /** MOV rd, rm, ASR #amt without S, amt 1–31. a, b as LslNs. */
  AsrNs: 74,
  /** MOV rd, rm, ROR #amt without S, amt 1–31. a, b as LslNs. */
  RorNs: 75,
  /** ANDS rd, rn, rm (no shift, no r15; C and V unchanged). a as SubReg. */
  AndsReg: 76,
  /** EORS rd, rn, rm. a as SubReg. */
  EorsReg: 77,
  /** ORRS rd, rn, rm. a as SubReg. */
  OrrsReg: 78,
  /** MOVS rd, rm, LSL #amt, amt 1–31 (no r15). a, b as LslNs. */
  LslsImm: 79,
  /** MOVS rd, rm, LSR #amt, amt 1–31. a, b as LslNs. */
  LsrsImm: 80,
  /** MOVS rd, rm, ASR #amt, amt 1–31. a, b as LslNs. */
  AsrsImm: 81,
  /** TST rn, rm (no shift, no r15). a: rn | rm<<16. */
  TstReg: 82,
  /** MUL rd, rm, rs without S (a as Mul). */
  MulNs: 83,
  /** Data processing without S, Rm shifted by LSL #1–31 (no r15, not a compare or MOV/MVN). a as DpRsi; b: amount. */
  DpLslNs: 85,
  /** As DpLslNs with LSR #1–31. */
  DpLsrNs: 86,
  /** As DpLslNs with ASR #1–31. */
  DpAsrNs: 87,
  /**
   * Not an instruction: the slot after the last one of a decode block (and after the slot
   * being run from a slow-path fetch); sends the interpreter to look the block up again.
   */
  BlockEnd: 84,
  /**
   * Not an instruction: planted by the interpreter for the length of a straight run in the
   * slot where the budget of `run()` ends (see interpreter.ts).
   */
  Stop: 88,
  /**
   * CMP rn, #imm fused with the `B<cond>` after it (see fuse.ts). a, b as CmpImm; the slot's
   * spare word: branch condition (`cond ^ 14`) | offset of the target from the CMP << 4.
   */
  CmpImmB: 89,
  /** CMP rn, rm fused with the following `B<cond>`. a as CmpReg; spare as CmpImmB. */
  CmpRegB: 90,
  /** CMN rn, #imm fused with the following `B<cond>`. a, b as CmnImm; spare as CmpImmB. */
  CmnImmB: 91,
  /** TST rn, #imm fused with the following `B<cond>`. a, b as TstImm; spare as CmpImmB. */
  TstImmB: 92,
  /** SUBS rd, rn, #imm fused with the following `B<cond>`. a, b as SubsImm; spare as CmpImmB. */
  SubsImmB: 93,
  /** Thumb BL second half. b: offset (already ×2). */
  ThumbBlSuffix: 40,
  /** Thumb BLX second half. b: offset (already ×2). */
  ThumbBlxSuffix: 41,
} as const;

/**
 * Rewrites a decoded op in `out` into a specialised handler when its fields allow (common
 * compiler output; both decoders call this last). `pcBias` is what r15 reads as beyond the
 * instruction's address: 8 in ARM state, 4 in Thumb state. Specialised handlers never read
 * r15, so every form with a PC operand stays with (or goes back to) a general handler.
 */
export function specialize(out: Int32Array, pcBias: number): void {
  const op = out[0]!;
  const id = op >>> 4;
  const cond = (op & 15) ^ 14;
  const a = out[1]!;
  const rd = a & 15;
  const rn = (a >>> 4) & 15;
  const opc = (a >>> 8) & 15;
  const s = (a >>> 12) & 1;
  switch (id) {
    case Op.B:
    case Op.Bl:
      out[2] = (out[2]! + pcBias) | 0;
      return;
    case Op.MovReg:
      if (((a >>> 16) & 15) === 15) {
        set(out, Op.DpRsiNs, cond, rd | (13 << 8) | (15 << 16));
        out[2] = 0;
      }
      return;
    case Op.LdrImm:
    case Op.LdrbImm:
    case Op.StrImm:
    case Op.StrbImm:
      specializeLsImm(out, id === Op.LdrImm || id === Op.LdrbImm ? 1 : 0, id === Op.LdrbImm || id === Op.StrbImm ? 1 : 0, 1, 0, rd, rn, cond, pcBias);
      return;
    case Op.LsImm:
      if ((a & 0x1000) === 0) specializeLsImm(out, (a >>> 8) & 1, (a >>> 9) & 1, (a >>> 10) & 1, (a >>> 11) & 1, rd, rn, cond, pcBias);
      return;
    case Op.LsReg: {
      const rm = (a >>> 16) & 15;
      // P=1, W=0, T=0, U=1, LSL #0, no r15
      if ((a & 0x303c00) !== 0x2400 || out[2] !== 0 || rd === 15 || rn === 15 || rm === 15) return;
      const load = (a & 0x100) !== 0;
      const byte = (a & 0x200) !== 0;
      set(out, load ? (byte ? Op.LdrbReg : Op.LdrReg) : byte ? Op.StrbReg : Op.StrReg, cond, rd | (rn << 4) | (rm << 16));
      return;
    }
    case Op.Mul:
      // no accumulate, no S, no r15 operand
      if ((a & 0x30000) === 0 && (a & 15) !== 15 && ((a >>> 8) & 15) !== 15 && ((a >>> 12) & 15) !== 15) set(out, Op.MulNs, cond, a);
      return;
    case Op.DpImm:
    case Op.DpImmNs:
      specializeDpImm(out, cond, rd, rn, opc, s, a >>> 24);
      return;
    case Op.DpRsi:
    case Op.DpRsiNs:
      specializeDpRsi(out, cond, rd, rn, opc, s, (a >>> 16) & 15, (a >>> 20) & 3, out[2]!);
      return;
    default:
  }
}

function specializeDpImm(out: Int32Array, cond: number, rd: number, rn: number, opc: number, s: number, carryMode: number): void {
  if (rn === 15 && opc !== 13 && opc !== 15) return;
  if (s === 0) {
    if (rd === 15) return;
    if (opc === 13) set(out, Op.MovImm, cond, rd);
    else if (opc === 4) set(out, Op.AddImm, cond, rd | (rn << 4));
    else if (opc === 2) {
      set(out, Op.AddImm, cond, rd | (rn << 4));
      out[2] = -out[2]! | 0;
    } else if (opc === 0) set(out, Op.AndImm, cond, rd | (rn << 4));
    else if (opc === 12) set(out, Op.OrrImm, cond, rd | (rn << 4));
    else if (opc === 1) set(out, Op.EorImm, cond, rd | (rn << 4));
    else if (opc === 14) set(out, Op.BicImm, cond, rd | (rn << 4));
    return;
  }
  if (opc === 10) set(out, Op.CmpImm, cond, rn);
  else if (opc === 11) set(out, Op.CmnImm, cond, rn);
  else if (opc === 8 && carryMode === 0) set(out, Op.TstImm, cond, rn);
  else if (rd === 15) return;
  else if (opc === 4) set(out, Op.AddsImm, cond, rd | (rn << 4));
  else if (opc === 2) set(out, Op.SubsImm, cond, rd | (rn << 4));
  else if (opc === 13 && carryMode === 0) set(out, Op.MovsImm, cond, rd);
}

function specializeDpRsi(out: Int32Array, cond: number, rd: number, rn: number, opc: number, s: number, rm: number, type: number, amt: number): void {
  const usesRn = opc !== 13 && opc !== 15;
  if (rd === 15 || rm === 15 || (usesRn && rn === 15)) return;
  const plain = amt === 0 && type === 0;
  if (s === 0) {
    if (opc === 13) {
      if (plain) set(out, Op.MovReg, cond, rd | (rm << 16));
      else if (amt !== 0) {
        set(out, type === 0 ? Op.LslNs : type === 1 ? Op.LsrNs : type === 2 ? Op.AsrNs : Op.RorNs, cond, rd | (rm << 16));
      }
      return;
    }
    if (opc >= 8 && opc <= 11) return;
    if (!plain) {
      const shifted = amt !== 0 && type !== 3 && opc !== 15;
      set(out, shifted ? (type === 0 ? Op.DpLslNs : type === 1 ? Op.DpLsrNs : Op.DpAsrNs) : Op.DpRsiNs, cond, out[1]!);
      return;
    }
    const fields = rd | (rn << 4) | (rm << 16);
    if (opc === 4) set(out, Op.AddReg, cond, fields);
    else if (opc === 2) set(out, Op.SubReg, cond, fields);
    else if (opc === 0) set(out, Op.AndReg, cond, fields);
    else if (opc === 1) set(out, Op.EorReg, cond, fields);
    else if (opc === 12) set(out, Op.OrrReg, cond, fields);
    else set(out, Op.DpRsiNs, cond, out[1]!);
    return;
  }
  if (opc === 13 && type !== 3) {
    if (amt !== 0 && type !== 0) set(out, type === 1 ? Op.LsrsImm : Op.AsrsImm, cond, rd | (rm << 16));
    else if (amt !== 0) set(out, Op.LslsImm, cond, rd | (rm << 16));
    else set(out, Op.MovsShift, cond, rd | (rm << 16) | (type << 20));
    return;
  }
  if (!plain) return;
  const fields = rd | (rn << 4) | (rm << 16);
  if (opc === 10) set(out, Op.CmpReg, cond, rn | (rm << 16));
  else if (opc === 8) set(out, Op.TstReg, cond, rn | (rm << 16));
  else if (opc === 4) set(out, Op.AddsReg, cond, fields);
  else if (opc === 2) set(out, Op.SubsReg, cond, fields);
  else if (opc === 0) set(out, Op.AndsReg, cond, fields);
  else if (opc === 1) set(out, Op.EorsReg, cond, fields);
  else if (opc === 12) set(out, Op.OrrsReg, cond, fields);
  else if (opc <= 1 || opc === 8 || opc === 9 || opc >= 12) set(out, Op.LogicsReg, cond, fields | (opc << 8));
}

/** Immediate-offset LDR/STR/LDRB/STRB (not the T forms) into the specialised handlers. */
function specializeLsImm(out: Int32Array, l: number, byte: number, p: number, w: number, rd: number, rn: number, cond: number, pcBias: number): void {
  if (rn === 15) {
    if (l === 1 && byte === 0 && p === 1 && w === 0 && rd !== 15) {
      set(out, Op.LdrLit, cond, rd);
      out[2] = (out[2]! + pcBias) | 0;
    } else setLsImm(out, l, byte, p, w, rd, rn, cond);
    return;
  }
  if (rd === 15) {
    setLsImm(out, l, byte, p, w, rd, rn, cond);
    return;
  }
  if (p === 1 && w === 0) {
    set(out, l === 1 ? (byte === 1 ? Op.LdrbImm : Op.LdrImm) : byte === 1 ? Op.StrbImm : Op.StrImm, cond, rd | (rn << 4));
    return;
  }
  if (rd === rn) {
    setLsImm(out, l, byte, p, w, rd, rn, cond);
    return;
  }
  if (p === 0) set(out, l === 1 ? (byte === 1 ? Op.LdrbPost : Op.LdrPost) : byte === 1 ? Op.StrbPost : Op.StrPost, cond, rd | (rn << 4));
  else set(out, l === 1 ? (byte === 1 ? Op.LdrbPre : Op.LdrPre) : byte === 1 ? Op.StrbPre : Op.StrPre, cond, rd | (rn << 4));
}

/** The generic immediate-offset load/store (Op.LsImm), for the forms without a handler of their own. */
function setLsImm(out: Int32Array, l: number, byte: number, p: number, w: number, rd: number, rn: number, cond: number): void {
  set(out, Op.LsImm, cond, rd | (rn << 4) | (l << 8) | (byte << 9) | (p << 10) | (w << 11));
}

function set(out: Int32Array, id: number, cond: number, a: number): void {
  out[0] = mkop(id, cond);
  out[1] = a;
}

/**
 * Builds a decoded `op` word. The condition is stored as `cond ^ 14`, so AL is 0 and the
 * zero word of an undecoded slot reads as id 0 (decode) with condition AL.
 */
export function mkop(id: number, cond: number): number {
  return (id << 4) | (cond ^ 14);
}

/**
 * Decode-cache constants the interpreter loop and the memory fast paths use on every
 * instruction. A `const enum`, so the bundler writes them in as literals: a module-level
 * `const` becomes a `var` in the bundle, and V8 then loads and checks it at every use
 * (about 7 % of the host instructions of the ARM bench).
 */
export const enum Layout {
  /** Int32 words per decoded slot: op, field word a, field word b, and a spare (a shift away). */
  Slot = 4,
  /** The op word of {@link Op.BlockEnd} (`mkop(Op.BlockEnd, 14)`; checked by a test). */
  BlockEndOp = 84 << 4,
  /** The decoded form of {@link Op.Stop} (`mkop(Op.Stop, 14)`; checked by a test). */
  StopOp = 88 << 4,
  /** Words of a Thumb decode block (513 × 4): a slot per halfword of a 1 KiB RAM block, and the BlockEnd slot. */
  ThumbBlock = 2052,
  /** Words of an ARM decode block (257 × 4): a slot per word of a 1 KiB RAM block, and the BlockEnd slot. */
  ArmBlock = 1028,
  /**
   * Words of the decode store (2 048 × 513 × 4, 16 MiB): room for 2 047 Thumb or 4 095 ARM blocks after the
   * scratch block, ten times what a test0 boot decodes; when it is full it is emptied.
   * Right after it, at this index, comes the spare slot: the interpreter plants its Stop op
   * there when the budget does not end inside the block it enters. No code runs from it.
   */
  DecodeWords = 4_202_496,
}
