/**
 * POSIX container benchmarks (compiled `dist/`): boot-to-exit of test0 and of a static glibc
 * hello, getpid calls per second and fork+exit+wait rounds per second on codezero-ts, side
 * by side with `qemu-arm` running the same binaries when it is installed; and, once test0
 * and every process it started have exited, the frames in use and the live vm objects next
 * to their counts at boot (before init started): equal when nothing leaked.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Kernel, VirtualPlatform } from '@codezero-ts/kernel';
import { PosixSystem } from '@codezero-ts/posix';
import type { BenchResult } from '../../../scripts/bench-kit.js';
import { report } from '../../../scripts/bench-kit.js';

const binDir = new URL('../../userland/linux/bin/', import.meta.url);
const files: Record<string, Uint8Array> = {};
for (const name of ['hello', 'loop', 'test0']) files[`/bin/${name}`] = new Uint8Array(readFileSync(new URL(name, binDir)));
const SAMPLES = 5;

interface Run {
  readonly seconds: number;
  readonly instructions: number;
  readonly faults: number;
  readonly syscalls: number;
  /** Frames in use and live vm objects after the run, and at boot. */
  readonly framesInUse: number;
  readonly bootFramesInUse: number;
  readonly vmObjects: number;
  readonly bootVmObjects: number;
}

function runOnce(argv: string[]): Run {
  const platform = new VirtualPlatform({ ramSize: 32 << 20, instructionsPerSecond: 100_000_000 });
  const t0 = performance.now();
  const kernel = new Kernel(platform, { log: () => undefined });
  const sys = new PosixSystem(kernel, platform, { files, init: argv[0]!, argv, console: () => undefined, bootLines: false });
  const exit = sys.run();
  const seconds = (performance.now() - t0) / 1000;
  if (exit.reason !== 'exited' || exit.status !== (argv[0] === '/bin/hello' ? 7 : 0)) throw new Error(`bench run ${argv.join(' ')} ended ${exit.reason} ${exit.status}`);
  const st = sys.stats();
  return {
    seconds,
    instructions: exit.instructions,
    faults: st.faults,
    syscalls: st.syscalls,
    framesInUse: st.totalFrames - st.freeFrames,
    bootFramesInUse: st.totalFrames - st.bootFreeFrames,
    vmObjects: st.vmObjects,
    bootVmObjects: st.bootVmObjects,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** Median wall seconds of `argv` over SAMPLES runs. */
function timeOurs(argv: string[]): Run {
  const runs = Array.from({ length: SAMPLES }, () => runOnce(argv));
  const sec = median(runs.map((r) => r.seconds));
  return { ...runs[0]!, seconds: sec };
}

function timeQemu(args: string[], status = 0): number | undefined {
  const bin = fileURLToPath(new URL(args[0]!, binDir));
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t0 = performance.now();
    const r = spawnSync('qemu-arm', [bin, ...args.slice(1)], { stdio: 'ignore' });
    if (r.error !== undefined || r.status !== status) return undefined;
    times.push((performance.now() - t0) / 1000);
  }
  return median(times);
}

/** Operations per second from two run lengths (start-up cost cancels out). */
function rate(time: (n: number) => number | undefined, small: number, large: number): number | undefined {
  const a = time(small);
  const b = time(large);
  if (a === undefined || b === undefined || b <= a) return undefined;
  return (large - small) / (b - a);
}

const results: BenchResult[] = [];
const t0 = timeOurs(['/bin/test0']);
results.push({ name: 'boot --init /bin/test0 to exit (wall)', value: t0.seconds * 1000, unit: 'ms', higherIsBetter: false });
results.push({ name: 'boot --init /bin/test0: guest instructions', value: t0.instructions, unit: 'insns', higherIsBetter: false });
results.push({ name: 'boot --init /bin/test0: page faults / Linux calls', value: t0.faults, unit: `faults, ${t0.syscalls} calls`, higherIsBetter: false });
results.push({ name: 'after test0 exited: frames in use', value: t0.framesInUse, unit: 'frames', higherIsBetter: false, reference: { name: 'at boot', value: t0.bootFramesInUse } });
results.push({ name: 'after test0 exited: live vm objects', value: t0.vmObjects, unit: 'objects', higherIsBetter: false, reference: { name: 'at boot', value: t0.bootVmObjects } });
const hello = timeOurs(['/bin/hello']);
const helloIndex = results.length;
results.push({ name: 'boot + static glibc hello to exit (wall)', value: hello.seconds * 1000, unit: 'ms', higherIsBetter: false });
results.push({ name: 'boot + hello: guest instructions', value: hello.instructions, unit: 'insns', higherIsBetter: false });
results.push({ name: 'boot + hello: page faults served', value: hello.faults, unit: 'faults', higherIsBetter: false });
const qemuHello = timeQemu(['hello'], 7);
if (qemuHello !== undefined) results[helloIndex] = { ...results[helloIndex]!, reference: { name: 'qemu-arm', value: qemuHello * 1000 } };

const getpidOurs = rate((n) => timeOurs(['/bin/loop', 'getpid', String(n)]).seconds, 20_000, 200_000)!;
const getpidQemu = rate((n) => timeQemu(['loop', 'getpid', String(n)]), 100_000, 1_000_000);
results.push({ name: 'getpid calls per second', value: getpidOurs, unit: 'calls/s', higherIsBetter: true, ...(getpidQemu === undefined ? {} : { reference: { name: 'qemu-arm', value: getpidQemu } }) });
const forkOurs = rate((n) => timeOurs(['/bin/loop', 'fork', String(n)]).seconds, 50, 500)!;
const forkQemu = rate((n) => timeQemu(['loop', 'fork', String(n)]), 20, 200);
results.push({ name: 'fork + exit + wait per second', value: forkOurs, unit: 'rounds/s', higherIsBetter: true, ...(forkQemu === undefined ? {} : { reference: { name: 'qemu-arm', value: forkQemu } }) });
report('posix', results);
