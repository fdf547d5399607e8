import type { Mm0, Step } from './mm0.js';

/** A signal the host raised for a process group (a terminal's ^C, ^\ …). */
export interface HostSignal {
  readonly pgrp: number;
  readonly signal: number;
}

/**
 * Delivers the signals the host queued in `sys.hostSignals` (mm0 calls this when its
 * doorbell rings). Each live member of the group that neither ignores nor handles the
 * signal takes its default action, which for the terminal's signals is to terminate (no
 * handler is run, and SIGTSTP is not queued by the host: there is no stopped state yet).
 */
export function* deliverHostSignals(sys: Mm0): Step<void> {
  while (sys.hostSignals.length > 0) {
    const { pgrp, signal } = sys.hostSignals.shift()!;
    for (const p of [...sys.procs.values()]) {
      if (p.pgid !== pgrp || p.zombie) continue;
      const act = p.sigactions.get(signal);
      if (act !== undefined && (act[0]! | act[1]! | act[2]! | act[3]!) !== 0) continue;
      sys.trace(`[host] signal ${String(signal)} to pid ${String(p.pid)} (group ${String(pgrp)})`);
      yield* sys.exitProcess(p, signal & 0x7f);
    }
  }
}
