import type { Cpu } from '../cpu.js';
import { V4tFlag } from './v4t.js';

/** Immediate shift (LSL/LSR/ASR/ROR/RRX by a constant); sets `cpu.shc`. */
export function shiftImm(cpu: Cpu, v: number, type: number, amt: number): number {
  switch (type) {
    case 0:
      if (amt === 0) {
        cpu.shc = cpu.c;
        return v;
      }
      cpu.shc = (v >>> (32 - amt)) & 1;
      return v << amt;
    case 1:
      if (amt === 0) {
        cpu.shc = v >>> 31;
        return 0;
      }
      cpu.shc = (v >>> (amt - 1)) & 1;
      return (v >>> amt) | 0;
    case 2:
      if (amt === 0) {
        cpu.shc = v >>> 31;
        return v >> 31;
      }
      cpu.shc = (v >> (amt - 1)) & 1;
      return v >> amt;
    default:
      if (amt === 0) {
        cpu.shc = v & 1;
        return (cpu.c << 31) | (v >>> 1);
      }
      cpu.shc = (v >>> (amt - 1)) & 1;
      return (v >>> amt) | (v << (32 - amt));
  }
}

/** Shift by the bottom byte of a register; sets `cpu.shc`. */
export function shiftReg(cpu: Cpu, v: number, type: number, s: number): number {
  const amt = s & 0xff;
  if (amt === 0) {
    cpu.shc = cpu.c;
    return v;
  }
  switch (type) {
    case 0:
      if (amt < 32) {
        cpu.shc = (v >>> (32 - amt)) & 1;
        return v << amt;
      }
      cpu.shc = amt === 32 ? v & 1 : 0;
      return 0;
    case 1:
      if (amt < 32) {
        cpu.shc = (v >>> (amt - 1)) & 1;
        return (v >>> amt) | 0;
      }
      cpu.shc = amt === 32 ? v >>> 31 : 0;
      return 0;
    case 2:
      if (amt < 32) {
        cpu.shc = (v >> (amt - 1)) & 1;
        return v >> amt;
      }
      cpu.shc = v >>> 31;
      return v >> 31;
    default: {
      const r = amt & 31;
      if (r === 0) {
        cpu.shc = v >>> 31;
        return v;
      }
      cpu.shc = (v >>> (r - 1)) & 1;
      return (v >>> r) | (v << (32 - r));
    }
  }
}

/** Offset register shift for loads/stores (no carry out). */
export function shiftOffset(cpu: Cpu, v: number, type: number, amt: number): number {
  switch (type) {
    case 0:
      return v << amt;
    case 1:
      return amt === 0 ? 0 : (v >>> amt) | 0;
    case 2:
      return v >> (amt === 0 ? 31 : amt);
    default:
      return amt === 0 ? (cpu.c << 31) | (v >>> 1) : (v >>> amt) | (v << (32 - amt));
  }
}

/** Result of data-processing operation `opc` (not a compare) without flag updates. */
export function aluNs(opc: number, x: number, y: number, c: number): number {
  switch (opc) {
    case 0:
      return x & y;
    case 1:
      return x ^ y;
    case 2:
      return (x - y) | 0;
    case 3:
      return (y - x) | 0;
    case 4:
      return (x + y) | 0;
    case 5:
      return (x + y + c) | 0;
    case 6:
      return (x - y - 1 + c) | 0;
    case 7:
      return (y - x - 1 + c) | 0;
    case 12:
      return x | y;
    case 13:
      return y;
    case 14:
      return x & ~y;
    default:
      return ~y;
  }
}

/**
 * Data-processing operation `opc` on operands `x` (Rn) and `y` (shifter operand) with
 * shifter carry `shc`; writes Rd and flags as the field word `a` says. Returns the new PC
 * when Rd is r15 (with `cpu.sync` set if the CPSR changed), else -1.
 */
export function alu(cpu: Cpu, a: number, x: number, y: number, shc: number): number {
  const s = a & 0x1000;
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
      if (s !== 0) subFlags(cpu, x, y, res);
      break;
    case 3:
      res = (y - x) | 0;
      if (s !== 0) subFlags(cpu, y, x, res);
      break;
    case 4:
      res = (x + y) | 0;
      if (s !== 0) addFlags(cpu, x, y, res);
      break;
    case 5: {
      const sum = (x >>> 0) + (y >>> 0) + cpu.c;
      res = sum | 0;
      if (s !== 0) {
        cpu.c = sum > 0xffffffff ? 1 : 0;
        cpu.v = ((x ^ res) & (y ^ res)) >>> 31;
      }
      break;
    }
    case 6: {
      const borrow = 1 - cpu.c;
      res = (x - y - borrow) | 0;
      if (s !== 0) {
        cpu.c = x >>> 0 >= (y >>> 0) + borrow ? 1 : 0;
        cpu.v = ((x ^ y) & (x ^ res)) >>> 31;
      }
      break;
    }
    case 7: {
      const borrow = 1 - cpu.c;
      res = (y - x - borrow) | 0;
      if (s !== 0) {
        cpu.c = y >>> 0 >= (x >>> 0) + borrow ? 1 : 0;
        cpu.v = ((y ^ x) & (y ^ res)) >>> 31;
      }
      break;
    }
    case 8:
      res = x & y;
      cpu.n = res >>> 31;
      cpu.z = res === 0 ? 1 : 0;
      cpu.c = shc;
      if ((a & V4tFlag.CopySpsr) !== 0) cpu.returnFromException();
      return -1;
    case 9:
      res = x ^ y;
      cpu.n = res >>> 31;
      cpu.z = res === 0 ? 1 : 0;
      cpu.c = shc;
      if ((a & V4tFlag.CopySpsr) !== 0) cpu.returnFromException();
      return -1;
    case 10:
      res = (x - y) | 0;
      subFlags(cpu, x, y, res);
      cpu.n = res >>> 31;
      cpu.z = res === 0 ? 1 : 0;
      if ((a & V4tFlag.CopySpsr) !== 0) cpu.returnFromException();
      return -1;
    case 11:
      res = (x + y) | 0;
      addFlags(cpu, x, y, res);
      cpu.n = res >>> 31;
      cpu.z = res === 0 ? 1 : 0;
      if ((a & V4tFlag.CopySpsr) !== 0) cpu.returnFromException();
      return -1;
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
  if (s !== 0) {
    cpu.n = res >>> 31;
    cpu.z = res === 0 ? 1 : 0;
    // logical operations take the shifter carry; arithmetic ones set C above
    const opc = (a >>> 8) & 15;
    if (opc < 2 || opc >= 12) cpu.c = shc;
  }
  const rd = a & 15;
  if (rd !== 15) {
    cpu.r[rd] = res;
    return -1;
  }
  if (s !== 0) cpu.returnFromException();
  return res & (cpu.thumb !== 0 ? ~1 : ~3);
}

function addFlags(cpu: Cpu, x: number, y: number, res: number): void {
  cpu.c = (x >>> 0) + (y >>> 0) > 0xffffffff ? 1 : 0;
  cpu.v = ((x ^ res) & (y ^ res)) >>> 31;
}

function subFlags(cpu: Cpu, x: number, y: number, res: number): void {
  cpu.c = x >>> 0 >= y >>> 0 ? 1 : 0;
  cpu.v = ((x ^ y) & (x ^ res)) >>> 31;
}
