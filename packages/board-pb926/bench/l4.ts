/**
 * The L4 kernel on the PB926 platform: IPC round trips (ARM ↔ ARM in two spaces, ARM ↔
 * TypeScript server), thread switches and getid calls per second, each beside the same workload on the kernel's board-less
 * VirtualPlatform (measured in the same process, as the reference).
 */
import { performance } from 'node:perf_hooks';
import { Kernel, Syscall, ThreadIds, VirtualPlatform, getMr, receive, send } from '@codezero-ts/kernel';
import type { Platform } from '@codezero-ts/kernel';
import { Pb926Platform } from '@codezero-ts/board-pb926';
import type { BenchResult } from '../../../scripts/bench-kit.js';
import { Asm } from '../../../scripts/test-kit/arm-asm.js';

const CODE = 0x10000;
const BUDGET = 4_000_000;
const SAMPLES = 5;

interface Setup {
  readonly kernel: Kernel;
  readonly count: () => number;
}

function measure(make: () => Setup): { rate: number; perOp: number } {
  const rates: number[] = [];
  let perOp = 0;
  for (let s = 0; s < SAMPLES; s++) {
    const { kernel, count } = make();
    kernel.run(200_000);
    const c0 = count();
    const i0 = kernel.instructions;
    const t0 = performance.now();
    kernel.run(BUDGET);
    const dt = (performance.now() - t0) / 1000;
    const ops = count() - c0;
    rates.push(ops / dt);
    perOp = (kernel.instructions - i0) / ops;
  }
  rates.sort((a, b) => a - b);
  return { rate: rates[SAMPLES >> 1]!, perOp };
}

type MakePlatform = () => Platform;

const ipc = (platform: MakePlatform) => (): Setup => {
  const kernel = new Kernel(platform(), { log: () => undefined });
  const server = new Asm(CODE)
    .label('loop')
    .mov(0, ThreadIds.Nil)
    .mov(1, ThreadIds.Any)
    .mov(2, 0)
    .sys(Syscall.Ipc)
    .movr(0, 4)
    .mov(1, ThreadIds.Nil)
    .mov(2, 0)
    .sys(Syscall.Ipc)
    .b('loop')
    .bytes();
  const s = kernel.spawnProgram({ image: server, loadAddress: CODE });
  const caller = new Asm(CODE).label('loop').mov(0, s).movr(1, 0).mov(2, 0).sys(Syscall.Ipc).add(9, 9, 1).b('loop').bytes();
  const c = kernel.spawnProgram({ image: caller, loadAddress: CODE });
  return { kernel, count: () => kernel.thread(c)!.registers[9]! };
};

const armToServer = (platform: MakePlatform) => (): Setup => {
  const kernel = new Kernel(platform(), { log: () => undefined });
  const echo = kernel.spawnServer(function* (self) {
    for (;;) {
      yield receive();
      yield send(getMr(self, 1));
    }
  });
  const caller = new Asm(CODE).label('loop').mov(0, echo).movr(1, 0).mov(2, 0).sys(Syscall.Ipc).add(9, 9, 1).b('loop').bytes();
  const c = kernel.spawnProgram({ image: caller, loadAddress: CODE });
  return { kernel, count: () => kernel.thread(c)!.registers[9]! };
};

const switches = (platform: MakePlatform) => (): Setup => {
  const kernel = new Kernel(platform(), { log: () => undefined });
  const code = new Asm(CODE).label('loop').sys(Syscall.ThreadSwitch).add(9, 9, 1).b('loop').bytes();
  const a = kernel.spawnProgram({ image: code, loadAddress: CODE });
  const b = kernel.spawnProgram({ image: code, loadAddress: CODE });
  return { kernel, count: () => kernel.thread(a)!.registers[9]! + kernel.thread(b)!.registers[9]! };
};

const getid = (platform: MakePlatform) => (): Setup => {
  const kernel = new Kernel(platform(), { log: () => undefined });
  const code = new Asm(CODE).label('loop').ldr(0, CODE + 0x1000).sys(Syscall.GetId).add(9, 9, 1).b('loop').bytes();
  const t = kernel.spawnProgram({ image: code, loadAddress: CODE, bssSize: 0x1000 });
  return { kernel, count: () => kernel.thread(t)!.registers[9]! };
};

/** Both platforms at 100 M instructions per guest second (a 1 ms tick every 100 000 instructions). */
const pb926: MakePlatform = () => new Pb926Platform({ ramSize: 32 * 1024 * 1024 });
const virtual: MakePlatform = () => new VirtualPlatform({ ramSize: 32 * 1024 * 1024, instructionsPerSecond: 100_000_000 });

/** Runs the L4 benchmarks and returns their figures. */
export function l4Benchmarks(): BenchResult[] {
  const results: BenchResult[] = [];
  for (const [name, make, unit] of [
    ['L4 IPC round trips, ARM thread ↔ ARM thread in another space (PB926 platform)', ipc, 'trips/s'],
    ['L4 IPC round trips, ARM thread ↔ TypeScript server (PB926 platform)', armToServer, 'trips/s'],
    ['L4 thread_switch between two ARM threads (PB926 platform)', switches, 'switches/s'],
    ['L4 getid calls from an ARM thread (PB926 platform)', getid, 'calls/s'],
  ] as const) {
    const ours = measure(make(pb926));
    const ref = measure(make(virtual));
    console.log(`${name}: ${ours.rate.toFixed(0)} ${unit} (VirtualPlatform ${ref.rate.toFixed(0)}), ${ours.perOp.toFixed(1)} guest instructions per operation`);
    results.push({ name, value: ours.rate, unit, higherIsBetter: true, reference: { name: 'VirtualPlatform', value: ref.rate } });
  }
  return results;
}
