import { ThreadState } from '@codezero-ts/scheduler';
import type { Core } from './core.js';
import { Block } from './thread.js';

/**
 * Cross-checks the kernel's bookkeeping and returns every inconsistency found (empty when
 * all is well): both frame pools, the table caches against the live spaces, threads against
 * the scheduler, space reference counts, IPC send queues, mutex queues and interrupt owners.
 * Read-only; O(threads + spaces + frames). Meant for tests and fuzzers.
 */
export function checkIntegrity(core: Core): string[] {
  const out: string[] = [];
  for (const p of core.phys.kernelFrames.checkIntegrity()) out.push(`kernel pool: ${p}`);
  for (const p of core.phys.userFrames.checkIntegrity()) out.push(`user pool: ${p}`);

  // Table objects: one first-level table per space plus the kernel master; second-level
  // tables are exactly those the spaces hold.
  const tables = core.phys.tableStats();
  let l2 = core.builder.tableCount(core.builder.kernel);
  for (const sp of core.spaces.values()) l2 += core.builder.tableCount(sp.tables);
  if (tables.l1 !== core.spaces.size + 1) out.push(`${tables.l1} first-level tables in use for ${core.spaces.size} spaces + the kernel`);
  if (tables.l2 !== l2) out.push(`${tables.l2} second-level tables in use, the spaces hold ${l2}`);

  // Cached translations: every entry a space's translation cache holds agrees with that
  // space's tables now (a table change that missed a flush shows up here).
  for (const sp of core.spaces.values()) {
    for (const e of sp.tlb.entries()) {
      const va = e.page * 4096;
      const m = core.builder.lookup(sp.tables, va);
      const pa = m === undefined ? -1 : m.pa + (va - m.va);
      if (m === undefined || core.phys.ramOffset(pa) !== e.offset) {
        out.push(`space ${sp.id}: cached translation of 0x${va.toString(16)} is stale`);
      } else if (!e.privileged && (m.user === 'none' || (e.kind === 1 && m.user !== 'rw'))) {
        out.push(`space ${sp.id}: cached ${e.kind === 1 ? 'write' : 'read'} access to 0x${va.toString(16)} the tables no longer allow`);
      }
    }
  }

  // Threads against the scheduler and their spaces.
  const sched = core.sched;
  const refs = new Map<number, number>();
  let count = 0;
  core.threads.forEach((t, i) => {
    if (t === undefined) return;
    count++;
    if (t.tid !== i) out.push(`thread slot ${i} holds thread ${t.tid}`);
    if (!sched.isAlive(i)) {
      out.push(`thread ${i} is unknown to the scheduler`);
      return;
    }
    const st = sched.stateOf(i);
    if (t.dead !== (st === ThreadState.ZOMBIE)) out.push(`thread ${i}: dead=${t.dead} but scheduler state ${st}`);
    if (t.dead) return;
    if (core.spaces.get(t.space.id) !== t.space) out.push(`thread ${i} uses space ${t.space.id}, which is gone`);
    refs.set(t.space.id, (refs.get(t.space.id) ?? 0) + 1);
    if (st === ThreadState.SLEEPING && t.block === Block.None) out.push(`thread ${i} sleeps without a reason`);
    // A waiter for an inactive thread is woken by the scheduler alone and finishes its call when it runs.
    if (t.block !== Block.None && t.block !== Block.WaitInactive && st !== ThreadState.SLEEPING && sched.wakeResultOf(i) !== 'interrupted') {
      out.push(`thread ${i} is marked blocked (${t.block}) but is in state ${st} and was not interrupted`);
    }
    if (t.kernelMessage !== null && t.isServer) out.push(`server thread ${i} has a kernel message in flight`);
    if (t.block === Block.IpcSend) {
      const r = core.threads[t.ipcPartner];
      if (r?.senders.includes(t) !== true) out.push(`thread ${i} sends to ${t.ipcPartner} but is not on its queue`);
    }
    if (t.block === Block.Mutex && core.mutexes.get(t.waitKey)?.waiters.includes(t) !== true) out.push(`thread ${i} waits for a mutex queue it is not on`);
    const seen = new Set<number>();
    for (const s of t.senders) {
      if (seen.has(s.tid)) out.push(`thread ${s.tid} is twice on ${i}'s send queue`);
      seen.add(s.tid);
      if (s.dead || s.block !== Block.IpcSend || s.ipcPartner !== i || core.threads[s.tid] !== s) out.push(`thread ${s.tid} on ${i}'s send queue is not sending to it`);
    }
  });
  if (count !== core.liveThreads) out.push(`${count} threads in the table, liveThreads says ${core.liveThreads}`);
  const schedIds = sched.threads().filter((x) => x !== 0);
  if (schedIds.length !== count) out.push(`the scheduler has ${schedIds.length} threads, the kernel ${count}`);
  for (const sp of core.spaces.values()) {
    const n = refs.get(sp.id) ?? 0;
    if (sp.refs !== n) out.push(`space ${sp.id} counts ${sp.refs} users, ${n} live threads use it`);
  }
  for (const [key, m] of core.mutexes) {
    if (m.waiters.length === 0 && m.credits === 0) out.push(`mutex queue ${key} is empty and kept`);
    for (const w of m.waiters) if (w.dead || w.block !== Block.Mutex || w.waitKey !== key) out.push(`thread ${w.tid} on mutex queue ${key} is not waiting for it`);
  }
  core.irqOwners.forEach((o, irq) => {
    if (o !== undefined && (o.thread.dead || core.threads[o.thread.tid] !== o.thread)) out.push(`irq ${irq} is owned by dead thread ${o.thread.tid}`);
  });
  return out;
}
