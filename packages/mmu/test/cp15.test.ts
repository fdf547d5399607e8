import { CoprocStatus } from '@codezero-ts/arm-core';
import type { CpuControl } from '@codezero-ts/arm-core';
import { describe, expect, it } from 'vitest';
import { Control, Cp15 } from '../src/index.js';

class FakeCpu implements CpuControl {
  readonly calls: string[] = [];
  flushTlb(): void { this.calls.push('flush'); }
  flushTlbPage(vaddr: number): void { this.calls.push(`flush-page ${vaddr.toString(16)}`); }
  invalidateCode(): void { this.calls.push('invalidate'); }
  setHighVectors(high: boolean): void { this.calls.push(`vectors ${high}`); }
  setAlignmentCheck(enabled: boolean): void { this.calls.push(`align ${enabled}`); }
}

function setup() {
  const cpu = new FakeCpu();
  const cp = new Cp15();
  cp.attach(cpu);
  cpu.calls.length = 0;
  const out = new Int32Array(2);
  const read = (crn: number, crm = 0, opc2 = 0): number => {
    expect(cp.mrc(0, crn, crm, opc2, true, out)).toBe(CoprocStatus.Ok);
    return out[0]! >>> 0;
  };
  const write = (crn: number, value: number, crm = 0, opc2 = 0): CoprocStatus => cp.mcr(0, crn, crm, opc2, value, true);
  return { cpu, cp, read, write, out };
}

describe('CP15', () => {
  it('reports the ARM926EJ-S identity and reset control value', () => {
    const { read } = setup();
    expect(read(0)).toBe(0x41069265);
    expect(read(0, 0, 1)).toBe(0x01dd20d2);
    expect(read(0, 0, 2)).toBe(0);
    expect(read(1)).toBe(0x00090078);
  });

  it('keeps the should-be-one bits and forwards A and V to the CPU', () => {
    const { read, write, cpu } = setup();
    write(1, Control.M | Control.A | Control.V);
    expect(read(1)).toBe(0x00090078 | 0x2003);
    expect(cpu.calls).toEqual(['align true', 'vectors true', 'flush']);
    write(1, 0);
    expect(read(1)).toBe(0x00090078);
  });

  it('flushes translations on TTBR, DACR, FCSE and TLB operations', () => {
    const { read, write, cpu } = setup();
    write(2, 0x4000);
    write(3, 0x55555555);
    write(13, 5 << 25);
    write(8, 0, 7, 0);
    write(8, 0x12345678, 7, 1);
    expect(cpu.calls).toEqual(['flush', 'flush', 'flush', 'flush', 'flush-page 12345678']);
    expect(read(2)).toBe(0x4000);
    expect(read(3)).toBe(0x55555555);
    expect(read(13)).toBe(5 << 25);
  });

  it('stores fault registers and the context id', () => {
    const { cp, read, write } = setup();
    cp.recordDataAbort(0xdeadbeef, 0x5f);
    cp.recordPrefetchAbort(0x07);
    expect([read(5), read(5, 0, 1), read(6)]).toEqual([0x5f, 0x07, 0xdeadbeef]);
    write(13, 0x1234, 0, 1);
    expect(read(13, 0, 1)).toBe(0x1234);
  });

  it('waits for an interrupt on c7,c0,4 and reports a clean cache on test-and-clean', () => {
    const { cp, write, read } = setup();
    expect(write(7, 0, 0, 4)).toBe(CoprocStatus.WaitForInterrupt);
    expect(write(7, 0, 10, 4)).toBe(CoprocStatus.Ok);
    expect(read(7, 10, 3)).toBe(1 << 30);
    expect(read(7, 14, 3)).toBe(1 << 30);
    expect(cp.cdp()).toBe(CoprocStatus.Undefined);
  });

  it('is undefined from user mode and for unknown registers', () => {
    const { cp, out } = setup();
    expect(cp.mrc(0, 0, 0, 0, false, out)).toBe(CoprocStatus.Undefined);
    expect(cp.mcr(0, 1, 0, 0, 1, false)).toBe(CoprocStatus.Undefined);
    expect(cp.mrc(0, 4, 0, 0, true, out)).toBe(CoprocStatus.Undefined);
    expect(cp.mcr(1, 1, 0, 0, 1, true)).toBe(CoprocStatus.Undefined);
    expect(cp.transferCount()).toBe(-1);
  });

  it('returns to the reset state', () => {
    const { cp, write, read } = setup();
    write(1, Control.M);
    write(2, 0x8000);
    cp.reset();
    expect(read(1)).toBe(0x00090078);
    expect(read(2)).toBe(0);
    expect(cp.mmuEnabled).toBe(false);
  });
});
