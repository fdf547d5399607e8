import { Access, MapFlags, PAGE_SIZE, Prot } from '@codezero-ts/vm-objects';
import type { BenchResult } from '../../../scripts/bench-kit.js';
import { measureRate, report } from '../../../scripts/bench-kit.js';
import { benchVm } from './rig.js';

const RW = Prot.READ | Prot.WRITE;
const ANON = MapFlags.PRIVATE | MapFlags.ANONYMOUS;
const BATCH = 1024;

/**
 * Copy-on-write faults per second with `depth` frozen shadows between the faulting
 * process's own shadow and the shadow holding the pages (each level is kept alive by a
 * sibling process). A sample forks a child off the deep parent, takes BATCH write faults in
 * it (each walks the chain down to the bottom shadow and copies a page) and exits it; the
 * rate counts faults, so the child's fork and exit are included.
 */
function cowRate(depth: number): number {
  const vm = benchVm(4 * BATCH + 256);
  vm.createSpace(1);
  const a = vm.mmap(1, { length: (BATCH + depth + 1) * PAGE_SIZE, prot: RW, flags: ANON });
  for (let p = 0; p < BATCH; p++) vm.handleFault(1, a + p * PAGE_SIZE, Access.WRITE);
  let next = 2;
  for (let k = 1; k < depth; k++) {
    vm.fork(1, next++); // a sibling keeps this level alive
    vm.handleFault(1, a + (BATCH + k) * PAGE_SIZE, Access.WRITE); // a new top for the parent
  }
  const child = 1000;
  return measureRate((iterations) => {
    for (let i = 0; i < iterations; i++) {
      vm.fork(1, child);
      for (let p = 0; p < BATCH; p++) vm.handleFault(child, a + p * PAGE_SIZE, Access.WRITE);
      vm.exit(child);
    }
  }, BATCH);
}

/**
 * fork + exit pairs per second of a parent with `pages` resident private pages. Each round
 * also writes one parent page, so every fork freezes a writable top shadow again.
 */
function forkRate(pages: number): number {
  const vm = benchVm(pages + 256);
  vm.createSpace(1);
  const a = vm.mmap(1, { length: pages * PAGE_SIZE, prot: RW, flags: ANON });
  for (let p = 0; p < pages; p++) vm.handleFault(1, a + p * PAGE_SIZE, Access.WRITE);
  return measureRate((iterations) => {
    for (let i = 0; i < iterations; i++) {
      vm.fork(1, 2);
      vm.exit(2);
      vm.handleFault(1, a + (i % pages) * PAGE_SIZE, Access.WRITE);
    }
  });
}

const results: BenchResult[] = [];
cowRate(2); // warm-up: let the JIT settle before the reference case is measured
forkRate(64);
const depths = [1, 2, 4, 8, 16];
let cowRef = 0;
for (const d of depths) {
  const v = cowRate(d);
  if (d === 1) cowRef = v;
  results.push({
    name: `COW fault, chain depth ${d}`,
    value: v,
    unit: 'faults/s',
    higherIsBetter: true,
    ...(d === 1 ? {} : { reference: { name: 'depth 1', value: cowRef } }),
  });
}
const sizes = [16, 256, 4096];
let forkRef = 0;
for (const n of sizes) {
  const v = forkRate(n);
  if (n === sizes[0]) forkRef = v;
  results.push({
    name: `fork+exit, ${n} resident pages`,
    value: v,
    unit: 'forks/s',
    higherIsBetter: true,
    ...(n === sizes[0] ? {} : { reference: { name: `${sizes[0]} pages`, value: forkRef } }),
  });
}
report('vm-objects', results);
