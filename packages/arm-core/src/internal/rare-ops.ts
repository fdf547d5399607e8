import type { Cpu } from '../cpu.js';
import { ExceptionKind } from '../api.js';
import { loadPc } from './interpreter.js';
import { execClz, execCoproc, execDspMul, execMrs, execMsr, execMulLong, execQArith, execSwp } from './slow-ops.js';

/**
 * The instructions most programs execute rarely or never (long multiplies, SWP, the PSR
 * transfers, BLX, CLZ, the DSP and saturating forms, SWI, BKPT, coprocessors, undefined
 * encodings), and the decoding of a slot (id 0, `a` the slot's index), out of the
 * interpreter loop. Each code path that V8 has not seen run costs
 * the optimised function that holds it a deoptimisation and a recompilation the first time
 * it is reached; here they share one call site in the loop and cost at most this small
 * function a recompilation, instead of the loop one each.
 *
 * `id` is the op id, `cur` the instruction's address, `next` the address after it, `pcOff`
 * what r15 reads as (8 ARM, 4 Thumb), `count` the instructions run so far (published for
 * exceptions and hooks). Returns the interpreter's flow code: 0 to go on in sequence, 2 to
 * reload the PC and state from the CPU.
 */
export function execRare(cpu: Cpu, id: number, a: number, b: number, cur: number, next: number, pcOff: number, count: number): number {
  const r = cpu.r;
  cpu.live = count;
  r[15] = cur + pcOff;
  cpu.pcNext = next;
  switch (id) {
    case 0:
      // an undecoded slot: `a` is its index; 2 when the fetch took a prefetch abort
      return cpu.decodeSlot(a, cur) === 0 ? 2 : 0;
    case 22:
      execMulLong(cpu, a);
      return 0;
    case 23:
      execSwp(cpu, cur, a);
      return cpu.sync !== 0 ? 2 : 0;
    case 24:
      execMrs(cpu, a);
      return 0;
    case 25:
    case 26:
      execMsr(cpu, a, id === 25 ? b : r[(a >>> 8) & 15]!);
      return cpu.sync !== 0 ? 2 : 0;
    case 28: {
      // BLX register
      const target = r[a]!;
      r[14] = cpu.thumb !== 0 ? next | 1 : next;
      loadPc(cpu, target);
      return 2;
    }
    case 29:
      // BLX immediate: to Thumb
      r[14] = next;
      cpu.thumb = 1;
      cpu.pcNext = (cur + pcOff + b) & ~1;
      return 2;
    case 30:
      execClz(cpu, a);
      return 0;
    case 31:
      execQArith(cpu, a);
      return 0;
    case 32:
      execDspMul(cpu, a);
      return 0;
    case 33:
      cpu.exception(ExceptionKind.SoftwareInterrupt, cur, b, 0, 0);
      return 2;
    case 34:
      cpu.exception(ExceptionKind.PrefetchAbort, cur, b, cur, 2);
      return 2;
    case 35:
      execCoproc(cpu, cur, b);
      return cpu.sync !== 0 ? 2 : 0;
    case 41: {
      // Thumb BLX suffix: to ARM
      const target = (r[14]! + b) & ~3;
      r[14] = next | 1;
      cpu.thumb = 0;
      cpu.pcNext = target;
      return 2;
    }
    default:
      cpu.exception(ExceptionKind.Undefined, cur, b, 0, 0);
      return 2;
  }
}
