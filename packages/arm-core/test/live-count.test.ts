import { describe, expect, it } from 'vitest';
import { CoprocStatus, Cpu, FlatRamBus, type Coprocessor } from '../src/index.js';

const NOP = 0xe1a00000; // mov r0, r0
const THUMB_NOP = 0x46c0; // mov r8, r8
const DEVICE = 0x8000;
const CODE = 0x1000;

/** RAM with one 4 KiB "device" page at DEVICE that goes through the slow path and logs the live count. */
class DeviceBus extends FlatRamBus {
  cpu: Cpu | null = null;
  readonly log: number[] = [];

  override translate(vaddr: number): number {
    return vaddr >>> 12 === DEVICE >>> 12 ? -1 : super.translate(vaddr);
  }
  private note(addr: number): void {
    if (addr >>> 12 === DEVICE >>> 12 && this.cpu !== null) this.log.push(this.cpu.liveInstructions);
  }
  override read8(addr: number): number {
    this.note(addr);
    return super.read8(addr);
  }
  override read16(addr: number): number {
    this.note(addr);
    return super.read16(addr);
  }
  override read32(addr: number): number {
    this.note(addr);
    return super.read32(addr);
  }
  override write8(addr: number, value: number): void {
    this.note(addr);
    super.write8(addr, value);
  }
  override write16(addr: number, value: number): void {
    this.note(addr);
    super.write16(addr, value);
  }
  override write32(addr: number, value: number): void {
    this.note(addr);
    super.write32(addr, value);
  }
}

function machine(thumb: boolean, code: readonly number[]): { cpu: Cpu; bus: DeviceBus } {
  const bus = new DeviceBus(0x10000);
  const bytes = new Uint8Array(code.length * (thumb ? 2 : 4));
  const view = new DataView(bytes.buffer);
  code.forEach((w, i) => {
    if (thumb) view.setUint16(2 * i, w, true);
    else view.setUint32(4 * i, w >>> 0, true);
  });
  bus.load(CODE, bytes);
  const cpu = new Cpu(bus);
  bus.cpu = cpu;
  cpu.cpsr = thumb ? 0x33 : 0x13;
  cpu.pc = CODE;
  cpu.setReg(1, DEVICE);
  cpu.setReg(2, 4);
  return { cpu, bus };
}

// One device access each, through every kind of load/store handler.
const ARM_ACCESSES: readonly (readonly [string, number])[] = [
  ['ldr r0, [r1]', 0xe5910000],
  ['str r0, [r1, #4]', 0xe5810004],
  ['ldrb r0, [r1, #1]', 0xe5d10001],
  ['strb r0, [r1]', 0xe5c10000],
  ['ldr r0, [r1, r2]', 0xe7910002],
  ['strb r0, [r1, r2]', 0xe7c10002],
  ['ldr r0, [r1], #4', 0xe4910004],
  ['strb r0, [r1], #4', 0xe4c10004],
  ['str r0, [r1, #4]!', 0xe5a10004],
  ['ldrb r0, [r1, #4]!', 0xe5f10004],
  ['ldr r0, [r1, r2, lsl #1]', 0xe7910082],
  ['ldrh r0, [r1]', 0xe1d100b0],
  ['ldm r1, {r3}', 0xe8910008],
  ['swpb r0, r3, [r1]', 0xe1410093],
];

describe('live instruction count', () => {
  for (const [name, insn] of ARM_ACCESSES) {
    it(`a device sees the count including the current instruction (ARM ${name})`, () => {
      for (const before of [0, 1, 5]) {
        const { cpu, bus } = machine(false, [...(Array(before).fill(NOP) as number[]), insn, NOP, NOP]);
        cpu.run(before + 3);
        expect(bus.log.length).toBeGreaterThan(0);
        expect(new Set(bus.log)).toEqual(new Set([before + 1]));
        expect(cpu.instructions).toBe(before + 3);
      }
    });
  }

  it('counts across run() calls and in Thumb state', () => {
    // nop ; nop ; ldr r0, [r1, r2] ; nop ; ldrh r0, [r1, #0] ; nop
    const { cpu, bus } = machine(true, [THUMB_NOP, THUMB_NOP, 0x5888, THUMB_NOP, 0x8808, THUMB_NOP]);
    cpu.run(1);
    cpu.run(5);
    expect(bus.log).toEqual([3, 5]);
    expect(cpu.instructions).toBe(6);
  });

  it('counts fetches from a slow-path page (the instruction being fetched included)', () => {
    const { cpu, bus } = machine(false, [0xe3a0fa08]); // mov pc, #0x8000
    bus.loadWords(DEVICE, [NOP, NOP, NOP]);
    cpu.run(4);
    expect(bus.log).toEqual([2, 3, 4]);
  });

  it('a coprocessor reads the count of the instruction that calls it', () => {
    let seen = -1;
    const cop: Coprocessor = {
      cdp: () => CoprocStatus.Undefined,
      mcr: () => CoprocStatus.Undefined,
      mrc: (_o1, _n, _m, _o2, _p, out) => {
        seen = cpu.liveInstructions;
        out[0] = seen;
        return CoprocStatus.Ok;
      },
      mcrr: () => CoprocStatus.Undefined,
      mrrc: () => CoprocStatus.Undefined,
      transferCount: () => -1,
      ldcWord: () => undefined,
      stcWord: () => 0,
    };
    // nop ×3 ; mrc p7, 0, r0, c0, c0, 0
    const { cpu } = machine(false, [NOP, NOP, NOP, 0xee100710, NOP]);
    cpu.setCoprocessor(7, cop);
    cpu.run(2);
    cpu.run(10);
    expect(seen).toBe(4);
    expect(cpu.getReg(0)).toBe(4);
    expect(cpu.instructions).toBe(12);
  });

  it('snapshot() taken mid-run records the live count, and restore() keeps the total exact', () => {
    const { cpu, bus } = machine(false, [NOP, NOP, 0xe5910000, NOP, NOP]);
    const counts: number[] = [];
    const stale: number[] = [];
    let snap: ReturnType<Cpu['snapshot']> | null = null;
    bus.read32 = (addr: number): number => {
      snap = cpu.snapshot();
      counts.push(cpu.liveInstructions);
      stale.push(cpu.instructions);
      return FlatRamBus.prototype.read32.call(bus, addr);
    };
    cpu.run(5);
    expect(counts).toEqual([3]);
    expect(stale).toEqual([0]);
    expect(snap).not.toBeNull();
    expect(snap!.instructions).toBe(3);
    expect(cpu.instructions).toBe(5);
  });
});
