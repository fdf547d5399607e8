import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PhysicalBus, DEFAULT_RAM_SIZE } from '../src/index.js';
import type { AccessSize, MmioDevice } from '../src/index.js';
import { errorCode, testBoard } from './helpers.js';

class Recorder implements MmioDevice {
  readonly name = 'recorder';
  readonly log: string[] = [];
  constructor(readonly size: number) {}
  read(offset: number, size: AccessSize): number {
    this.log.push(`r${size}@${offset.toString(16)}`);
    return 0x12345678 + offset;
  }
  write(offset: number, value: number, size: AccessSize): void {
    this.log.push(`w${size}@${offset.toString(16)}=${value.toString(16)}`);
  }
  reset(): void {
    this.log.push('reset');
  }
}

describe('PhysicalBus', () => {
  it('has 128 MiB of little-endian RAM by default, shared with the ram array', () => {
    const bus = new PhysicalBus();
    expect(bus.ram.length).toBe(DEFAULT_RAM_SIZE);
    bus.write32(0x100, 0x11223344);
    expect([...bus.ram.subarray(0x100, 0x104)]).toEqual([0x44, 0x33, 0x22, 0x11]);
    expect(bus.read16(0x102)).toBe(0x1122);
    expect(bus.read8(0x101)).toBe(0x33);
    bus.write16(0x200, 0xabcd);
    bus.write8(0x202, 0xef);
    expect(bus.read32(0x200) >>> 0).toBe(0x00efabcd);
    bus.write32(0x301, 0xa1b2c3d4); // unaligned: byte by byte
    expect(bus.read32(0x301) >>> 0).toBe(0xa1b2c3d4);
    expect(bus.read16(0x303)).toBe(0xa1b2);
    expect(bus.read32(0x7ffffc)).toBe(0);
    expect(bus.read32(0x200)).toBe(0x00efabcd);
    bus.write32(0x400, -1);
    expect(bus.read32(0x400)).toBe(-1);
  });

  it('reads 0 and drops writes where nothing is mapped, never aborting', () => {
    const bus = new PhysicalBus({ ramSize: 0x100000 });
    for (const a of [0x100000, 0x80000000, 0xf0000000, 0x10040f00, 0xfffffffc]) {
      bus.write32(a, 0xdeadbeef);
      expect([bus.read32(a), bus.read16(a), bus.read8(a), bus.fault]).toEqual([0, 0, 0, 0]);
      expect(bus.region(a).kind).toBe('unassigned');
    }
  });

  it('sends device accesses with their offset and size and masks the result', () => {
    const bus = new PhysicalBus({ ramSize: 0x10000 });
    const d = new Recorder(0x1000);
    bus.map(0x20000000, d);
    expect(bus.read32(0x20000010) >>> 0).toBe(0x12345688);
    expect(bus.read16(0x20000002)).toBe(0x567a);
    expect(bus.read8(0x20000001)).toBe(0x79);
    bus.write8(0x20000003, 0x1ff);
    bus.write16(0x20000006, 0x12345);
    bus.write32(0x20000ffc, -1);
    expect(d.log).toEqual(['r4@10', 'r2@2', 'r1@1', 'w1@3=ff', 'w2@6=2345', 'w4@ffc=ffffffff']);
    const r = bus.region(0x20000abc);
    expect([r.kind, r.base, r.size, r.device]).toEqual(['device', 0x20000000, 0x1000, d]);
    expect(bus.region(0x1234)).toEqual({ kind: 'ram', base: 0, size: 0x10000, device: null });
    bus.resetDevices();
    expect(d.log.at(-1)).toBe('reset');
  });

  it('reads 0 past a small device inside its last page', () => {
    const bus = new PhysicalBus({ ramSize: 0x10000 });
    const d = new Recorder(0x10);
    bus.map(0x30000000, d);
    expect(bus.read32(0x3000000c) >>> 0).toBe(0x12345684);
    expect(bus.read32(0x30000010)).toBe(0);
    expect(bus.region(0x30000010).kind).toBe('unassigned');
  });

  it('translates RAM pages for the CPU fast path and reports slow-path RAM writes', () => {
    const bus = new PhysicalBus({ ramSize: 0x10000 });
    expect(bus.translate(0x1234)).toBe(0x1000);
    expect(bus.translate(0x10000)).toBe(-1);
    expect(bus.ramOffset(0xfffc)).toBe(0xfffc);
    expect(bus.ramOffset(0x10000)).toBe(-1);
    const writes: string[] = [];
    bus.onRamWrite = (o, l) => writes.push(`${o}:${l}`);
    bus.write32(8, 1);
    bus.write16(12, 1);
    bus.write8(15, 1);
    expect(writes).toEqual(['8:4', '12:2', '15:1']);
  });

  it('rejects bad RAM sizes and bad or overlapping windows', () => {
    expect(errorCode(() => new PhysicalBus({ ramSize: 1000 }))).toBe('bad-ram-size');
    expect(errorCode(() => new PhysicalBus({ ramSize: 0x10001000 }))).toBe('bad-ram-size');
    expect(errorCode(() => new PhysicalBus({ ramSize: 0 }))).toBe('bad-ram-size');
    expect(new PhysicalBus({ ramSize: 0x10000000 }).ramSize).toBe(0x10000000);
    const bus = new PhysicalBus({ ramSize: 0x100000 });
    expect(errorCode(() => { bus.map(0x80000, new Recorder(0x1000)); })).toBe('overlap');
    expect(errorCode(() => { bus.map(0x20000100, new Recorder(0x1000)); })).toBe('bad-window');
    expect(errorCode(() => { bus.map(0xfffff000, new Recorder(0x2000)); })).toBe('bad-window');
    bus.map(0x20000000, new Recorder(0x2000));
    expect(errorCode(() => { bus.map(0x20001000, new Recorder(0x1000)); })).toBe('overlap');
  });

  it('decodes the PB926 map like QEMU: devices present, SP805/SP810/flash/PCI holes read 0', () => {
    const b = testBoard();
    const kinds = [0x10000000, 0x10003000, 0x10009000, 0x10140000, 0x101e2000, 0x101e3000, 0x101e8000, 0x101f1000, 0x101f2000, 0x101f3000].map(
      (a) => b.bus.region(a).device?.name,
    );
    expect(kinds).toEqual(['versatile-sysregs', 'versatile-sic', 'pl011', 'pl190', 'sp804', 'sp804', 'pl031', 'pl011', 'pl011', 'pl011']);
    for (const a of [0x101e0000, 0x101e1000, 0x34000000, 0x50000000, 0x08000000]) expect(b.bus.region(a).kind).toBe('unassigned');
  });

  it('agrees with a byte-array model for random RAM accesses', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ size: fc.constantFrom(1, 2, 4), addr: fc.nat(0xfff), value: fc.integer(), write: fc.boolean() }), {
          maxLength: 200,
        }),
        (ops) => {
          const bus = new PhysicalBus({ ramSize: 0x2000 });
          const model = new Uint8Array(0x2000);
          for (const op of ops) {
            if (op.write) {
              for (let i = 0; i < op.size; i++) model[op.addr + i] = (op.value >>> (8 * i)) & 0xff;
              if (op.size === 1) bus.write8(op.addr, op.value);
              else if (op.size === 2) bus.write16(op.addr, op.value);
              else bus.write32(op.addr, op.value);
            } else {
              let v = 0;
              for (let i = 0; i < op.size; i++) v += model[op.addr + i]! * 2 ** (8 * i);
              const got = op.size === 1 ? bus.read8(op.addr) : op.size === 2 ? bus.read16(op.addr) : bus.read32(op.addr) >>> 0;
              expect(got).toBe(v);
            }
          }
        },
      ),
    );
  });
});
