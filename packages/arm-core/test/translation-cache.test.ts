import { describe, expect, it } from 'vitest';
import { Cpu, FlatRamBus, TranslationCache } from '../src/index.js';

const ADD_R0_1 = 0xe2800001; // add r0, r0, #1
const ADD_R1_1 = 0xe2811001; // add r1, r1, #1
const CODE_VA = 0x8000;

/** Two address spaces: virtual page 0x8000 is physical 0x10000 in space 0, 0x20000 in space 1; counts translations. */
class TwoSpaceBus extends FlatRamBus {
  space = 0;
  translations = 0;
  override translate(vaddr: number): number {
    this.translations++;
    if (vaddr >>> 12 === CODE_VA >>> 12) return (this.space === 0 ? 0x10000 : 0x20000) + (vaddr & 0xfff);
    return super.translate(vaddr);
  }
}

function setup(): { bus: TwoSpaceBus; cpu: Cpu; caches: [TranslationCache, TranslationCache] } {
  const bus = new TwoSpaceBus(0x40000);
  bus.loadWords(0x10000, Array<number>(64).fill(ADD_R0_1));
  bus.loadWords(0x20000, Array<number>(64).fill(ADD_R1_1));
  const cpu = new Cpu(bus);
  cpu.cpsr = 0x13;
  return { bus, cpu, caches: [cpu.translationCache, new TranslationCache()] };
}

/** Switches the bus and the CPU to `space` and runs 3 instructions from CODE_VA. */
function runIn(bus: TwoSpaceBus, cpu: Cpu, caches: readonly TranslationCache[], space: number): void {
  bus.space = space;
  cpu.useTranslationCache(caches[space]!);
  cpu.pc = CODE_VA;
  cpu.run(3);
}

describe('translation caches', () => {
  it('keeps each address space its own translations across switches', () => {
    const { bus, cpu, caches } = setup();
    runIn(bus, cpu, caches, 0);
    const afterFirst = bus.translations;
    expect(afterFirst).toBeGreaterThan(0);
    runIn(bus, cpu, caches, 1); // the other space's code at the same virtual address runs
    expect([cpu.getReg(0), cpu.getReg(1)]).toEqual([3, 3]);
    const afterSecond = bus.translations;
    expect(afterSecond).toBeGreaterThan(afterFirst);
    runIn(bus, cpu, caches, 0); // back: found in its own cache, no new translation
    runIn(bus, cpu, caches, 1);
    expect([cpu.getReg(0), cpu.getReg(1)]).toEqual([6, 6]);
    expect(bus.translations).toBe(afterSecond);
  });

  it('flushTlb drops the set in use only; flush() drops a set not in use', () => {
    const { bus, cpu, caches } = setup();
    runIn(bus, cpu, caches, 0);
    runIn(bus, cpu, caches, 1);
    let n = bus.translations;
    cpu.flushTlb(); // space 1's set
    runIn(bus, cpu, caches, 1);
    expect(bus.translations).toBeGreaterThan(n);
    n = bus.translations;
    runIn(bus, cpu, caches, 0); // space 0 kept its translations
    expect(bus.translations).toBe(n);
    caches[1].flush();
    runIn(bus, cpu, caches, 1);
    expect(bus.translations).toBeGreaterThan(n);
    expect([cpu.getReg(0), cpu.getReg(1)]).toEqual([6, 9]);
  });

  it('selecting the set in use again changes nothing', () => {
    const { bus, cpu, caches } = setup();
    runIn(bus, cpu, caches, 0);
    expect(cpu.translationCache).toBe(caches[0]);
    const n = bus.translations;
    runIn(bus, cpu, caches, 0);
    expect(bus.translations).toBe(n);
    expect(cpu.getReg(0)).toBe(6);
  });

  it('lists what it holds: a fetch of the code page at its physical offset in each space', () => {
    const { bus, cpu, caches } = setup();
    runIn(bus, cpu, caches, 0);
    runIn(bus, cpu, caches, 1);
    const fetches = (c: TranslationCache) => [...c.entries()].filter((e) => e.kind === 2).map((e) => [e.page, e.privileged, e.offset]);
    expect(fetches(caches[0])).toEqual([[CODE_VA >>> 12, true, 0x10000]]);
    expect(fetches(caches[1])).toEqual([[CODE_VA >>> 12, true, 0x20000]]);
    caches[0].flush();
    expect([...caches[0].entries()]).toEqual([]);
  });
});
