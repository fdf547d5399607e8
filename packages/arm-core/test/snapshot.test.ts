import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Cpu, FlatRamBus, type CpuSnapshot } from '../src/index.js';

function guest(isa: string): { cpu: Cpu; bus: FlatRamBus } {
  const bus = new FlatRamBus(0x100000);
  bus.load(0x10000, readFileSync(new URL(`../bench/guest/mix-${isa}.bin`, import.meta.url)));
  const cpu = new Cpu(bus);
  cpu.pc = 0x10000;
  return { cpu, bus };
}

describe('snapshot, restore and determinism', () => {
  it('runs the compiled benchmark guest (ARM and Thumb) to the checksums the host computed', () => {
    const expected = readFileSync(new URL('../bench/guest/expected.txt', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .map((l) => Number(l.split(' ')[1]));
    for (const isa of ['arm', 'thumb']) {
      const { cpu, bus } = guest(isa);
      const dv = new DataView(bus.ram.buffer);
      const got: number[] = [];
      let lastRound = 0;
      while (got.length < 3) {
        cpu.run(1000);
        const round = dv.getUint32(0x7ff4, true);
        if (round !== lastRound) {
          lastRound = round;
          got.push(dv.getUint32(0x7ff0, true));
        }
      }
      expect(got).toEqual(expected);
    }
  });

  it('restoring a snapshot replays the same instructions to the same state', () => {
    const { cpu, bus } = guest('arm');
    cpu.run(12345);
    const snap: CpuSnapshot = JSON.parse(JSON.stringify(cpu.snapshot())) as CpuSnapshot;
    const mem = bus.ram.slice();
    cpu.run(54321);
    const after = cpu.snapshot();
    const memAfter = bus.ram.slice();
    bus.ram.set(mem);
    cpu.invalidateCode(0, bus.ram.length);
    cpu.restore(snap);
    expect(cpu.instructions).toBe(12345);
    cpu.run(54321);
    expect(cpu.snapshot()).toEqual(after);
    expect(bus.ram).toEqual(memAfter);
  });

  it('a fresh CPU restored from a snapshot continues identically', () => {
    const a = guest('thumb');
    a.cpu.run(5000);
    const b = guest('thumb');
    b.bus.ram.set(a.bus.ram);
    b.cpu.restore(a.cpu.snapshot());
    a.cpu.run(20000);
    b.cpu.run(20000);
    expect(b.cpu.snapshot()).toEqual(a.cpu.snapshot());
  });

  it('rejects a malformed snapshot with a typed error', () => {
    const { cpu } = guest('arm');
    expect(() => {
      cpu.restore({ ...cpu.snapshot(), regs: [1, 2] });
    }).toThrow(expect.objectContaining({ code: 'bad-snapshot' }) as Error);
  });
});
