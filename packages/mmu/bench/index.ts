/**
 * mmu benchmarks: guest MIPS of the arm-core benchmark guest with the MMU off, on with 1 MiB
 * sections and on with 4 KiB small pages (identity mapped), beside the plain flat-RAM bus;
 * and the cost of a TLB miss (one table walk + permission check through `translate`).
 * Run: npx lerna run build --scope @codezero-ts/mmu && npm run bench -w @codezero-ts/mmu
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { AccessKind, Cpu, FlatRamBus } from '@codezero-ts/arm-core';
import type { MemoryBus } from '@codezero-ts/arm-core';
import { Control, Cp15, MmuBus, PageTableBuilder } from '@codezero-ts/mmu';
import type { PhysicalBus } from '@codezero-ts/mmu';
import type { BenchResult } from '../../../scripts/bench-kit.js';
import { measureRate, report } from '../../../scripts/bench-kit.js';

const RAM = 16 * 1024 * 1024;
const guest = readFileSync(new URL('../../arm-core/bench/guest/mix-arm.bin', import.meta.url));

function flatPhysical(): PhysicalBus {
  const ram = new Uint8Array(RAM);
  const w = new Int32Array(ram.buffer);
  const h = new Uint16Array(ram.buffer);
  const inRam = (pa: number): boolean => pa >= 0 && pa < RAM;
  return {
    ram,
    ramBase: 0,
    read8: (pa) => (inRam(pa) ? ram[pa]! : 0),
    read16: (pa) => (inRam(pa) ? h[pa >>> 1]! : 0),
    read32: (pa) => (inRam(pa) ? w[pa >>> 2]! : 0),
    write8: (pa, v) => { if (inRam(pa)) ram[pa] = v; },
    write16: (pa, v) => { if (inRam(pa)) h[pa >>> 1] = v; },
    write32: (pa, v) => { if (inRam(pa)) w[pa >>> 2] = v; },
  };
}

/** An MMU over fresh RAM, identity mapping the first `bytes` with sections or small pages. */
function mmu(layout: 'off' | 'sections' | 'pages', bytes: number): { bus: MmuBus; cp15: Cp15 } {
  const phys = flatPhysical();
  const cp15 = new Cp15();
  const bus = new MmuBus(phys, cp15);
  if (layout !== 'off') {
    const w = new Int32Array(phys.ram.buffer);
    let nextL2 = 0xe00000;
    const builder = new PageTableBuilder(
      { read32: (pa) => w[pa >>> 2]!, write32: (pa, v) => { w[pa >>> 2] = v; } },
      { allocL1: () => 0xf00000, freeL1: () => undefined, allocL2: () => (nextL2 += 0x400) - 0x400, freeL2: () => undefined },
      { kernelBase: 0xf0000000 },
    );
    const space = builder.createSpace();
    if (layout === 'sections') builder.mapSections(space, 0, 0, bytes >>> 20, { user: 'rw' });
    else builder.map(space, 0, 0, bytes >>> 12, { user: 'rw' });
    cp15.ttbr = space.ttbr;
    cp15.dacr = 1; // domain 0: client
    cp15.control |= Control.M;
  }
  return { bus, cp15 };
}

function guestMips(layout: Layout): number {
  let bus: MemoryBus;
  let cpu: Cpu;
  if (layout === 'flat') {
    bus = new FlatRamBus(RAM);
    cpu = new Cpu(bus);
  } else {
    const m = mmu(layout, 2 * 1024 * 1024);
    bus = m.bus;
    cpu = new Cpu(bus);
    m.cp15.attach(cpu);
    m.bus.attach(cpu);
    cpu.setCoprocessor(15, m.cp15);
  }
  bus.ram.set(guest, 0x10000);
  cpu.pc = 0x10000;
  cpu.run(5_000_000); // warm up the decode cache and the JIT
  return measureRate((n) => { for (let i = 0; i < n; i++) cpu.run(1_000_000); }, 1_000_000, { samples: 7, minSampleMs: 300 }) / 1e6;
}

type Layout = 'flat' | 'off' | 'sections' | 'pages';

/**
 * Measures one layout in a child process, so that each runs with monomorphic bus call
 * sites in the CPU (mixing bus classes in one process makes V8 deoptimise them).
 */
function measureInChild(layout: Layout): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL(import.meta.url), [layout], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('message', (m) => { resolve(Number(m)); });
    child.on('error', reject);
    child.on('exit', (code) => { if (code !== 0) reject(new Error(`bench child for ${layout} exited with ${code}`)); });
  });
}

const only = process.argv[2] as Layout | undefined;
if (only !== undefined) {
  process.send?.(guestMips(only));
  process.exit(0);
}

const flat = await measureInChild('flat');
const results: BenchResult[] = [{ name: 'guest MIPS, flat-RAM bus (no MMU)', value: flat, unit: 'MIPS', higherIsBetter: true }];
for (const [layout, label] of [['off', 'MMU off'], ['sections', 'MMU on, 1 MiB sections'], ['pages', 'MMU on, 4 KiB small pages']] as const) {
  results.push({ name: `guest MIPS, ${label}`, value: await measureInChild(layout), unit: 'MIPS', higherIsBetter: true, reference: { name: 'flat-RAM bus', value: flat } });
}

// A TLB miss costs one translate(): a two-level walk and the permission check.
const { bus } = mmu('pages', 8 * 1024 * 1024);
let sink = 0;
const walks = measureRate((n) => {
  for (let i = 0; i < n; i++) sink += bus.translate((i & 2047) << 12, AccessKind.Read, false);
});
results.push({ name: 'TLB miss (walk + check), small page', value: 1e9 / walks, unit: 'ns', higherIsBetter: false });
if (sink === 0.5) console.log(sink); // keeps the loop's result alive

report('mmu', results);
