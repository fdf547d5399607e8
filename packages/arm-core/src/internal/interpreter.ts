import type { Cpu } from '../cpu.js';
import { ExceptionKind } from '../api.js';
import { conditionTable } from './cond-table.js';
import { Layout } from './ops.js';
import { Tlb } from '../translation-cache.js';
import { alu, aluNs, shiftImm, shiftOffset, shiftReg } from './alu.js';
import { execMem } from './mem-ops.js';
import { execRare } from './rare-ops.js';

/*
 * The interpreter's own arrays are module constants: V8 embeds the address and length of
 * a module-level `const` in optimised code, where an array read from a field (`cpu.r`)
 * has its type checked and its address and length reloaded at each use, several times
 * per guest instruction. The CPU that runs owns them (`Cpu.r`, `Cpu.claim`); tsup.config.ts
 * keeps these declarations `const` in the bundle.
 */

/**
 * The registers r0–r15 of the owning CPU (its `r` while it owns them). Made over its own
 * ArrayBuffer: V8 keeps typed arrays of 64 bytes or less inside its heap, where they may
 * move, and then reloads their address at each use.
 */
export const LIVE_REGS = new Int32Array(new ArrayBuffer(64));
/**
 * The decode store of the owning CPU: four words per slot (op, field words a and b, spare),
 * and the spare slot after it (see {@link Layout.DecodeWords}).
 */
export const DECODED = new Int32Array(Layout.DecodeWords + Layout.Slot);
/**
 * The condition flags N, Z, C, V (each 0 or 1, indexed by {@link Flag}) of the owning CPU
 * (its `n`, `z`, `c`, `v` while it owns them), over its own ArrayBuffer as LIVE_REGS is.
 */
export const FLAGS = new Int32Array(new ArrayBuffer(16));
/** Indices of the flags in {@link FLAGS}. */
export const enum Flag {
  N = 0,
  Z = 1,
  C = 2,
  V = 3,
}
/** `COND_PASS[((cond ^ 14) << 4) | nzcv]` is 1 when the condition passes (cond-table.ts). */
const COND_PASS = conditionTable();

const enum Budget {
  /** More than the longest straight run between two flow points (a Thumb block: 512 slots). */
  Near = 1024,
}

/**
 * The interpreter loop: runs up to `budget` instructions of `cpu` (which must own the
 * module arrays above) and returns how many ran. A fast inner loop switches on the decoded
 * handler id of the frequent instructions; the rest go once through a general `switch`
 * (literal case labels in both, see ops.ts). Handlers that change the PC
 * non-sequentially, the mode or the state set `cpu.pcNext`/`cpu.sync` and the loop
 * reloads its cached locals. This function is also the seam for a future
 * block-compiler tier: a compiled block would be looked up where `enterBlock` is called.
 */
export function interpret(cpu: Cpu, budget: number): number {
  const r = LIVE_REGS;
  const flags = FLAGS;
  const cond = COND_PASS;
  let count = 0;
  let pc = 0;
  let thumb = 0;
  let step = 4;
  let pcOff = 8;
  let base = 0;
  let blockV = -1;
  const dec = DECODED;
  // Slot index of the instruction at pc: 4 words per ARM word or Thumb halfword of the
  // 1 KiB block. Sequential execution just adds Layout.Slot; a slot past the end of a decode block
  // holds a BlockEnd op, so only jumps and state changes (flow ≠ 0) look the block up.
  let idx = 0;
  // The budget is checked only where the flow is not sequential: a straight run ends at a
  // BlockEnd slot, so it is at most one block long. Once fewer than Budget.Near instructions are
  // left, a Stop op is planted in the slot where the budget runs out (and taken out again
  // at the next flow point), and branches inside a block go through the flow point too.
  // Every flow point plants one, in the spare slot when the budget does not end in the
  // block: the same code runs either way, so V8 has its feedback when it compiles this
  // function. (A path first taken after that costs a recompilation of the whole function,
  // tens of milliseconds of the compiler's time, at every cold start.)
  const nearLimit = budget - Budget.Near;
  let stopIdx: number = Layout.DecodeWords;
  let stopSaved = 0;
  // 1 when the budget ended at the planted Stop, whose slot was counted but did not run
  let stopped = 0;
  // 0: next instruction in sequence; 1: pc jumped (same state); 2: reload pc and state from
  // cpu (after a state change, an exception, or an abort taken by a memory handler)
  let flow = 2;
  // the instruction the fast loop hands over to the general switch: its op word, field
  // words and address (pc, idx and count are already past it)
  let op: number;
  let a: number;
  let b: number;
  let cur: number;
  loop: for (;;) {
    if (flow !== 0) {
      // a store may have dropped the planted slot meanwhile: then it stays undecoded
      if (dec[stopIdx] === Layout.StopOp) dec[stopIdx] = stopSaved;
      if (flow === 2) {
        cpu.sync = 0;
        pc = cpu.pcNext;
        thumb = cpu.thumb;
        step = thumb !== 0 ? 2 : 4;
        pcOff = thumb !== 0 ? 4 : 8;
        blockV = -1;
        if (cpu.stopReason >= 0) break;
      }
      flow = 0;
      if (count >= budget) break;
      if ((pc & ~0x3ff) !== blockV) {
        base = cpu.enterBlock(pc);
        blockV = cpu.blockV;
      }
      idx = base + ((pc & 0x3ff) << thumb);
      const s = idx + (budget - count) * Layout.Slot;
      // the block's BlockEnd slot (the scratch block has one right after the slot in use)
      const next = idx + Layout.Slot;
      const end = blockV === -1 ? next : base + (thumb !== 0 ? Layout.ThumbBlock : Layout.ArmBlock) - Layout.Slot;
      const inside = s < end;
      stopIdx = count >= nearLimit && inside ? s : Layout.DecodeWords;
      stopSaved = dec[stopIdx]!;
      dec[stopIdx] = Layout.StopOp;
    }
    // One instruction at a time while something must be checked between instructions.
    let one = 0;
    if (cpu.attention !== 0) {
      cpu.pcNext = pc;
      cpu.live = count;
      cpu.checkAttention();
      if (cpu.sync !== 0) {
        flow = 2;
        continue;
      }
      one = 1;
    }
    // The fast loop runs the frequent instructions and makes no calls, which keeps V8's
    // register allocation of the loop simple (the general switch's calls spill most locals
    // at every instruction). It leaves the loop at an instruction it does not handle, or
    // whose memory access misses the translation cache or needs more care, with op, a, b
    // and cur set for the general switch below.
    const ram32 = cpu.ram32;
    const ram8 = cpu.ram8;
    const codeMap = cpu.codeMap;
    const tag = cpu.tlbTag;
    const off = cpu.tlbOff;
    const priv = cpu.priv;
    fast: for (;;) {
      op = dec[idx]!;
      count = (count + 1) | 0;
      // condition field stored as cond ^ 14, so AL (and the undecoded op 0) is 0
      const cc = op & 15;
      if (cc !== 0 && cond[(cc << 4) | (flags[Flag.N]! << 3) | (flags[Flag.Z]! << 2) | (flags[Flag.C]! << 1) | flags[Flag.V]!] === 0) {
        pc = (pc + step) | 0;
        idx = (idx + Layout.Slot) | 0;
        if (one !== 0) continue loop;
        continue;
      }
      // r15 as an operand (address + 8, Thumb + 4) is stored only by handlers that may read it
      cur = pc;
      pc = (pc + step) | 0;
      a = dec[idx + 1]!;
      b = dec[idx + 2]!;
      idx = (idx + Layout.Slot) | 0;
      switch (op >>> 4) {
        case 4:
          r[a] = b;
          break;
        case 5:
          r[a & 15] = (r[a >>> 4]! + b) | 0;
          break;
        case 6: {
          const x = r[a]!;
          const res = (x - b) | 0;
          flags[Flag.N] = res >>> 31;
          flags[Flag.Z] = res === 0 ? 1 : 0;
          flags[Flag.C] = x >>> 0 >= b >>> 0 ? 1 : 0;
          flags[Flag.V] = ((x ^ b) & (x ^ res)) >>> 31;
          break;
        }
        case 7:
          r[a & 15] = r[a >>> 16]!;
          break;
        case 8:
          r[a & 15] = (r[(a >>> 4) & 15]! + r[a >>> 16]!) | 0;
          break;
        case 39: {
          const x = r[a & 15]!;
          const y = r[a >>> 16]!;
          const res = (x - y) | 0;
          flags[Flag.N] = res >>> 31;
          flags[Flag.Z] = res === 0 ? 1 : 0;
          flags[Flag.C] = x >>> 0 >= y >>> 0 ? 1 : 0;
          flags[Flag.V] = ((x ^ y) & (x ^ res)) >>> 31;
          break;
        }
        case 42: {
          const x = r[a >>> 4]!;
          const res = (x + b) | 0;
          r[a & 15] = res;
          flags[Flag.N] = res >>> 31;
          flags[Flag.Z] = res === 0 ? 1 : 0;
          flags[Flag.C] = (x >>> 0) + (b >>> 0) > 0xffffffff ? 1 : 0;
          flags[Flag.V] = ((x ^ res) & (b ^ res)) >>> 31;
          break;
        }
        case 43: {
          const x = r[a >>> 4]!;
          const res = (x - b) | 0;
          r[a & 15] = res;
          flags[Flag.N] = res >>> 31;
          flags[Flag.Z] = res === 0 ? 1 : 0;
          flags[Flag.C] = x >>> 0 >= b >>> 0 ? 1 : 0;
          flags[Flag.V] = ((x ^ b) & (x ^ res)) >>> 31;
          break;
        }
        case 44:
          r[a] = b;
          flags[Flag.N] = b >>> 31;
          flags[Flag.Z] = b === 0 ? 1 : 0;
          break;
        case 45: {
          const x = r[(a >>> 4) & 15]!;
          const y = r[a >>> 16]!;
          const res = (x + y) | 0;
          r[a & 15] = res;
          flags[Flag.N] = res >>> 31;
          flags[Flag.Z] = res === 0 ? 1 : 0;
          flags[Flag.C] = (x >>> 0) + (y >>> 0) > 0xffffffff ? 1 : 0;
          flags[Flag.V] = ((x ^ res) & (y ^ res)) >>> 31;
          break;
        }
        case 46: {
          const x = r[(a >>> 4) & 15]!;
          const y = r[a >>> 16]!;
          const res = (x - y) | 0;
          r[a & 15] = res;
          flags[Flag.N] = res >>> 31;
          flags[Flag.Z] = res === 0 ? 1 : 0;
          flags[Flag.C] = x >>> 0 >= y >>> 0 ? 1 : 0;
          flags[Flag.V] = ((x ^ y) & (x ^ res)) >>> 31;
          break;
        }
        case 47: {
          const x = r[(a >>> 4) & 15]!;
          const y = r[a >>> 16]!;
          let res: number;
          switch ((a >>> 8) & 15) {
            case 0:
            case 8:
              res = x & y;
              break;
            case 1:
            case 9:
              res = x ^ y;
              break;
            case 12:
              res = x | y;
              break;
            case 13:
              res = y;
              break;
            case 14:
              res = x & ~y;
              break;
            default:
              res = ~y;
          }
          if (((a >>> 8) & 14) !== 8) r[a & 15] = res;
          flags[Flag.N] = res >>> 31;
          flags[Flag.Z] = res === 0 ? 1 : 0;
          break;
        }
        case 62:
          r[a & 15] = r[a >>> 4]! & b;
          break;
        case 63:
          r[a & 15] = r[a >>> 4]! | b;
          break;
        case 64:
          r[a & 15] = r[a >>> 4]! ^ b;
          break;
        case 65:
          r[a & 15] = r[a >>> 4]! & ~b;
          break;
        case 66: {
          const res = r[a]! & b;
          flags[Flag.N] = res >>> 31;
          flags[Flag.Z] = res === 0 ? 1 : 0;
          break;
        }
        case 67: {
          const x = r[a]!;
          const res = (x + b) | 0;
          flags[Flag.N] = res >>> 31;
          flags[Flag.Z] = res === 0 ? 1 : 0;
          flags[Flag.C] = (x >>> 0) + (b >>> 0) > 0xffffffff ? 1 : 0;
          flags[Flag.V] = ((x ^ res) & (b ^ res)) >>> 31;
          break;
        }
        case 68:
          r[a & 15] = (r[(a >>> 4) & 15]! - r[a >>> 16]!) | 0;
          break;
        case 69:
          r[a & 15] = r[(a >>> 4) & 15]! & r[a >>> 16]!;
          break;
        case 70:
          r[a & 15] = r[(a >>> 4) & 15]! ^ r[a >>> 16]!;
          break;
        case 71:
          r[a & 15] = r[(a >>> 4) & 15]! | r[a >>> 16]!;
          break;
        case 72:
          r[a & 15] = r[a >>> 16]! << b;
          break;
        case 73:
          r[a & 15] = (r[a >>> 16]! >>> b) | 0;
          break;
        case 74:
          r[a & 15] = r[a >>> 16]! >> b;
          break;
        case 75: {
          const x = r[a >>> 16]!;
          r[a & 15] = (x >>> b) | (x << (32 - b));
          break;
        }
        case 76:
        case 77:
        case 78: {
          // AndsReg / EorsReg / OrrsReg
          const x = r[(a >>> 4) & 15]!;
          const y = r[a >>> 16]!;
          const id = op >>> 4;
          const res = id === 76 ? x & y : id === 77 ? x ^ y : x | y;
          r[a & 15] = res;
          flags[Flag.N] = res >>> 31;
          flags[Flag.Z] = res === 0 ? 1 : 0;
          break;
        }
        case 79: {
          const x = r[a >>> 16]!;
          const res = x << b;
          r[a & 15] = res;
          flags[Flag.N] = res >>> 31;
          flags[Flag.Z] = res === 0 ? 1 : 0;
          flags[Flag.C] = (x >>> (32 - b)) & 1;
          break;
        }
        case 80: {
          const x = r[a >>> 16]!;
          const res = (x >>> b) | 0;
          r[a & 15] = res;
          flags[Flag.N] = res >>> 31;
          flags[Flag.Z] = res === 0 ? 1 : 0;
          flags[Flag.C] = (x >>> (b - 1)) & 1;
          break;
        }
        case 81: {
          const x = r[a >>> 16]!;
          const res = x >> b;
          r[a & 15] = res;
          flags[Flag.N] = res >>> 31;
          flags[Flag.Z] = res === 0 ? 1 : 0;
          flags[Flag.C] = (x >>> (b - 1)) & 1;
          break;
        }
        case 82: {
          const res = r[a & 15]! & r[a >>> 16]!;
          flags[Flag.N] = res >>> 31;
          flags[Flag.Z] = res === 0 ? 1 : 0;
          break;
        }
        case 83:
          r[a & 15] = Math.imul(r[(a >>> 12) & 15]!, r[(a >>> 8) & 15]!);
          break;
        case 21: {
          r[15] = cur + pcOff;
          // MUL/MLA
          let res = Math.imul(r[(a >>> 12) & 15]!, r[(a >>> 8) & 15]!);
          if ((a & 0x10000) !== 0) res = (res + r[(a >>> 4) & 15]!) | 0;
          r[a & 15] = res;
          if ((a & 0x20000) !== 0) {
            flags[Flag.N] = res >>> 31;
            flags[Flag.Z] = res === 0 ? 1 : 0;
          }
          break;
        }
        case 38:
        case 85:
        case 86:
        case 87: {
          // DpImmNs / DpLslNs / DpLsrNs / DpAsrNs: rd = rn <op> (#imm, or rm shifted by b), no flags
          r[15] = cur + pcOff;
          const id = op >>> 4;
          let y = b;
          if (id !== 38) {
            const m = r[(a >>> 16) & 15]!;
            y = id === 85 ? m << b : id === 86 ? (m >>> b) | 0 : m >> b;
          }
          const x = r[(a >>> 4) & 15]!;
          let res: number;
          switch ((a >>> 8) & 15) {
            case 0:
              res = x & y;
              break;
            case 1:
              res = x ^ y;
              break;
            case 2:
              res = (x - y) | 0;
              break;
            case 3:
              res = (y - x) | 0;
              break;
            case 4:
              res = (x + y) | 0;
              break;
            case 5:
              res = (x + y + flags[Flag.C]!) | 0;
              break;
            case 6:
              res = (x - y - 1 + flags[Flag.C]!) | 0;
              break;
            case 7:
              res = (y - x - 1 + flags[Flag.C]!) | 0;
              break;
            case 12:
              res = x | y;
              break;
            case 13:
              res = y;
              break;
            case 14:
              res = x & ~y;
              break;
            default:
              res = ~y;
          }
          r[a & 15] = res;
          break;
        }
        case 89:
        case 90:
        case 91:
        case 92:
        case 93: {
          // a compare fused with the B<cond> after it (fuse.ts): CMP #imm, CMP reg, CMN #imm,
          // TST #imm (C, V unchanged), SUBS #imm
          const id = op >>> 4;
          let n: number, z: number, c: number, v: number;
          if (id === 92) {
            const res = r[a]! & b;
            n = res >>> 31;
            z = res === 0 ? 1 : 0;
            c = flags[Flag.C]!;
            v = flags[Flag.V]!;
          } else if (id === 91) {
            const x = r[a]!;
            const res = (x + b) | 0;
            n = res >>> 31;
            z = res === 0 ? 1 : 0;
            c = (x >>> 0) + (b >>> 0) > 0xffffffff ? 1 : 0;
            v = ((x ^ res) & (b ^ res)) >>> 31;
          } else {
            const x = id === 90 ? r[a & 15]! : id === 93 ? r[a >>> 4]! : r[a]!;
            const y = id === 90 ? r[a >>> 16]! : b;
            const res = (x - y) | 0;
            if (id === 93) r[a & 15] = res;
            n = res >>> 31;
            z = res === 0 ? 1 : 0;
            c = x >>> 0 >= y >>> 0 ? 1 : 0;
            v = ((x ^ y) & (x ^ res)) >>> 31;
          }
          flags[Flag.N] = n;
          flags[Flag.Z] = z;
          flags[Flag.C] = c;
          flags[Flag.V] = v;
          // near the budget, or one instruction at a time: the branch runs from its own slot
          if (count >= nearLimit || one !== 0) break;
          count = (count + 1) | 0;
          const s = dec[idx - 1]!;
          if (cond[((s & 15) << 4) | (n << 3) | (z << 2) | (c << 1) | v] !== 0) {
            pc = (cur + (s >> 4)) | 0;
            if ((pc & ~0x3ff) !== blockV) {
              flow = 1;
              continue loop;
            }
            idx = base + ((pc & 0x3ff) << thumb);
          } else {
            pc = (pc + step) | 0;
            idx = (idx + Layout.Slot) | 0;
          }
          break;
        }
        case 19:
          pc = (cur + b) | 0;
          // inside the block and far from the budget: no lookup
          if (count >= nearLimit || (pc & ~0x3ff) !== blockV) {
            flow = 1;
            continue loop;
          }
          idx = base + ((pc & 0x3ff) << thumb);
          break;
        case 20:
          r[14] = pc;
          pc = (cur + b) | 0;
          flow = 1;
          continue loop;
        case 40: {
          // Thumb BL suffix
          const target = (r[14]! + b) & ~1;
          r[14] = pc | 1;
          pc = target;
          flow = 1;
          continue loop;
        }
        case 84:
          // BlockEnd: sequential execution left the decode block (or a slow-path fetch)
          count = (count - 1) | 0;
          pc = cur;
          flow = 1;
          continue loop;
        case 37:
          break;
        case 27:
        case 28: {
          // BX / BLX register: bit 0 of the target selects the state
          r[15] = cur + pcOff;
          const t = r[a]!;
          // BLX links (pc | 1 in Thumb). The link is worked out and written for BX too (lr
          // unchanged), so that BX's runs give V8 the feedback of BLX's code: else the first
          // BLX after the loop is compiled would make V8 drop and recompile the whole function.
          const link = pc | thumb;
          r[14] = op >>> 4 === 28 ? link : r[14]!;
          const nt = t & 1;
          pc = nt !== 0 ? t & ~1 : t & ~3;
          if (nt !== thumb) {
            cpu.thumb = nt;
            cpu.pcNext = pc;
            cpu.sync = 1;
            flow = 2;
          } else flow = 1;
          continue loop;
        }
        case 18: {
          // LDM/STM without ^ inside one RAM page with its translation at hand, ARMv5 only
          // (execBlock does the rest: it is the reference for what is done here)
          if ((a & 0x20) !== 0 || b === 0 || cpu.v4t !== 0) break fast;
          let n = 0;
          for (let l = b; l !== 0; l &= l - 1) n++;
          r[15] = cur + pcOff;
          const rn = a & 15;
          const baseVal = r[rn]!;
          const up = (a & 0x100) !== 0;
          const first = (a & 0x80) !== 0 ? 4 : 0;
          const addr = up ? (baseVal + first) | 0 : (baseVal - 4 * n + 4 - first) | 0;
          if ((addr & 3) !== 0 || (addr & 0xfff) + 4 * n > 0x1000) break fast;
          const load = (a & 0x10) !== 0;
          const pg = addr >>> 12;
          const i = (load ? 0 : Tlb.Size) + (pg & Tlb.Mask);
          if (tag[i] !== ((pg << 1) | priv)) break fast;
          const o = (off[i]! + (addr & 0xfff)) | 0;
          const newBase = up ? (baseVal + 4 * n) | 0 : (baseVal - 4 * n) | 0;
          let w = o >> 2;
          if (load) {
            // written back first, so that a loaded base wins
            if ((a & 0x40) !== 0) r[rn] = newBase;
            for (let l = b & 0x7fff; l !== 0; l &= l - 1) r[31 - Math.clz32(l & -l)] = ram32[w++]!;
            if ((b & 0x8000) === 0) break;
            const t = ram32[w]!;
            const nt = t & 1;
            pc = nt !== 0 ? t & ~1 : t & ~3;
            if (nt !== thumb) {
              cpu.thumb = nt;
              cpu.pcNext = pc;
              cpu.sync = 1;
              flow = 2;
            } else flow = 1;
            continue loop;
          }
          // r15 stored, or decoded code overwritten: the general path
          if ((b & 0x8000) !== 0 || codeMap[o >>> 10] !== 0 || codeMap[(o + 4 * n - 1) >>> 10] !== 0) break fast;
          for (let l = b; l !== 0; l &= l - 1) ram32[w++] = r[31 - Math.clz32(l & -l)]!;
          if ((a & 0x40) !== 0) r[rn] = newBase;
          break;
        }
        case 11:
        case 13:
        case 49:
        case 50:
        case 52:
        case 54:
        case 56:
        case 58:
        case 60: {
          // LDR and LDRB: immediate, literal, register, post- and pre-indexed (only hits
          // of the translation cache, aligned; the general switch does the rest)
          const id = op >>> 4;
          const rn = (a >>> 4) & 15;
          const x = id === 49 ? cur : r[rn]!;
          const addr = id === 54 || id === 56 ? x : id === 50 || id === 52 ? (x + r[a >>> 16]!) | 0 : (x + b) | 0;
          const pg = addr >>> 12;
          const i = pg & Tlb.Mask;
          if (tag[i] !== ((pg << 1) | priv)) break fast;
          const o = (off[i]! + (addr & 0xfff)) | 0;
          let val: number;
          if (id === 13 || id === 52 || id === 56 || id === 60) val = ram8[o]!;
          else if ((addr & 3) === 0) val = ram32[o >> 2]!;
          else break fast;
          if (id >= 54) r[rn] = id >= 58 ? addr : (addr + b) | 0;
          r[a & 15] = val;
          break;
        }
        case 12:
        case 14:
        case 51:
        case 53:
        case 55:
        case 57:
        case 59:
        case 61: {
          // STR and STRB: immediate, register, post- and pre-indexed (only hits of the
          // translation cache, aligned, to RAM without decoded code)
          const id = op >>> 4;
          const rn = (a >>> 4) & 15;
          const x = r[rn]!;
          const addr = id === 55 || id === 57 ? x : id === 51 || id === 53 ? (x + r[a >>> 16]!) | 0 : (x + b) | 0;
          const pg = addr >>> 12;
          const i = Tlb.Size + (pg & Tlb.Mask);
          if (tag[i] !== ((pg << 1) | priv)) break fast;
          const o = (off[i]! + (addr & 0xfff)) | 0;
          if (codeMap[o >>> 10] !== 0) break fast;
          if (id === 14 || id === 53 || id === 57 || id === 61) ram8[o] = r[a & 15]!;
          else if ((addr & 3) === 0) ram32[o >> 2] = r[a & 15]!;
          else break fast;
          if (id >= 55) r[rn] = id >= 59 ? addr : (addr + b) | 0;
          break;
        }
        default:
          break fast;
      }
      if (one !== 0) continue loop;
    }
    // the general switch: everything else, once
    switch (op >>> 4) {
      case 0:
        // undecoded slot: decode it, then run it from the top (a slow-path fetch or a
        // prefetch abort may reach the host, so the count is published)
        pc = cur;
        idx -= Layout.Slot;
        if (idx === stopIdx) {
          // the planted Stop was dropped by a store: the budget ends here all the same
          stopped = 1;
          break loop;
        }
        // through the rare call site: decoding is once per slot, and the decoders' code
        // paths inside this function would each cost it a recompilation when first taken
        flow = execRare(cpu, 0, idx, 0, cur, pc, pcOff, count);
        // flow 2: a prefetch abort taken, which counts as an instruction (so a loop of
        // aborts still ends); else the slot runs next, from the top
        if (flow === 0) count--;
        break;
      case 88:
        // Stop: the budget ends before this slot. This path does no arithmetic and no
        // array access: it runs first long after V8 compiled this function, and an
        // operation without V8's feedback would make it recompile the function.
        stopped = 1;
        pc = cur;
        break loop;
      case 1: {
        r[15] = cur + pcOff;
        // DpImm
        const cm = a >>> 24;
        const t = alu(cpu, a, r[(a >>> 4) & 15]!, b, cm === 0 ? flags[Flag.C]! : cm & 1);
        if (t !== -1) {
          pc = t;
          flow = 1;
          if (cpu.sync !== 0) {
            cpu.pcNext = t;
            flow = 2;
          }
        }
        break;
      }
      case 2: {
        r[15] = cur + pcOff;
        // DpRsi
        const type = (a >>> 20) & 3;
        let y = r[(a >>> 16) & 15]!;
        let shc = flags[Flag.C]!;
        if ((b | type) !== 0) {
          y = shiftImm(cpu, y, type, b);
          shc = cpu.shc;
        }
        const t = alu(cpu, a, r[(a >>> 4) & 15]!, y, shc);
        if (t !== -1) {
          pc = t;
          flow = 1;
          if (cpu.sync !== 0) {
            cpu.pcNext = t;
            flow = 2;
          }
        }
        break;
      }
      case 3: {
        // DpRsr: a PC operand reads as address + 12 here
        r[15] = cur + pcOff + 4;
        const y = shiftReg(cpu, r[(a >>> 16) & 15]!, (a >>> 20) & 3, r[b]!);
        const t = alu(cpu, a, r[(a >>> 4) & 15]!, y, cpu.shc);
        if (t !== -1) {
          pc = t;
          flow = 1;
          if (cpu.sync !== 0) {
            cpu.pcNext = t;
            flow = 2;
          }
        }
        break;
      }
      case 9: {
        r[15] = cur + pcOff;
        // DpRsiNs: no flags, rd≠15
        const type = (a >>> 20) & 3;
        let y = r[(a >>> 16) & 15]!;
        if ((b | type) !== 0) y = shiftOffset(cpu, y, type, b);
        r[a & 15] = aluNs((a >>> 8) & 15, r[(a >>> 4) & 15]!, y, flags[Flag.C]!);
        break;
      }
      case 38:
        r[15] = cur + pcOff;
        r[a & 15] = aluNs((a >>> 8) & 15, r[(a >>> 4) & 15]!, b, flags[Flag.C]!);
        break;
      case 48: {
        const res = shiftImm(cpu, r[(a >>> 16) & 15]!, (a >>> 20) & 3, b);
        r[a & 15] = res;
        flags[Flag.N] = res >>> 31;
        flags[Flag.Z] = res === 0 ? 1 : 0;
        flags[Flag.C] = cpu.shc;
        break;
      }
      case 27:
        r[15] = cur + pcOff;
        cpu.pcNext = pc;
        loadPc(cpu, r[a]!);
        flow = 2;
        break;
      case 10:
      case 15:
      case 11:
      case 12:
      case 13:
      case 14:
      case 16:
      case 17:
      case 18:
      case 49:
      case 50:
      case 51:
      case 52:
      case 53:
      case 54:
      case 55:
      case 56:
      case 57:
      case 58:
      case 59:
      case 60:
      case 61:
        // loads and stores the fast loop handed over, through one call site (mem-ops.ts)
        flow = execMem(cpu, op >>> 4, a, b, cur, pc, pcOff, count);
        break;
      default:
        // everything rare, through one call site (rare-ops.ts)
        flow = execRare(cpu, op >>> 4, a, b, cur, pc, pcOff, count);
    }
  }
  // the planted Stop goes (unless a store dropped its slot); written back either way, for
  // V8's feedback as at the Stop
  const planted = dec[stopIdx]!;
  dec[stopIdx] = planted === (Layout.StopOp as number) ? stopSaved : planted;
  cpu.pcNext = pc;
  cpu.live = 0;
  return count - stopped;
}

/** Takes a data abort for the instruction at `cur` (clears `cpu.abort`). */
export function dataAbort(cpu: Cpu, cur: number, addr: number): void {
  const status = cpu.abort;
  cpu.abort = 0;
  cpu.exception(ExceptionKind.DataAbort, cur, 0, addr, status);
}

/** Writes the PC with ARMv5 interworking: bit 0 selects Thumb state. */
export function loadPc(cpu: Cpu, val: number): void {
  if ((val & 1) !== 0) {
    cpu.thumb = 1;
    cpu.pcNext = val & ~1;
  } else {
    cpu.thumb = 0;
    cpu.pcNext = val & ~3;
  }
  cpu.sync = 1;
}
