import { describe, expect, it } from 'vitest';
import { AccessKind, Cpu, ExceptionKind, ExceptionModel, StopReason, type MemoryBus } from '../src/index.js';

/** A toy MMU: a page table from virtual page to RAM page, a device page, and a fault page. */
class PagedBus implements MemoryBus {
  readonly ram = new Uint8Array(0x10000);
  fault = 0;
  readonly map = new Map<number, number>();
  translateCalls = 0;
  deviceReads = 0;
  readonly deviceWrites: number[] = [];
  translate(vaddr: number, kind: AccessKind, privileged: boolean): number {
    this.translateCalls++;
    const page = this.map.get(vaddr >>> 12);
    if (page === undefined) return -1;
    if (kind === AccessKind.Write && !privileged && page === 0) return -1;
    return page << 12;
  }
  private slow(addr: number): number {
    const page = this.map.get(addr >>> 12);
    if (addr >>> 12 === 0xd0000) return -2;
    if (page === undefined) {
      this.fault = 0x7; // translation fault, page
      return -1;
    }
    return (page << 12) | (addr & 0xfff);
  }
  read8(addr: number): number {
    const o = this.slow(addr);
    return o >= 0 ? this.ram[o]! : 0;
  }
  read16(addr: number): number {
    const o = this.slow(addr);
    return o >= 0 ? this.ram[o]! | (this.ram[o + 1]! << 8) : 0;
  }
  read32(addr: number): number {
    const o = this.slow(addr);
    if (o === -2) return ++this.deviceReads;
    return o >= 0 ? new DataView(this.ram.buffer).getInt32(o, true) : 0;
  }
  write8(addr: number, v: number): void {
    const o = this.slow(addr);
    if (o >= 0) this.ram[o] = v;
  }
  write16(addr: number, v: number): void {
    this.write8(addr, v);
    this.write8(addr + 1, v >>> 8);
  }
  write32(addr: number, v: number): void {
    const o = this.slow(addr);
    if (o === -2) this.deviceWrites.push(v);
    else if (o >= 0) new DataView(this.ram.buffer).setInt32(o, v, true);
  }
  poke(off: number, words: number[]): void {
    const dv = new DataView(this.ram.buffer);
    words.forEach((w, i) => {
      dv.setUint32(off + 4 * i, w >>> 0, true);
    });
  }
}

describe('MemoryBus seam', () => {
  it('translates on TLB misses only, and sees new mappings after flushTlbPage', () => {
    const bus = new PagedBus();
    bus.map.set(0x8, 1); // code at VA 0x8000 → RAM 0x1000
    bus.map.set(0x40, 2); // data at VA 0x40000 → RAM 0x2000
    bus.poke(0x1000, [0xe5910000, 0xe5910000, 0xe5910000, 0xe5910000]); // ldr r0, [r1] x4
    bus.poke(0x2000, [111]);
    bus.poke(0x3000, [222]);
    const cpu = new Cpu(bus);
    cpu.pc = 0x8000;
    cpu.setReg(1, 0x40000);
    cpu.run(2);
    expect(cpu.getReg(0)).toBe(111);
    const calls = bus.translateCalls;
    bus.map.set(0x40, 3);
    cpu.run(1);
    expect(cpu.getReg(0)).toBe(111); // stale until the MMU flushes
    expect(bus.translateCalls).toBe(calls);
    cpu.flushTlbPage(0x40000);
    cpu.run(1);
    expect(cpu.getReg(0)).toBe(222);
  });

  it('goes through the read/write methods for device pages', () => {
    const bus = new PagedBus();
    bus.map.set(0x8, 1);
    // ldr r0, [r1] ; ldr r0, [r1] ; str r0, [r1]
    bus.poke(0x1000, [0xe5910000, 0xe5910000, 0xe5810000]);
    const cpu = new Cpu(bus);
    cpu.pc = 0x8000;
    cpu.setReg(1, 0xd0000000);
    cpu.run(3);
    expect(cpu.getReg(0)).toBe(2);
    expect(bus.deviceWrites).toEqual([2]);
  });

  it('reports slow-path aborts with the bus status (hosted model)', () => {
    const bus = new PagedBus();
    bus.map.set(0x8, 1);
    bus.poke(0x1000, [0xe5910000]);
    const cpu = new Cpu(bus, { exceptionModel: ExceptionModel.Hosted });
    cpu.cpsr = 0x10;
    cpu.pc = 0x8000;
    cpu.setReg(1, 0x123458);
    expect(cpu.run(10)).toBe(StopReason.Exception);
    expect(cpu.trap.kind).toBe(ExceptionKind.DataAbort);
    expect(cpu.trap.faultAddress).toBe(0x123458);
    expect(cpu.trap.faultStatus).toBe(7);
    expect(bus.fault).toBe(0);
  });

  it('shares decoded code between two virtual aliases of one physical page', () => {
    const bus = new PagedBus();
    bus.map.set(0x8, 1);
    bus.map.set(0x9, 1); // alias
    // mov r2, #1 ; str r3, [r4] ; b -8 (to the mov)
    bus.poke(0x1000, [0xe3a02001, 0xe5843000, 0xeafffffc]);
    const cpu = new Cpu(bus);
    cpu.pc = 0x8000;
    cpu.setReg(4, 0x9000); // the alias of the mov
    cpu.setReg(3, 0xe3a02005); // mov r2, #5
    cpu.run(3);
    expect(cpu.getReg(2)).toBe(1);
    cpu.run(1);
    expect(cpu.getReg(2)).toBe(5);
  });

  it('fetches through the slow path when a page has no fast mapping', () => {
    const bus = new PagedBus();
    const cpu = new Cpu(bus);
    cpu.pc = 0xd0000000; // device page: read32 returns 1, 2, 3… = andeq r0, r0, r1 …
    cpu.run(3);
    expect(bus.deviceReads).toBe(3);
    expect(cpu.pc >>> 0).toBe(0xd000000c);
  });
});
