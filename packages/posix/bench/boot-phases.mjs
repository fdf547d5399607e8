// Where a test0 boot's time goes: boots test0 N times in one process (default 4) on the
// compiled packages and prints, for each of test0's lines, the guest instructions run since
// the line before it and the wall time they took in the first (cold) boot and in the later
// (warm) boots (median). The cold column pays for V8 compiling the system; the warm one is
// the same work once V8 has compiled it.
// usage: node bench/boot-phases.mjs [N]
import { readFileSync } from 'node:fs';
import { Kernel, VirtualPlatform } from '@codezero-ts/kernel';
import { PosixSystem } from '@codezero-ts/posix';

const test0 = new Uint8Array(readFileSync(new URL('../../userland/linux/bin/test0', import.meta.url)));
const boots = Math.max(2, Number(process.argv[2] ?? 4));
if (!Number.isInteger(boots)) throw new Error(`usage: node bench/boot-phases.mjs [N]: N must be a whole number of boots`);
const ms = () => Number(process.hrtime.bigint()) / 1e6;
const decoder = new TextDecoder();

/** One boot: [line, instructions since the previous line, milliseconds since it] per line of test0. */
function boot() {
  const rows = [];
  const platform = new VirtualPlatform({ ramSize: 32 << 20, instructionsPerSecond: 100_000_000 });
  let lastT = ms();
  const kernel = new Kernel(platform, { log: () => undefined });
  let lastI = 0;
  let pending = '';
  const console = (bytes) => {
    pending += decoder.decode(bytes);
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      const t = ms();
      const i = kernel.instructions;
      rows.push([line, i - lastI, t - lastT]);
      lastI = i;
      lastT = t;
    }
  };
  const sys = new PosixSystem(kernel, platform, { files: { '/bin/test0': test0 }, init: '/bin/test0', argv: ['/bin/test0'], console, bootLines: false });
  const exit = sys.run();
  if (exit.reason !== 'exited' || exit.status !== 0) throw new Error(`test0 ended ${exit.reason} ${exit.status}`);
  rows.push(['(to power-off)', exit.instructions - lastI, ms() - lastT]);
  return rows;
}

const runs = Array.from({ length: boots }, boot);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const first = runs[0];
console.log(`test0, ${boots} boots in one process (Node ${process.versions.node}); times in ms`);
console.log(`${'after the line'.padEnd(34)} ${'instructions'.padStart(12)} ${'cold'.padStart(7)} ${'warm'.padStart(7)}`);
let totalCold = 0;
let totalWarm = 0;
for (let k = 0; k < first.length; k++) {
  const [line, instructions, cold] = first[k];
  const warm = median(runs.slice(1).map((r) => r[k][2]));
  totalCold += cold;
  totalWarm += warm;
  console.log(`${line.slice(0, 34).padEnd(34)} ${String(instructions).padStart(12)} ${cold.toFixed(1).padStart(7)} ${warm.toFixed(1).padStart(7)}`);
}
const instructions = first.reduce((s, r) => s + r[1], 0);
console.log(`${'whole boot'.padEnd(34)} ${String(instructions).padStart(12)} ${totalCold.toFixed(1).padStart(7)} ${totalWarm.toFixed(1).padStart(7)}`);
