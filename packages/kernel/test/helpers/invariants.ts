/**
 * Invariants of a running kernel checked from outside: the scheduler's queues agree with
 * its thread states, runnable priorities add up, ticks are conserved, and the kernel's own
 * cross-checks ({@link Kernel.checkIntegrity}) find nothing.
 */
import type { Scheduler } from '@codezero-ts/scheduler';
import { ThreadState } from '@codezero-ts/scheduler';
import type { Kernel } from '../../src/index.js';

/** Problems in the scheduler's structures (empty when consistent). */
export function schedulerProblems(s: Scheduler): string[] {
  const problems: string[] = [];
  const where = new Map<number, string>();
  const place = (name: string, list: readonly number[]): void => {
    for (const t of list) {
      const before = where.get(t);
      if (before !== undefined) problems.push(`thread ${t} is on ${name} and ${before}`);
      where.set(t, name);
    }
  };
  let queued = 0;
  for (const q of s.policy.queues()) {
    const members = s.listMembers(q);
    queued += members.length;
    place(`runqueue ${q}`, members);
  }
  let prio = 0;
  for (const t of s.threads()) {
    if (t === 0) continue;
    const info = s.info(t);
    if (info.waitQueue >= 0 && !where.has(t)) place(`waitqueue ${info.waitQueue}`, s.listMembers(info.waitQueue));
    const p = s.placement(t);
    const at = where.get(t) ?? (t === s.current ? 'current' : 'none');
    const pw = p.kind === 'none' || p.kind === 'current' ? p.kind : `${p.kind} ${p.queue}`;
    if (pw !== at) problems.push(`placement of ${t} says ${pw}, the lists say ${at}`);
    if (info.state === ThreadState.RUNNABLE) {
      prio += info.priority;
      if (!(at === 'current' || at.startsWith('runqueue'))) problems.push(`runnable thread ${t} is in ${at}`);
    } else if (info.state === ThreadState.SLEEPING) {
      if (!at.startsWith('waitqueue')) problems.push(`sleeping thread ${t} is in ${at}`);
    } else if (at !== 'none') {
      problems.push(`inactive or exited thread ${t} is in ${at}`);
    }
  }
  if (s.current !== 0 && s.stateOf(s.current) !== ThreadState.RUNNABLE) problems.push(`the current thread ${s.current} is not runnable`);
  if (queued !== s.queuedCount) problems.push(`queuedCount ${s.queuedCount}, but ${queued} threads are queued`);
  if (prio !== s.totalPriority) problems.push(`totalPriority ${s.totalPriority}, runnable threads sum to ${prio}`);
  const a = s.accounting();
  if (a.idleTicks + a.charged !== a.now) problems.push(`idle ${a.idleTicks} + charged ${a.charged} ≠ now ${a.now}`);
  if (a.granted !== a.consumed + a.outstanding + a.forfeited) problems.push(`ticks not conserved: ${JSON.stringify(a)}`);
  return problems;
}

/** Everything {@link schedulerProblems} and the kernel's integrity check report. */
export function kernelProblems(k: Kernel): string[] {
  const out = [...k.checkIntegrity(), ...schedulerProblems(k.scheduler)];
  const stats = k.memoryStats();
  if (stats.threads !== k.threadIds().length) out.push(`memoryStats says ${stats.threads} threads, threadIds lists ${k.threadIds().length}`);
  return out;
}
