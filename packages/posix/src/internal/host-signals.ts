import type { Mm0, Step } from './mm0.js';
import { makeSiginfo, postSignal } from './signals.js';

/** A signal the host raised for a process group (a terminal's ^C, ^\ or ^Z …). */
export interface HostSignal {
  readonly pgrp: number;
  readonly signal: number;
}

/** si_code of a signal sent by the kernel (SI_KERNEL), as a terminal's signals are. */
const SI_KERNEL = 0x80;

/**
 * Delivers the signals the host queued in `sys.hostSignals` (mm0 calls this when its
 * doorbell rings) to every live member of the group, with Linux semantics: handlers run,
 * ignored signals are dropped, SIGTSTP stops, default-fatal signals terminate.
 */
export function* deliverHostSignals(sys: Mm0): Step<void> {
  while (sys.hostSignals.length > 0) {
    const { pgrp, signal } = sys.hostSignals.shift()!;
    for (const p of [...sys.procs.values()]) {
      if (p.pgid !== pgrp || p.zombie) continue;
      sys.trace(`[host] signal ${String(signal)} to pid ${String(p.pid)} (group ${String(pgrp)})`);
      yield* postSignal(sys, p, signal, makeSiginfo(signal, SI_KERNEL));
    }
  }
}
