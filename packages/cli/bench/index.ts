/**
 * Cold-boot benchmark of the built `codezero` command: `codezero boot --init test0` in a
 * fresh Node process each time (module loading, V8 warm-up, boot, test0, power-off), the
 * median wall time of 5 runs next to the original system's about 0.6 s under
 * qemu-system-arm on this machine (issue 10), and the CPU seconds of the child when
 * `/usr/bin/time` is there (on a shared, loaded machine CPU time is the steadier figure).
 * `codezero --version` gives the cost of starting Node and loading the command alone.
 * When NODE_EXTRA_CA_CERTS is set (Node then reads the certificates at every start, about
 * 70 ms here) the boot is also timed without it. On Linux the share of the host's processor
 * time other virtual machines took meanwhile ("steal") is printed too: it makes the wall
 * times of a shared machine slower, and tells a quiet moment from a busy one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { BenchResult } from '../../../scripts/bench-kit.js';
import { report } from '../../../scripts/bench-kit.js';

const bin = fileURLToPath(new URL('../dist/bin.cjs', import.meta.url));
const TIME = '/usr/bin/time';
const SAMPLES = 9;
/** The original C system's test0 run under qemu-system-arm on this machine (issue 10). */
const QEMU_SYSTEM_SECONDS = 0.6;
const scratch = mkdtempSync(join(tmpdir(), 'codezero-bench-'));

interface Sample {
  readonly wall: number;
  readonly cpu: number | undefined;
}

/** A command of {@link measure}: the arguments, the exit status it must give, its environment. */
type Command = readonly [args: readonly string[], status: number, env?: NodeJS.ProcessEnv];

/** Runs `node bin.cjs ...args` once in a fresh process; wall seconds and child CPU seconds. */
function once(args: readonly string[], status: number, env: NodeJS.ProcessEnv = process.env): Sample {
  const withTime = existsSync(TIME);
  const cpuFile = join(scratch, 'cpu');
  const cmd = withTime ? TIME : process.execPath;
  const argv = withTime ? ['-o', cpuFile, '-f', '%U %S', process.execPath, bin, ...args] : [bin, ...args];
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { stdio: ['ignore', 'ignore', 'ignore'], env });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== status) throw new Error(`codezero ${args.join(' ')} exited ${String(r.status)}`);
  let cpu: number | undefined;
  if (withTime) {
    const [user, sys] = readFileSync(cpuFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    cpu = (user ?? 0) + (sys ?? 0);
  }
  return { wall, cpu };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** The steal and total jiffies of /proc/stat's cpu line, or undefined off Linux. */
function cpuJiffies(): { readonly steal: number; readonly total: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
    return { steal: fields[7] ?? 0, total: fields.reduce((a, b) => a + b, 0) };
  } catch {
    return undefined;
  }
}

/** Median wall and CPU seconds of SAMPLES runs of each command, interleaved. */
function measure(commands: readonly Command[]): Sample[] {
  const runs: Sample[][] = commands.map(() => []);
  for (let i = 0; i < SAMPLES; i++) commands.forEach(([args, status, env], k) => runs[k]!.push(once(args, status, env)));
  return runs.map((rs) => ({
    wall: median(rs.map((r) => r.wall)),
    cpu: rs[0]!.cpu === undefined ? undefined : median(rs.map((r) => r.cpu!)),
  }));
}

const BOOT = ['boot', '--init', 'test0'];
const withCerts = process.env.NODE_EXTRA_CA_CERTS !== undefined && process.env.NODE_EXTRA_CA_CERTS !== '';
const commands: Command[] = [
  [BOOT, 0],
  [['--version'], 0],
];
if (withCerts) commands.push([BOOT, 0, { ...process.env, NODE_EXTRA_CA_CERTS: '' }]);
const before = cpuJiffies();
const [boot, version, bootNoCerts] = measure(commands) as [Sample, Sample, Sample | undefined];
const after = cpuJiffies();
const results: BenchResult[] = [
  {
    name: 'cold boot --init test0 to power-off, fresh process (wall)',
    value: boot.wall * 1000,
    unit: 'ms',
    higherIsBetter: false,
    reference: { name: 'original, qemu-system-arm', value: QEMU_SYSTEM_SECONDS * 1000 },
  },
];
if (boot.cpu !== undefined) results.push({ name: 'cold boot --init test0: CPU time of the process', value: boot.cpu * 1000, unit: 'ms', higherIsBetter: false });
results.push({ name: 'codezero --version, fresh process (wall: Node start + loading)', value: version.wall * 1000, unit: 'ms', higherIsBetter: false });
if (version.cpu !== undefined) results.push({ name: 'codezero --version: CPU time', value: version.cpu * 1000, unit: 'ms', higherIsBetter: false });
if (bootNoCerts !== undefined) {
  results.push({
    name: 'cold boot --init test0 without NODE_EXTRA_CA_CERTS (wall)',
    value: bootNoCerts.wall * 1000,
    unit: 'ms',
    higherIsBetter: false,
    reference: { name: 'original, qemu-system-arm', value: QEMU_SYSTEM_SECONDS * 1000 },
  });
}
if (before !== undefined && after !== undefined && after.total > before.total) {
  const share = ((after.steal - before.steal) / (after.total - before.total)) * 100;
  results.push({ name: 'host processor time stolen by other machines meanwhile', value: share, unit: '%', higherIsBetter: false });
}
report('cli', results);
