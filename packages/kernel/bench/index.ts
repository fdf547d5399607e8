/**
 * Kernel benchmarks (compiled `dist/`): IPC round trips ARM ↔ server thread, ARM ↔ ARM in
 * the same space and across spaces, thread switches and getid calls per second, with guest
 * instructions per operation. References: the figures first published in the README
 * (2026-11-21, same machine); the same-space round trip is compared with the cross-space one
 * of the same run (what the TTBR write and TLB flush cost).
 */
import { performance } from 'node:perf_hooks';
import { Exregs, Kernel, Syscall, ThreadAction, ThreadFlags, ThreadIds, VirtualPlatform, getMr, receive, send } from '@codezero-ts/kernel';
import type { BenchResult } from '../../../scripts/bench-kit.js';
import { report } from '../../../scripts/bench-kit.js';
import { Asm } from '../../../scripts/test-kit/arm-asm.js';

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

/** The echo loop of an ARM server: receive from anyone, reply to the sender (MR1 = r4). */
function echoLoop(a: Asm, label: string): Asm {
  return a.label(label).mov(0, ThreadIds.Nil).mov(1, ThreadIds.Any).mov(2, 0).sys(Syscall.Ipc).movr(0, 4).mov(1, ThreadIds.Nil).mov(2, 0).sys(Syscall.Ipc).b(label);
}

const armToArmSameSpace = (): Setup => {
  const kernel = boot();
  const ids = CODE + 0x1000;
  const exr = ids + 0x40;
  // The client creates the server in its own space (SHARE_SPACE), points it at the echo
  // loop with its own stack, starts it, then calls it forever.
  const a = new Asm(CODE)
    .ldr(0, ids)
    .sys(Syscall.GetId)
    .ldr(0, ThreadAction.Create | ThreadFlags.ShareSpace)
    .ldr(1, ids)
    .sys(Syscall.ThreadControl)
    .ldr(4, exr)
    .ldr(5, 'server')
    .strw(5, 4, 15 * 4)
    .ldr(5, 0x7fff8000)
    .strw(5, 4, 13 * 4)
    .ldr(5, (1 << 13) | (1 << 15))
    .strw(5, 4, Exregs.ValidVector * 4)
    .mov(5, 0)
    .strw(5, 4, Exregs.Flags * 4)
    .ldr(0, exr)
    .ldr(1, ids)
    .ldrw(1, 1, 0)
    .sys(Syscall.ExchangeRegisters)
    .ldr(0, ThreadAction.Run)
    .ldr(1, ids)
    .sys(Syscall.ThreadControl)
    .ldr(6, ids)
    .ldrw(6, 6, 0)
    .label('loop')
    .movr(0, 6)
    .movr(1, 0)
    .mov(2, 0)
    .sys(Syscall.Ipc)
    .add(9, 9, 1)
    .b('loop');
  const c = kernel.spawnProgram({ image: echoLoop(a, 'server').bytes(), loadAddress: CODE, bssSize: 0x1000 });
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

/** Figures first published in the README (2026-11-21, low end of two runs on this machine). */
const README = {
  server: { rate: 398e3, perOp: 8 },
  otherSpace: { rate: 154e3, perOp: 21 },
  switches: { rate: 578e3, perOp: 5 },
  getid: { rate: 1.33e6, perOp: 6 },
} as const;

const results: BenchResult[] = [];
const add = (name: string, r: { rate: number; perOp: number }, unit: string, ref?: { name: string; rate: number; perOp: number }): void => {
  results.push({ name, value: r.rate, unit, higherIsBetter: true, ...(ref === undefined ? {} : { reference: { name: ref.name, value: ref.rate } }) });
  results.push({ name: `  guest instructions per operation`, value: r.perOp, unit: 'instr', higherIsBetter: false, ...(ref === undefined ? {} : { reference: { name: ref.name, value: ref.perOp } }) });
};
const first = 'README, first figures';
add('IPC round trips, ARM thread ↔ TypeScript server', measure(armToServer), 'trips/s', { name: first, ...README.server });
const other = measure(armToArm);
add('IPC round trips, ARM thread ↔ ARM thread in another space', other, 'trips/s', { name: first, ...README.otherSpace });
add('IPC round trips, ARM thread ↔ ARM thread in the same space', measure(armToArmSameSpace), 'trips/s', { name: 'another space, this run', ...other });
add('thread switches (thread_switch between two ARM threads)', measure(switches), 'switches/s', { name: first, ...README.switches });
add('getid calls from an ARM thread', measure(getid), 'calls/s', { name: first, ...README.getid });
report('kernel', results);
