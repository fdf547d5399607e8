// Boots test0 to its exit N times in one process on the compiled packages and prints each
// boot's wall time: the first boot pays for V8 compiling the system, the later ones are
// warm. host-instructions.sh counts the same workload under valgrind.
//
// With --phases it prints instead where the time goes: for each of test0's lines, the guest
// instructions run since the line before it and the wall time they took in the first (cold)
// boot and in the later (warm) boots (median; N is at least 2 then).
// usage: node bench/boot-test0.mjs [N] [--phases]
import { readFileSync } from 'node:fs';
import { Kernel, VirtualPlatform } from '@codezero-ts/kernel';
import { PosixSystem } from '@codezero-ts/posix';

const args = process.argv.slice(2);
const phases = args.includes('--phases');
const count = args.find((a) => a !== '--phases');
const boots = Number(count ?? (phases ? 4 : 1));
if (!Number.isInteger(boots) || boots < 1 || args.length > (count === undefined ? 0 : 1) + (phases ? 1 : 0)) {
  console.error('usage: node bench/boot-test0.mjs [N] [--phases]  (N: a whole number of boots, at least 1)');
  process.exit(2);
}
const test0 = new Uint8Array(readFileSync(new URL('../../userland/linux/bin/test0', import.meta.url)));
const ms = () => Number(process.hrtime.bigint()) / 1e6;
const decoder = new TextDecoder();

/**
 * One boot from the kernel's creation to test0's exit. Returns its milliseconds and guest
 * instructions, and per line test0 printed: [line, instructions since the line before, ms since it].
 */
function boot() {
  const rows = [];
  const platform = new VirtualPlatform({ ramSize: 32 << 20, instructionsPerSecond: 100_000_000 });
  const t0 = ms();
  const kernel = new Kernel(platform, { log: () => undefined });
  let lastT = t0;
  let lastI = 0;
  let pending = '';
  const console = (bytes) => {
    if (!phases) return;
    pending += decoder.decode(bytes);
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
      const t = ms();
      rows.push([pending.slice(0, nl), kernel.instructions - lastI, t - lastT]);
      pending = pending.slice(nl + 1);
      lastI = kernel.instructions;
      lastT = t;
    }
  };
  const sys = new PosixSystem(kernel, platform, { files: { '/bin/test0': test0 }, init: '/bin/test0', argv: ['/bin/test0'], console, bootLines: false });
  const exit = sys.run();
  if (exit.reason !== 'exited' || exit.status !== 0) throw new Error(`test0 ended ${exit.reason} ${exit.status}`);
  const end = ms();
  rows.push(['(to power-off)', exit.instructions - lastI, end - lastT]);
  return { ms: end - t0, instructions: exit.instructions, rows };
}

if (!phases) {
  for (let i = 0; i < boots; i++) {
    const b = boot();
    console.log(`boot ${i + 1}: ${b.ms.toFixed(0)} ms, ${b.instructions} guest instructions`);
  }
} else {
  const runs = Array.from({ length: Math.max(2, boots) }, boot);
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const first = runs[0].rows;
  console.log(`test0, ${runs.length} boots in one process (Node ${process.versions.node}); times in ms`);
  console.log(`${'up to the line'.padEnd(34)} ${'instructions'.padStart(12)} ${'cold'.padStart(7)} ${'warm'.padStart(7)}`);
  let cold = 0;
  let warm = 0;
  first.forEach(([line, instructions, t], k) => {
    const w = median(runs.slice(1).map((r) => r.rows[k][2]));
    cold += t;
    warm += w;
    console.log(`${line.slice(0, 34).padEnd(34)} ${String(instructions).padStart(12)} ${t.toFixed(1).padStart(7)} ${w.toFixed(1).padStart(7)}`);
  });
  console.log(`${'whole boot'.padEnd(34)} ${String(runs[0].instructions).padStart(12)} ${cold.toFixed(1).padStart(7)} ${warm.toFixed(1).padStart(7)}`);
}
