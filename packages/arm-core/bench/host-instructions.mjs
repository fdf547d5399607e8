// Runs the bench guest for N million instructions on the compiled CPU (dist/, or the file
// named by DIST): the workload host-instructions.sh counts under valgrind.
// usage: node bench/host-instructions.mjs arm|thumb MILLIONS
import { readFileSync } from 'node:fs';

const dist = process.env.DIST ?? new URL('../dist/index.js', import.meta.url).href;
const { Cpu, FlatRamBus } = await import(dist);
const isa = process.argv[2] === 'thumb' ? 'thumb' : 'arm';
const millions = Number(process.argv[3] ?? 10);
const bus = new FlatRamBus(0x100000);
bus.load(0x10000, readFileSync(new URL(`./guest/mix-${isa}.bin`, import.meta.url)));
const cpu = new Cpu(bus);
cpu.pc = 0x10000;
for (let i = 0; i < millions; i++) cpu.run(1_000_000);
