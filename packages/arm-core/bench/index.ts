/**
 * Guest MIPS of the interpreter on the flat-RAM bus, measured on compiled output (dist/).
 * The guest is bench/guest/mix.c (arithmetic, branches, loads/stores, memcpy, CRC-32,
 * insertion sort) built for ARM and for Thumb by bench/guest/build.sh.
 */
import { readFileSync } from 'node:fs';
import { Cpu, FlatRamBus } from '@codezero-ts/arm-core';
import { measureRate, report, type BenchResult } from '../../../scripts/bench-kit.js';

const STEP = 1_000_000;

function guestRate(isa: 'arm' | 'thumb'): number {
  const bus = new FlatRamBus(0x100000);
  bus.load(0x10000, readFileSync(new URL(`./guest/mix-${isa}.bin`, import.meta.url)));
  const cpu = new Cpu(bus);
  cpu.pc = 0x10000;
  cpu.run(5 * STEP); // warm up
  return measureRate(
    (n) => {
      for (let i = 0; i < n; i++) cpu.run(STEP);
    },
    STEP,
    { samples: 7, minSampleMs: 300 },
  );
}

/** Instructions per second of process CPU time: less sensitive to other load on a shared machine. */
function guestCpuRate(isa: 'arm' | 'thumb'): number {
  const bus = new FlatRamBus(0x100000);
  bus.load(0x10000, readFileSync(new URL(`./guest/mix-${isa}.bin`, import.meta.url)));
  const cpu = new Cpu(bus);
  cpu.pc = 0x10000;
  cpu.run(5 * STEP);
  const rates: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = process.cpuUsage();
    cpu.run(20 * STEP);
    const dt = process.cpuUsage(t0);
    rates.push((20 * STEP) / ((dt.user + dt.system) / 1e6));
  }
  rates.sort((a, b) => a - b);
  return rates[3]!;
}

const results: BenchResult[] = [];
for (const isa of ['arm', 'thumb'] as const) {
  const value = guestRate(isa);
  results.push({ name: `guest mix (${isa}), interpreter`, value, unit: 'instr/s', higherIsBetter: true });
}
for (const isa of ['arm', 'thumb'] as const) {
  const value = guestCpuRate(isa);
  results.push({ name: `guest mix (${isa}), per CPU second`, value, unit: 'instr/s', higherIsBetter: true });
}
const arm = results[0]!.value;
results.push(
  { name: 'vs gbajs (ARMv4T, JS)', value: arm, unit: 'instr/s', higherIsBetter: true, reference: { name: 'gbajs', value: 42e6 } },
  { name: 'vs arm-js (JS)', value: arm, unit: 'instr/s', higherIsBetter: true, reference: { name: 'arm-js', value: 19e6 } },
  { name: 'vs qemu-system-arm (JIT)', value: arm, unit: 'instr/s', higherIsBetter: true, reference: { name: 'qemu', value: 1769e6 } },
);
report('arm-core', results);
