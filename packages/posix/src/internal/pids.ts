import type { LThread, Proc } from './process.js';

/** Linux's default `pid_max`: ids run from 1 to 32767. */
export const PID_MAX = 32768;

/** After wrapping, Linux starts again above the low ids (kept for early daemons). */
export const RESERVED_PIDS = 300;

/**
 * The Linux pid/tid space of the POSIX container, independent of kernel thread ids. Ids are
 * given in increasing order from 1 (init), wrap at `max` to `wrapTo`, and skip every id
 * still in use as a pid, a tid, a process group or a session (zombies keep theirs).
 */
export class PidAllocator {
  readonly #max: number;
  readonly #wrapTo: number;
  #last = 0;

  /** `max`: first id never given (pid_max); `wrapTo`: where counting restarts after a wrap. */
  constructor(max = PID_MAX, wrapTo = RESERVED_PIDS) {
    this.#max = max;
    this.#wrapTo = wrapTo < max ? wrapTo : 1;
  }

  /** The next free id after the last one given, or -1 when every id is taken. */
  allocate(inUse: (id: number) => boolean): number {
    let id = this.#last;
    for (let n = 1; n < this.#max; n++) {
      id++;
      if (id >= this.#max) id = this.#wrapTo;
      if (!inUse(id)) {
        this.#last = id;
        return id;
      }
    }
    return -1;
  }
}

/** The tables an id may be in use in. */
export interface PidTables {
  readonly procs: ReadonlyMap<number, Proc>;
  readonly threads: ReadonlyMap<number, LThread>;
}

/** True when `id` is a pid (zombies too), a live thread's tid, a process group or a session. */
export function pidInUse(tables: PidTables, id: number): boolean {
  if (tables.procs.has(id)) return true;
  for (const p of tables.procs.values()) if (p.pgid === id || p.sid === id) return true;
  for (const t of tables.threads.values()) if (t.ltid === id) return true;
  return false;
}

/** The live thread whose Linux tid is `ltid`. */
export function threadByLtid(tables: PidTables, ltid: number): LThread | undefined {
  for (const t of tables.threads.values()) if (t.ltid === ltid) return t;
  return undefined;
}
