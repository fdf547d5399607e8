/**
 * Kernel benchmarks (compiled `dist/`): IPC round trips ARM ↔ server thread and ARM ↔ ARM
 * across spaces, thread switches and getid calls per second, with guest instructions per
 * operation.
 */
import { performance } from 'node:perf_hooks';
import { Kernel, Syscall, ThreadIds, VirtualPlatform, getMr, receive, send } from '@codezero-ts/kernel';
import type { BenchResult } from '../../../scripts/bench-kit.js';
import { report } from '../../../scripts/bench-kit.js';
import { Asm } from '../test/helpers/asm.js';

const CODE = 0x10000;
const BUDGET = 4_000_000;
const SAMPLES = 5;

interface Setup {
  readonly kernel: Kernel;
  /** Operations completed so far. */
  readonly count: () => number;
}

/** Median over samples of (operations per second, guest instructions per operation). */
function measure(make: () => Setup): { rate: number; perOp: number } {
  const rates: number[] = [];
  let perOp = 0;
  for (let s = 0; s < SAMPLES; s++) {
    const { kernel, count } = make();
    kernel.run(200_000); // warm up
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

/** A platform with a slow tick so benchmarks measure the IPC path, not preemption. */
function boot(): Kernel {
  return new Kernel(new VirtualPlatform({ instructionsPerSecond: 100_000_000 }));
}

/** ARM code that calls `to` forever, counting round trips in r9. */
function caller(to: number): Uint8Array {
  return new Asm(CODE).label('loop').mov(0, to).movr(1, 0).mov(2, 0).sys(Syscall.Ipc).add(9, 9, 1).b('loop').bytes();
}

const armToServer = (): Setup => {
  const kernel = boot();
  const echo = kernel.spawnServer(function* (self) {
    for (;;) {
      yield receive();
      yield send(getMr(self, 1));
    }
  });
  const c = kernel.spawnProgram({ image: caller(echo), loadAddress: CODE });
  return { kernel, count: () => kernel.thread(c)!.registers[9]! };
};

const armToArm = (): Setup => {
  const kernel = boot();
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
  const c = kernel.spawnProgram({ image: caller(s), loadAddress: CODE });
  return { kernel, count: () => kernel.thread(c)!.registers[9]! };
};

const switches = (): Setup => {
  const kernel = boot();
  const code = new Asm(CODE).label('loop').sys(Syscall.ThreadSwitch).add(9, 9, 1).b('loop').bytes();
  const a = kernel.spawnProgram({ image: code, loadAddress: CODE });
  const b = kernel.spawnProgram({ image: code, loadAddress: CODE });
  return { kernel, count: () => kernel.thread(a)!.registers[9]! + kernel.thread(b)!.registers[9]! };
};

const getid = (): Setup => {
  const kernel = boot();
  const code = new Asm(CODE).label('loop').ldr(0, CODE + 0x1000).sys(Syscall.GetId).add(9, 9, 1).b('loop').bytes();
  const t = kernel.spawnProgram({ image: code, loadAddress: CODE, bssSize: 0x1000 });
  return { kernel, count: () => kernel.thread(t)!.registers[9]! };
};

const results: BenchResult[] = [];
for (const [name, make, unit] of [
  ['IPC round trips, ARM thread ↔ TypeScript server', armToServer, 'trips/s'],
  ['IPC round trips, ARM thread ↔ ARM thread in another space', armToArm, 'trips/s'],
  ['thread switches (thread_switch between two ARM threads)', switches, 'switches/s'],
  ['getid calls from an ARM thread', getid, 'calls/s'],
] as const) {
  const r = measure(make);
  results.push({ name, value: r.rate, unit, higherIsBetter: true });
  results.push({ name: `  guest instructions per operation`, value: r.perOp, unit: 'instr', higherIsBetter: false });
}
report('kernel', results);
