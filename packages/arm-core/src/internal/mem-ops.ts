import type { Cpu } from '../cpu.js';
import { dataAbort } from './interpreter.js';
import { shiftOffset } from './alu.js';
import { execBlock, execLsh } from './slow-ops.js';
import { loadPcFromMemory } from './v4t.js';

/**
 * The loads and stores the interpreter's fast loop hands over: a translation-cache miss, an
 * unaligned address, a store to a page holding decoded code, the MMIO and fault paths, and
 * the forms the fast loop does not run (LDRH/STRH/LDRD/STRD, LDM/STM it cannot do in one
 * page, the register-offset and user-mode forms).
 *
 * They share this one call site in the loop for the same reason as rare-ops.ts: a call V8
 * has not seen made, or a memory handler first meeting an address of 2³¹ or more, costs
 * the optimised function holding it a deoptimisation and a recompilation. In the loop
 * that is the largest function of the system (over 100 ms of compiling each time, during
 * a cold boot when it matters most); here it costs this function alone.
 *
 * `id` is the op id, `cur` the instruction's address, `next` the address after it, `pcOff`
 * what r15 reads as, `count` the instructions run so far. Returns the interpreter's flow
 * code: 0 to go on in sequence, 2 to reload the PC and state from the CPU (a load into the
 * PC, a state change, or an abort taken here).
 */
export function execMem(cpu: Cpu, id: number, a: number, b: number, cur: number, next: number, pcOff: number, count: number): number {
  const r = cpu.r;
  cpu.live = count;
  switch (id) {
    case 10:
    case 15: {
      r[15] = cur + pcOff;
      // LsImm / LsReg
      const rn = (a >>> 4) & 15;
      const rd = a & 15;
      const baseVal = r[rn]!;
      let off = b;
      if (id === 15) {
        off = shiftOffset(cpu, r[(a >>> 16) & 15]!, (a >>> 20) & 3, b);
        if ((a & 0x2000) === 0) off = -off | 0;
      }
      const pre = (a & 0x400) !== 0;
      const addr = pre ? (baseVal + off) | 0 : baseVal;
      const priv = (a & 0x1000) !== 0 ? 0 : cpu.priv;
      if ((a & 0x100) !== 0) {
        const val = (a & 0x200) !== 0 ? cpu.ld8(addr, priv) : cpu.ld32(addr, priv);
        if (cpu.abort !== 0) return abort(cpu, cur, addr);
        if (!pre) r[rn] = (baseVal + off) | 0;
        else if ((a & 0x800) !== 0) r[rn] = addr;
        if (rd !== 15) {
          r[rd] = val;
          return 0;
        }
        cpu.pcNext = next;
        loadPcFromMemory(cpu, val);
        return 2;
      }
      // r15 stores the address + 8 (+ 12 on the ARM7TDMI)
      const val = rd !== 15 ? r[rd]! : (r[rd]! + (cpu.v4t << 2)) | 0;
      if ((a & 0x200) !== 0) cpu.st8(addr, val, priv);
      else cpu.st32(addr, val, priv);
      if (cpu.abort !== 0) return abort(cpu, cur, addr);
      if (!pre) r[rn] = (baseVal + off) | 0;
      else if ((a & 0x800) !== 0) r[rn] = addr;
      return 0;
    }
    case 11:
      return load(cpu, cur, a & 15, (r[(a >>> 4) & 15]! + b) | 0, false);
    case 13:
      return load(cpu, cur, a & 15, (r[(a >>> 4) & 15]! + b) | 0, true);
    case 49:
      // LdrLit
      return load(cpu, cur, a, (cur + b) | 0, false);
    case 50:
      return load(cpu, cur, a & 15, (r[(a >>> 4) & 15]! + r[a >>> 16]!) | 0, false);
    case 52:
      return load(cpu, cur, a & 15, (r[(a >>> 4) & 15]! + r[a >>> 16]!) | 0, true);
    case 12:
      return store(cpu, cur, a & 15, (r[(a >>> 4) & 15]! + b) | 0, false);
    case 14:
      return store(cpu, cur, a & 15, (r[(a >>> 4) & 15]! + b) | 0, true);
    case 51:
      return store(cpu, cur, a & 15, (r[(a >>> 4) & 15]! + r[a >>> 16]!) | 0, false);
    case 53:
      return store(cpu, cur, a & 15, (r[(a >>> 4) & 15]! + r[a >>> 16]!) | 0, true);
    case 54:
    case 56:
    case 58:
    case 60: {
      // LdrPost / LdrbPost / LdrPre / LdrbPre: rn ← the written-back address
      const rn = a >>> 4;
      const wb = (r[rn]! + b) | 0;
      const addr = id >= 58 ? wb : r[rn]!;
      const val = id === 54 || id === 58 ? cpu.ld32(addr, cpu.priv) : cpu.ld8(addr, cpu.priv);
      if (cpu.abort !== 0) return abort(cpu, cur, addr);
      r[rn] = wb;
      r[a & 15] = val;
      return 0;
    }
    case 55:
    case 57:
    case 59:
    case 61: {
      // StrPost / StrbPost / StrPre / StrbPre
      const rn = a >>> 4;
      const wb = (r[rn]! + b) | 0;
      const addr = id >= 59 ? wb : r[rn]!;
      if (id === 55 || id === 59) cpu.st32(addr, r[a & 15]!, cpu.priv);
      else cpu.st8(addr, r[a & 15]!, cpu.priv);
      if (cpu.abort !== 0) return abort(cpu, cur, addr);
      r[rn] = wb;
      return 0;
    }
    case 16:
    case 17:
      // LDRH/STRH/LDRSB/LDRSH/LDRD/STRD
      r[15] = cur + pcOff;
      cpu.pcNext = next;
      execLsh(cpu, cur, a, b, id === 17);
      return cpu.sync !== 0 ? 2 : 0;
    default:
      // 18: LDM/STM
      r[15] = cur + pcOff;
      cpu.pcNext = next;
      execBlock(cpu, cur, a, b);
      return cpu.sync !== 0 ? 2 : 0;
  }
}

/** A word or byte load into `rd` (not r15: those forms decode as LsImm). */
function load(cpu: Cpu, cur: number, rd: number, addr: number, byte: boolean): number {
  const val = byte ? cpu.ld8(addr, cpu.priv) : cpu.ld32(addr, cpu.priv);
  if (cpu.abort !== 0) return abort(cpu, cur, addr);
  cpu.r[rd] = val;
  return 0;
}

/** A word or byte store of `rd`. */
function store(cpu: Cpu, cur: number, rd: number, addr: number, byte: boolean): number {
  const r = cpu.r;
  if (byte) cpu.st8(addr, r[rd]!, cpu.priv);
  else cpu.st32(addr, r[rd]!, cpu.priv);
  if (cpu.abort !== 0) return abort(cpu, cur, addr);
  return 0;
}

/** Takes the data abort of the access at `addr` by the instruction at `cur`. */
function abort(cpu: Cpu, cur: number, addr: number): number {
  dataAbort(cpu, cur, addr);
  return 2;
}
