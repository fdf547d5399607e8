/**
 * board-pb926 benchmarks: guest MIPS of the userland `bench` (MMU off) and `bench-mmu`
 * (MMU and caches on) images on the whole machine, and, when `qemu-system-arm` is
 * installed, the same images under QEMU (wall time of the whole run, MIPS from the
 * instruction count our machine measured; ratio printed).
 * Then the L4 kernel on the PB926 platform (bench/l4.ts): IPC round trips and getid calls
 * per second, beside the kernel's VirtualPlatform.
 * Run: npx lerna run build --scope @codezero-ts/board-pb926 --scope @codezero-ts/userland
 *      && npm run bench -w @codezero-ts/board-pb926
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { Pb926Machine } from '@codezero-ts/board-pb926';
import { findBareMetalImage } from '@codezero-ts/userland';
import type { BenchResult } from '../../../scripts/bench-kit.js';
import { measureRate, report } from '../../../scripts/bench-kit.js';
import { l4Benchmarks } from './l4.js';

const LIMIT = 1_000_000_000;

function hasQemu(): boolean {
  return spawnSync('qemu-system-arm', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Median wall seconds of `samples` whole QEMU runs of the image. */
function qemuSeconds(args: readonly string[], samples: number): number {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    const r = spawnSync('qemu-system-arm', [...args], { stdio: ['ignore', 'ignore', 'ignore'], timeout: 120_000, env: { ...process.env, QEMU_AUDIO_DRV: 'none' } });
    if (r.status !== 0) throw new Error(`qemu-system-arm exited with ${String(r.status)}`);
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

const results: BenchResult[] = [];
const qemu = hasQemu();
for (const name of ['bench', 'bench-mmu']) {
  const image = findBareMetalImage(name);
  const bytes = await image.loadImage();
  let count = 0;
  const once = (): void => {
    const machine = new Pb926Machine({ semihosting: true });
    machine.loadImage(bytes);
    const r = machine.run(LIMIT);
    if (r.reason !== 'exit' || r.exitCode !== 0) throw new Error(`${name} did not finish`);
    count = machine.instructions;
  };
  once();
  const instructions = count;
  const ips = measureRate((n) => { for (let i = 0; i < n; i++) once(); }, instructions, { samples: 5, minSampleMs: 300 });
  const mips = ips / 1e6;
  let reference: BenchResult['reference'];
  if (qemu) {
    const seconds = qemuSeconds(image.qemuArgs, 3);
    reference = { name: 'qemu-system-arm (whole run)', value: instructions / seconds / 1e6 };
    console.log(`${name}: ${String(instructions)} instructions; ours ${mips.toFixed(1)} MIPS, QEMU ${reference.value.toFixed(1)} MIPS (${seconds.toFixed(2)} s incl. start-up), ratio ours/QEMU ${(mips / reference.value).toFixed(2)}`);
  } else {
    console.log(`${name}: ${String(instructions)} instructions; ours ${mips.toFixed(1)} MIPS (qemu-system-arm not installed)`);
  }
  results.push({ name: `${name} image, whole machine`, value: mips, unit: 'MIPS', higherIsBetter: true, ...(reference === undefined ? {} : { reference }) });
}
results.push(...l4Benchmarks());
report('board-pb926', results);
