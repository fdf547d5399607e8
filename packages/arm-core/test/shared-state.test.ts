import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Cpu, FlatRamBus } from '../src/index.js';

/*
 * The interpreter keeps the registers and the decoded code of the CPU that runs in module
 * arrays, which that CPU owns until another one runs. These tests run several CPUs in
 * turns and check that each ends exactly as it would have alone.
 */

const GUEST = {
  arm: readFileSync(new URL('../bench/guest/mix-arm.bin', import.meta.url)),
  thumb: readFileSync(new URL('../bench/guest/mix-thumb.bin', import.meta.url)),
};

function machine(isa: 'arm' | 'thumb'): { cpu: Cpu; bus: FlatRamBus } {
  const bus = new FlatRamBus(0x100000);
  bus.load(0x10000, GUEST[isa]);
  const cpu = new Cpu(bus);
  cpu.pc = 0x10000;
  return { cpu, bus };
}

function state(m: { cpu: Cpu; bus: FlatRamBus }): unknown {
  return { cpu: m.cpu.snapshot(), instructions: m.cpu.instructions, ram: Buffer.from(m.bus.ram).toString('base64') };
}

describe('CPUs sharing the interpreter', () => {
  it('run in turns, each ends as it does alone (registers, flags, memory, count)', () => {
    const total = 200_000;
    const alone = (['arm', 'thumb', 'arm'] as const).map((isa) => {
      const m = machine(isa);
      m.cpu.run(total);
      return state(m);
    });
    const ms = (['arm', 'thumb', 'arm'] as const).map(machine);
    // uneven slices, so that a switch falls anywhere in a loop, a block or a fused pair
    const slices = [1, 7, 1000, 3, 4096, 13];
    const done = [0, 0, 0];
    for (let turn = 0; done.some((d) => d < total); turn++) {
      const k = turn % 3;
      const n = Math.min(slices[turn % slices.length]!, total - done[k]!);
      if (n > 0) ms[k]!.cpu.run(n);
      done[k]! += n;
    }
    expect(ms.map(state)).toEqual(alone);
  });

  it('registers written while another CPU owns the arrays are the ones the CPU runs with', () => {
    const bus = new FlatRamBus(0x10000);
    bus.loadWords(0x1000, [0xe0800001]); // add r0, r0, r1
    const a = new Cpu(bus);
    const busB = new FlatRamBus(0x10000);
    const b = new Cpu(busB);
    a.pc = 0x1000;
    a.run(0); // a owns the arrays
    a.setReg(1, 5);
    b.setReg(0, 40);
    b.setReg(1, 2);
    b.pc = 0x1000;
    busB.loadWords(0x1000, [0xe0800001]);
    b.run(1); // b takes over
    a.setReg(0, 10);
    expect([a.getReg(0), a.getReg(1), b.getReg(0), b.getReg(1)]).toEqual([10, 5, 42, 2]);
    a.run(1);
    expect([a.getReg(0), b.getReg(0)]).toEqual([15, 42]);
  });

  it('code changed while another CPU ran is decoded afresh', () => {
    const bus = new FlatRamBus(0x10000);
    const a = new Cpu(bus);
    const b = new Cpu(new FlatRamBus(0x10000));
    bus.loadWords(0x1000, [0xe2800001, 0xeafffffd]); // loop: add r0, r0, #1; b loop
    a.pc = 0x1000;
    a.run(10);
    expect(a.getReg(0)).toBe(5);
    b.run(3);
    // the host rewrites a's loop behind its back (not through a's stores)
    bus.ram.set(new Uint8Array(new Uint32Array([0xe2800002]).buffer), 0x1000);
    a.pc = 0x1000;
    a.run(10);
    expect(a.getReg(0)).toBe(15);
  });
});
