// Boots test0 to its exit N times in one process on the compiled packages and prints each
// boot's wall time: the first boot pays for V8 compiling the system, the later ones are
// warm. host-instructions.sh counts the same workload under valgrind.
// usage: node bench/boot-test0.mjs [N]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Kernel, VirtualPlatform } from '@codezero-ts/kernel';
import { PosixSystem } from '@codezero-ts/posix';

const test0 = new Uint8Array(readFileSync(new URL('../../userland/linux/bin/test0', import.meta.url)));
const boots = Number(process.argv[2] ?? 1);
for (let i = 0; i < boots; i++) {
  const platform = new VirtualPlatform({ ramSize: 32 << 20, instructionsPerSecond: 100_000_000 });
  const t0 = performance.now();
  const kernel = new Kernel(platform, { log: () => undefined });
  const sys = new PosixSystem(kernel, platform, { files: { '/bin/test0': test0 }, init: '/bin/test0', argv: ['/bin/test0'], console: () => undefined, bootLines: false });
  const exit = sys.run();
  if (exit.reason !== 'exited' || exit.status !== 0) throw new Error(`test0 ended ${exit.reason} ${exit.status}`);
  console.log(`boot ${i + 1}: ${(performance.now() - t0).toFixed(0)} ms, ${exit.instructions} guest instructions`);
}
