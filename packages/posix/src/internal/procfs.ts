import type { Vfs, VfsProcess } from '@codezero-ts/vfs';
import { createMemfs } from '@codezero-ts/vfs';
import type { Mm0 } from './mm0.js';
import type { Proc } from './process.js';
import { isStopped } from './signals.js';

/**
 * A process state letter of `/proc/<pid>/stat`: `R` running or runnable, `S` sleeping in a
 * blocking call, `D` waiting for its vfork child (Linux's uninterruptible wait), `T` stopped,
 * `Z` zombie.
 */
export type ProcState = 'R' | 'S' | 'D' | 'T' | 'Z';

/** One process as `/proc/<pid>/stat` shows it. */
export interface ProcView {
  readonly proc: Proc;
  readonly state: ProcState;
}

/** The state letter of `p` in mm0's tables. */
export function procState(sys: Mm0, p: Proc): ProcState {
  if (p.zombie) return 'Z';
  if (isStopped(p)) return 'T';
  for (const q of sys.procs.values()) if (q.vforkParent !== null && q.vforkParent.proc === p && !q.zombie) return 'D';
  if (p.waiter !== null) return 'S';
  for (const tid of p.threads) if (sys.parked.has(tid)) return 'S';
  return 'R';
}

/** What the host supplies at each refresh. */
export interface ProcSnapshot {
  /** Every process of the table (zombies included). */
  readonly processes: readonly ProcView[];
  /** `NAME VALUE` lines of `/proc/vmstat`, in order. */
  readonly vmstat: readonly (readonly [string, number])[];
  /** Foreground process group of the console (0: none). */
  readonly consolePgrp: number;
}

const enc = new TextEncoder();
const O_WRONLY_CREAT_TRUNC = 0o1101;

/**
 * A `/proc`-like view: a memfs mounted at `/proc` whose files are rewritten from mm0's
 * process table whenever a path under `/proc` is resolved (so a reader sees the table as it
 * was when it opened the file). Holds `/proc/<pid>/stat` (Linux's layout, the fields this
 * system knows, zeros for the rest), `/proc/<pid>/comm` and `/proc/vmstat`.
 */
export class ProcFs {
  readonly #fs: VfsProcess;
  readonly #pids = new Set<number>();

  /** Creates `/proc` (when missing) and mounts an empty memfs there. */
  constructor(vfs: Vfs) {
    this.#fs = vfs.createProcess({ uid: 0, gid: 0, umask: 0o022 });
    this.#fs.mkdir('/proc', 0o555);
    vfs.mount('/proc', createMemfs());
  }

  /** Rewrites the view from `snap`: directories of gone processes are removed. */
  refresh(snap: ProcSnapshot): void {
    const fs = this.#fs;
    const live = new Set<number>();
    for (const { proc: p, state } of snap.processes) {
      live.add(p.pid);
      const dir = `/proc/${String(p.pid)}`;
      if (!this.#pids.has(p.pid)) {
        fs.mkdir(dir, 0o555);
        this.#pids.add(p.pid);
      }
      // pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt
      // utime stime cutime cstime priority nice num_threads itrealvalue starttime vsize rss
      const fields = [
        String(p.pid),
        `(${p.name.slice(0, 15)})`,
        state,
        String(p.ppid),
        String(p.pgid),
        String(p.sid),
        '0',
        String(snap.consolePgrp === 0 ? -1 : snap.consolePgrp),
        '0', '0', '0', '0', '0', '0', '0', '0', '0', '20', '0',
        String(Math.max(p.threads.size, 1)),
        '0', '0', '0', '0',
      ];
      this.#write(`${dir}/stat`, `${fields.join(' ')}\n`);
      this.#write(`${dir}/comm`, `${p.name}\n`);
    }
    for (const pid of this.#pids) {
      if (live.has(pid)) continue;
      const dir = `/proc/${String(pid)}`;
      fs.unlink(`${dir}/stat`);
      fs.unlink(`${dir}/comm`);
      fs.rmdir(dir);
      this.#pids.delete(pid);
    }
    this.#write('/proc/vmstat', snap.vmstat.map(([k, v]) => `${k} ${String(v)}\n`).join(''));
  }

  #write(path: string, text: string): void {
    const fs = this.#fs;
    const fd = fs.open(path, O_WRONLY_CREAT_TRUNC, 0o444);
    if (fd < 0) return;
    fs.write(fd, enc.encode(text));
    fs.close(fd);
  }
}
