import type { Cpu } from '../cpu.js';
import { AccessKind, CoprocStatus, ExceptionKind } from '../api.js';
import { bankOf } from './banks.js';
import { dataAbort, loadPc } from './interpreter.js';
import { loadPcFromMemory, pcStoreExtra } from './v4t.js';

const tmp = new Int32Array(16);

/** LDRH/STRH/LDRSB/LDRSH/LDRD/STRD (`a`, `b` as Op.LshImm/LshReg). */
export function execLsh(cpu: Cpu, cur: number, a: number, b: number, isReg: boolean): void {
  const r = cpu.r;
  const rd = a & 15;
  const rn = (a >>> 4) & 15;
  const kind = (a >>> 8) & 7;
  const pre = (a & 0x800) !== 0;
  let off = b;
  if (isReg) {
    off = r[(a >>> 16) & 15]!;
    if ((a & 0x2000) === 0) off = -off | 0;
  }
  const baseVal = r[rn]!;
  const addr = pre ? (baseVal + off) | 0 : baseVal;
  const wb = !pre || (a & 0x1000) !== 0;
  const newBase = pre ? addr : (baseVal + off) | 0;
  const priv = cpu.priv;
  if ((kind & 3) >= 2 && kind < 4 && (rd & 1) !== 0) {
    // LDRD/STRD with an odd register: undefined
    cpu.exception(ExceptionKind.Undefined, cur, cpu.fetchWord(cur), 0, 0);
    return;
  }
  let val = 0;
  switch (kind) {
    case 1:
      cpu.st16(addr, r[rd]!, priv);
      break;
    case 2: {
      const lo = cpu.ld32a(addr, priv);
      if (cpu.abort !== 0) break;
      const hi = cpu.ld32a((addr & ~3) + 4, priv);
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- set by the load above
      if (cpu.abort !== 0) {
        dataAbort(cpu, cur, (addr & ~3) + 4);
        return;
      }
      if (wb) r[rn] = newBase;
      r[rd] = lo;
      if (rd + 1 === 15) loadPc(cpu, hi);
      else r[rd + 1] = hi;
      return;
    }
    case 3:
      cpu.st32(addr & ~3, r[rd]!, priv);
      if (cpu.abort !== 0) break;
      cpu.st32((addr & ~3) + 4, rd === 14 ? r[15]! : r[rd + 1]!, priv);
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- set by the store above
      if (cpu.abort !== 0) {
        dataAbort(cpu, cur, (addr & ~3) + 4);
        return;
      }
      break;
    case 5:
      val = cpu.ld16(addr, priv);
      // ARM7TDMI: an unaligned halfword comes rotated right by 8
      if ((addr & 1) !== 0 && cpu.v4t !== 0) val = (val >>> 8) | (val << 24);
      break;
    case 6:
      val = (cpu.ld8(addr, priv) << 24) >> 24;
      break;
    default:
      // ARM7TDMI: an unaligned signed halfword load reads the signed byte
      val = (addr & 1) !== 0 && cpu.v4t !== 0 ? (cpu.ld8(addr, priv) << 24) >> 24 : (cpu.ld16(addr, priv) << 16) >> 16;
  }
  if (cpu.abort !== 0) {
    dataAbort(cpu, cur, addr);
    return;
  }
  if (wb) r[rn] = newBase;
  if (kind >= 5) {
    if (rd === 15) loadPcFromMemory(cpu, val);
    else r[rd] = val;
  }
}

/** LDM/STM in all addressing modes, with the `^` forms (`a`, `list` as Op.Block). */
export function execBlock(cpu: Cpu, cur: number, a: number, regs: number): void {
  const r = cpu.r;
  const rn = a & 15;
  const load = (a & 0x10) !== 0;
  const sBit = (a & 0x20) !== 0;
  const wback = (a & 0x40) !== 0;
  const p = (a & 0x80) !== 0;
  const up = (a & 0x100) !== 0;
  let n = 0;
  for (let l = regs; l !== 0; l &= l - 1) n++;
  const span = n === 0 ? 64 : 4 * n;
  // ARM7TDMI: an empty list transfers r15 (the base still moves by 64)
  const list = n === 0 && cpu.v4t !== 0 ? 0x8000 : regs;
  const baseVal = r[rn]!;
  let addr: number;
  if (up) addr = p ? baseVal + 4 : baseVal;
  else addr = p ? baseVal - span : baseVal - span + 4;
  if ((addr & 3) !== 0 && cpu.alignCheck) {
    // c1.A: an unaligned LDM/STM base is an alignment fault (FSR 1), base unchanged.
    cpu.abort = 1;
    dataAbort(cpu, cur, addr);
    return;
  }
  addr &= ~3;
  const newBase = up ? (baseVal + span) | 0 : (baseVal - span) | 0;
  const userBank = sBit && (!load || (list & 0x8000) === 0) && cpu.mode !== 0x10 && cpu.mode !== 0x1f;
  const priv = cpu.priv;
  // The usual case, a transfer inside one RAM page with a translation at hand: one lookup
  // and a straight copy (a stored base of the ARM7TDMI and r15 stores take the general path)
  // ARM7TDMI: a base in the list but not first is stored written back
  const wbBase = wback && cpu.v4t !== 0 && (list & ((1 << rn) - 1)) !== 0 ? rn : -1;
  if (!userBank && list !== 0 && (addr & 0xfff) + 4 * n <= 0x1000 && (load || ((list & 0x8000) === 0 && wbBase < 0))) {
    const o = cpu.lookup(addr, load ? AccessKind.Read : AccessKind.Write, priv);
    if (o >= 0) {
      if (load) {
        blockLoad(cpu, o, list);
        if (wback) r[rn] = newBase;
        finishLoad(cpu, list, sBit);
      } else {
        blockStore(cpu, o, list, n);
        if (wback) r[rn] = newBase;
      }
      return;
    }
  }
  if (load) {
    for (let i = 0; i < 16; i++) {
      if ((list & (1 << i)) === 0) continue;
      tmp[i] = cpu.ld32(addr, priv);
      if (cpu.abort !== 0) {
        dataAbort(cpu, cur, addr);
        return;
      }
      addr = (addr + 4) | 0;
    }
    if (wback) r[rn] = newBase;
    for (let i = 0; i < 15; i++) {
      if ((list & (1 << i)) === 0) continue;
      if (userBank && i >= 8) setUserReg(cpu, i, tmp[i]!);
      else r[i] = tmp[i]!;
    }
    if ((list & 0x8000) !== 0) loadPcFromBlock(cpu, sBit);
    return;
  }
  for (let i = 0; i < 16; i++) {
    if ((list & (1 << i)) === 0) continue;
    let val = userBank && i >= 8 && i < 15 ? getUserReg(cpu, i) : r[i]!;
    if (i === 15) val = (val + pcStoreExtra(cpu)) | 0;
    else if (i === wbBase) val = newBase;
    cpu.st32(addr, val, priv);
    if (cpu.abort !== 0) {
      dataAbort(cpu, cur, addr);
      return;
    }
    addr = (addr + 4) | 0;
  }
  if (wback) r[rn] = newBase;
}

/** LDM from host offset `o` of RAM into `tmp` (the registers of `list`, lowest first). */
function blockLoad(cpu: Cpu, o: number, list: number): void {
  const ram = cpu.ram32;
  let w = o >> 2;
  for (let l = list; l !== 0; l &= l - 1) {
    tmp[31 - Math.clz32(l & -l)] = ram[w++]!;
  }
}

/** Writes the loaded registers of `list` but r15 (no user bank), then r15 if listed. */
function finishLoad(cpu: Cpu, list: number, sBit: boolean): void {
  const r = cpu.r;
  for (let l = list & 0x7fff; l !== 0; l &= l - 1) {
    const i = 31 - Math.clz32(l & -l);
    r[i] = tmp[i]!;
  }
  if ((list & 0x8000) !== 0) loadPcFromBlock(cpu, sBit);
}

/** The PC loaded by an LDM: with `^` it also returns from the exception (CPSR = SPSR). */
function loadPcFromBlock(cpu: Cpu, sBit: boolean): void {
  if (sBit) {
    cpu.returnFromException();
    cpu.pcNext = tmp[15]! & (cpu.thumb !== 0 ? ~1 : ~3);
    cpu.sync = 1;
  } else loadPcFromMemory(cpu, tmp[15]!);
}

/** STM of the registers of `list` (no r15, no user bank) to host offset `o` of RAM, `n` words. */
function blockStore(cpu: Cpu, o: number, list: number, n: number): void {
  const r = cpu.r;
  const ram = cpu.ram32;
  let w = o >> 2;
  for (let l = list; l !== 0; l &= l - 1) {
    ram[w++] = r[31 - Math.clz32(l & -l)]!;
  }
  const end = o + 4 * n - 1;
  if (cpu.codeMap[o >>> 10] !== 0 || cpu.codeMap[end >>> 10] !== 0) {
    for (let a = o; a < end; a += 4) cpu.codeWritten(a, 4);
  }
}

function getUserReg(cpu: Cpu, i: number): number {
  if (cpu.mode === 0x11) return cpu.bank[i - 8]!;
  if (i < 13) return cpu.r[i]!;
  return cpu.bank[5 + i - 13]!;
}

function setUserReg(cpu: Cpu, i: number, v: number): void {
  if (cpu.mode === 0x11) cpu.bank[i - 8] = v;
  else if (i < 13) cpu.r[i] = v;
  else cpu.bank[5 + i - 13] = v;
}

/** UMULL/UMLAL/SMULL/SMLAL (`a` as Op.MulLong). C and V are unaffected (ARMv5). */
export function execMulLong(cpu: Cpu, a: number): void {
  const r = cpu.r;
  const rlo = a & 15;
  const rhi = (a >>> 4) & 15;
  const x = r[a >>> 12 & 15]!;
  const y = r[(a >>> 8) & 15]!;
  const xl = x & 0xffff;
  const xh = x >>> 16;
  const yl = y & 0xffff;
  const yh = y >>> 16;
  const ll = xl * yl;
  const lh = xl * yh;
  const hl = xh * yl;
  const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  let lo = ((mid << 16) | (ll & 0xffff)) >>> 0;
  let hi = xh * yh + (lh >>> 16) + (hl >>> 16) + Math.floor(mid / 65536);
  if ((a & 0x40000) !== 0) {
    if (x < 0) hi -= y >>> 0;
    if (y < 0) hi -= x >>> 0;
  }
  if ((a & 0x10000) !== 0) {
    lo += r[rlo]! >>> 0;
    hi += r[rhi]! + (lo > 0xffffffff ? 1 : 0);
  }
  const lo32 = lo | 0;
  const hi32 = hi | 0;
  r[rlo] = lo32;
  r[rhi] = hi32;
  if ((a & 0x20000) !== 0) {
    cpu.n = hi32 >>> 31;
    cpu.z = (lo32 | hi32) === 0 ? 1 : 0;
  }
}

/** SWP/SWPB. */
export function execSwp(cpu: Cpu, cur: number, a: number): void {
  const r = cpu.r;
  const addr = r[(a >>> 4) & 15]!;
  const src = r[(a >>> 8) & 15]!;
  const priv = cpu.priv;
  let v: number;
  if ((a & 0x1000) !== 0) {
    v = cpu.ld8(addr, priv);
    if (cpu.abort === 0) cpu.st8(addr, src, priv);
  } else {
    v = cpu.ld32(addr, priv);
    if (cpu.abort === 0) cpu.st32(addr & ~3, src, priv);
  }
  if (cpu.abort !== 0) {
    dataAbort(cpu, cur, addr);
    return;
  }
  const rd = a & 15;
  if (rd === 15) loadPcFromMemory(cpu, v);
  else r[rd] = v;
}

/** MRS. Reading the SPSR in usr/sys mode (UNPREDICTABLE) gives the CPSR. */
export function execMrs(cpu: Cpu, a: number): void {
  const b = bankOf(cpu.mode);
  cpu.r[a & 15] = (a & 0x10) !== 0 && b > 0 ? cpu.spsrs[b]! : cpu.cpsr | 0;
}

/** MSR to CPSR or SPSR under the field mask. */
export function execMsr(cpu: Cpu, a: number, val: number): void {
  const mask = a & 15;
  if ((a & 0x10) !== 0) {
    const b = bankOf(cpu.mode);
    if (b <= 0) return;
    // bits 26:8 are reserved on ARMv5 (no J, E, A, GE): they read as zero
    const m = ((mask & 1) !== 0 ? 0xff : 0) | ((mask & 8) !== 0 ? 0xf8000000 : 0);
    cpu.spsrs[b] = (cpu.spsrs[b]! & ~m) | (val & m);
    return;
  }
  cpu.writeCpsr(val, mask, false);
}

/** CLZ. */
export function execClz(cpu: Cpu, a: number): void {
  cpu.r[a & 15] = Math.clz32(cpu.r[(a >>> 4) & 15]!);
}

function sat(cpu: Cpu, x: number): number {
  if (x > 0x7fffffff) {
    cpu.q = 1;
    return 0x7fffffff;
  }
  if (x < -0x80000000) {
    cpu.q = 1;
    return -0x80000000;
  }
  return x;
}

/** QADD/QSUB/QDADD/QDSUB. */
export function execQArith(cpu: Cpu, a: number): void {
  const r = cpu.r;
  const m = r[(a >>> 8) & 15]!;
  let n = r[(a >>> 4) & 15]!;
  const op = (a >>> 12) & 3;
  if (op >= 2) n = sat(cpu, n * 2);
  r[a & 15] = sat(cpu, (op & 1) === 0 ? m + n : m - n);
}

/** SMLAxy/SMLAWy/SMULWy/SMLALxy/SMULxy. */
export function execDspMul(cpu: Cpu, a: number): void {
  const r = cpu.r;
  const rd = a & 15;
  const acc = (a >>> 4) & 15;
  const m = r[(a >>> 12) & 15]!;
  const s = r[(a >>> 8) & 15]!;
  const x = (a >>> 18) & 1;
  const y = (a >>> 19) & 1;
  const hs = y !== 0 ? s >> 16 : (s << 16) >> 16;
  switch ((a >>> 16) & 3) {
    case 0: {
      const hm = x !== 0 ? m >> 16 : (m << 16) >> 16;
      const res = hm * hs + r[acc]!;
      if (res > 0x7fffffff || res < -0x80000000) cpu.q = 1;
      r[rd] = res | 0;
      return;
    }
    case 1: {
      const p = Math.floor((m * hs) / 65536) | 0;
      if (x !== 0) {
        r[rd] = p;
        return;
      }
      const res = p + r[acc]!;
      if (res > 0x7fffffff || res < -0x80000000) cpu.q = 1;
      r[rd] = res | 0;
      return;
    }
    case 2: {
      const hm = x !== 0 ? m >> 16 : (m << 16) >> 16;
      const p = hm * hs;
      const lo = (r[acc]! >>> 0) + (p >>> 0);
      const hi = r[rd]! + (p < 0 ? -1 : 0) + (lo > 0xffffffff ? 1 : 0);
      r[acc] = lo | 0;
      r[rd] = hi | 0;
      return;
    }
    default: {
      const hm = x !== 0 ? m >> 16 : (m << 16) >> 16;
      r[rd] = hm * hs;
    }
  }
}

/** CDP/MCR/MRC/MCRR/MRRC/LDC/STC (and the *2 forms) to the addressed coprocessor. */
export function execCoproc(cpu: Cpu, cur: number, w: number): void {
  const cop = cpu.coprocessor((w >>> 8) & 15);
  if (cop === undefined) {
    cpu.exception(ExceptionKind.Undefined, cur, w, 0, 0);
    return;
  }
  const r = cpu.r;
  const priv = cpu.priv !== 0;
  const rd = (w >>> 12) & 15;
  let st: number;
  if ((w & 0x0f000000) === 0x0e000000) {
    if ((w & 0x10) === 0) st = cop.cdp(w, priv);
    else {
      const opc1 = (w >>> 21) & 7;
      const crn = (w >>> 16) & 15;
      const crm = w & 15;
      const opc2 = (w >>> 5) & 7;
      if ((w & 0x100000) !== 0) {
        const out = cpu.copOut;
        st = cop.mrc(opc1, crn, crm, opc2, priv, out);
        if (st !== CoprocStatus.Undefined) {
          const v = out[0]!;
          if (rd === 15) {
            cpu.n = v >>> 31;
            cpu.z = (v >>> 30) & 1;
            cpu.c = (v >>> 29) & 1;
            cpu.v = (v >>> 28) & 1;
          } else r[rd] = v;
        }
      } else st = cop.mcr(opc1, crn, crm, opc2, r[rd]!, priv);
    }
  } else if ((w & 0x0fe00000) === 0x0c400000) {
    const rn = (w >>> 16) & 15;
    const opc = (w >>> 4) & 15;
    const crm = w & 15;
    if ((w & 0x100000) !== 0) {
      const out = cpu.copOut;
      st = cop.mrrc(opc, crm, priv, out);
      if (st !== CoprocStatus.Undefined) {
        r[rd] = out[0]!;
        r[rn] = out[1]!;
      }
    } else st = cop.mcrr(opc, crm, r[rd]!, r[rn]!, priv);
  } else {
    const load = (w & 0x100000) !== 0;
    const count = cop.transferCount(w, load, priv);
    if (count < 0) st = CoprocStatus.Undefined;
    else {
      const rn = (w >>> 16) & 15;
      const p = (w & 0x1000000) !== 0;
      const off = (w & 0x800000) !== 0 ? (w & 0xff) << 2 : -((w & 0xff) << 2);
      const baseVal = r[rn]!;
      const start = p ? (baseVal + off) | 0 : baseVal;
      for (let i = 0; i < count; i++) {
        const addr = (start + 4 * i) | 0;
        if (load) {
          const v = cpu.ld32a(addr, cpu.priv);
          if (cpu.abort !== 0) {
            dataAbort(cpu, cur, addr);
            return;
          }
          cop.ldcWord(w, i, v);
        } else {
          cpu.st32(addr & ~3, cop.stcWord(w, i), cpu.priv);
          if (cpu.abort !== 0) {
            dataAbort(cpu, cur, addr);
            return;
          }
        }
      }
      if ((w & 0x200000) !== 0) r[rn] = p ? start : (baseVal + off) | 0;
      st = CoprocStatus.Ok;
    }
  }
  if (st === CoprocStatus.Undefined) cpu.exception(ExceptionKind.Undefined, cur, w, 0, 0);
  else if (st === CoprocStatus.WaitForInterrupt) cpu.waitForInterrupt();
}
