import { SCHED_TICKS } from './api.js';

/**
 * Codezero's timeslice: `ticksPerSecond × priority / 30`, rounded down (integer division
 * in the original), so 133 ticks for NORMAL (4) and 266 for PAGER (8) at 1000 Hz. Never
 * less than one tick.
 */
export function codezeroTimeslice(priority: number, ticksPerSecond: number = SCHED_TICKS): number {
  return Math.max(1, Math.floor((ticksPerSecond * priority) / 30));
}

/** Codezero's SCHED_GRANULARITY: at most `ticksPerSecond / 10` ticks between reschedules. */
export function codezeroGranularity(ticksPerSecond: number = SCHED_TICKS): number {
  return Math.max(1, Math.floor(ticksPerSecond / 10));
}

/**
 * How a parent's remaining ticks `t` are split when it is copied (fork): the child gets
 * ⌈t/2⌉ and the parent ⌊t/2⌋, but the parent keeps at least one tick so a parent with a
 * single tick left does not leave both threads with none.
 */
export function splitTicks(t: number): { readonly child: number; readonly parent: number } {
  return { child: Math.ceil(t / 2), parent: Math.max(1, Math.floor(t / 2)) };
}
