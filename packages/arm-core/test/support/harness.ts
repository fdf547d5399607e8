import { Cpu, ExceptionModel, FlatRamBus } from '../../src/index.js';

/** Code is loaded here; RAM is 64 KiB. */
export const CODE = 0x1000;

/** A CPU on 64 KiB of flat RAM with `words` (ARM) at CODE and PC there, in SVC mode. */
export function armCpu(words: readonly number[], hosted = false): { cpu: Cpu; bus: FlatRamBus } {
  const bus = new FlatRamBus(0x10000);
  bus.loadWords(CODE, words);
  const cpu = new Cpu(bus, hosted ? { exceptionModel: ExceptionModel.Hosted } : {});
  cpu.pc = CODE;
  return { cpu, bus };
}

/** A CPU with Thumb halfwords at CODE and the T bit set. */
export function thumbCpu(halves: readonly number[]): { cpu: Cpu; bus: FlatRamBus } {
  const bus = new FlatRamBus(0x10000);
  const b = new Uint8Array(halves.length * 2);
  halves.forEach((h, i) => {
    b[2 * i] = h & 0xff;
    b[2 * i + 1] = h >>> 8;
  });
  bus.load(CODE, b);
  const cpu = new Cpu(bus);
  cpu.cpsr = 0x33;
  cpu.pc = CODE;
  return { cpu, bus };
}

/** Reads a little-endian word of RAM. */
export function word(bus: FlatRamBus, addr: number): number {
  return new DataView(bus.ram.buffer).getUint32(addr, true);
}

/** NZCV of the CPSR as a 4-bit number. */
export function nzcv(cpu: Cpu): number {
  return cpu.cpsr >>> 28;
}
