import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where this process's processor time went, by thread, as Linux's scheduler counted it
 * since the process started: the main thread (which runs the guest) and Node's helper
 * threads (mostly V8 compiling hot functions, a little garbage collection). On a machine
 * with few processors the helpers compete with the main thread; `mainWaitMs` is how long
 * the main thread was ready to run but had no processor, the part of a slow cold boot that
 * no change to the guest or the packages explains.
 */
export interface HostThreadTimes {
  /** Milliseconds the main thread ran on a processor. */
  readonly mainRunMs: number;
  /** Milliseconds the main thread was ready to run but waited for a processor. */
  readonly mainWaitMs: number;
  /** Milliseconds all other threads of the process ran on a processor. */
  readonly helperRunMs: number;
  /** Number of other threads. */
  readonly helpers: number;
}

/** One thread's figures from its `schedstat`, in nanoseconds. */
interface Schedstat {
  readonly runNs: number;
  readonly waitNs: number;
}

/**
 * Reads one `/proc/…/schedstat` file's text: nanoseconds on a processor, nanoseconds
 * waiting on a run queue, time slices. Undefined when the text is not three counts.
 */
export function parseSchedstat(text: string): Schedstat | undefined {
  const fields = text.trim().split(/\s+/);
  if (fields.length !== 3 || !fields.every((f) => /^\d+$/.test(f))) return undefined;
  return { runNs: Number(fields[0]), waitNs: Number(fields[1]) };
}

/**
 * The {@link HostThreadTimes} of the threads listed in `taskDir` (Linux's
 * `/proc/self/task`, one directory per thread id holding `schedstat`), `mainTid` being the
 * main thread. Undefined where there is no such directory or no readable figures for the
 * main thread (not Linux, or a kernel built without scheduler statistics). A thread that
 * ends while the directory is read is left out.
 */
export function hostThreadTimes(taskDir = '/proc/self/task', mainTid: number = process.pid): HostThreadTimes | undefined {
  let tids: string[];
  try {
    tids = readdirSync(taskDir);
  } catch {
    return undefined;
  }
  let main: Schedstat | undefined;
  let helperNs = 0;
  let helpers = 0;
  for (const tid of tids) {
    let stat: Schedstat | undefined;
    try {
      stat = parseSchedstat(readFileSync(join(taskDir, tid, 'schedstat'), 'utf8'));
    } catch {
      stat = undefined;
    }
    if (stat === undefined) continue;
    if (tid === String(mainTid)) {
      main = stat;
    } else {
      helperNs += stat.runNs;
      helpers++;
    }
  }
  if (main === undefined) return undefined;
  return { mainRunMs: main.runNs / 1e6, mainWaitMs: main.waitNs / 1e6, helperRunMs: helperNs / 1e6, helpers };
}

/** The `--stats` line for `times`, e.g. `host (since the process started): main thread 0.520 s on a processor and …`. */
export function formatHostThreadTimes(times: HostThreadTimes): string {
  const s = (ms: number): string => (ms / 1000).toFixed(3);
  return (
    `host (since the process started): main thread ${s(times.mainRunMs)} s on a processor and ${s(times.mainWaitMs)} s waiting for one, ` +
    `${String(times.helpers)} helper threads (V8's compiler, the garbage collector) ${s(times.helperRunMs)} s\n`
  );
}

/** The `--stats` host line of this process, or '' where the figures are not available. */
export function hostThreadLine(): string {
  const times = hostThreadTimes();
  return times === undefined ? '' : formatHostThreadTimes(times);
}
