/**
 * A deliberately plain reference model of the scheduler for property tests: JavaScript
 * arrays for queues, objects for threads, linear scans everywhere. It restates the rules
 * of spec/codezero.md §3.1 (and of the fixed-priority policy) independently of the
 * typed-array implementation, so the two can be compared step by step.
 */
import { codezeroTimeslice, splitTicks } from '../src/index.js';

export type ModelPolicy = 'codezero' | 'fixed-priority';

interface MThread {
  prio: number;
  state: 'inactive' | 'runnable' | 'sleeping' | 'zombie';
  left: number;
  ran: number;
  suspend: boolean;
  interruptible: boolean;
  safe: boolean;
  prepared: boolean;
  wake: 'woken' | 'interrupted';
  waiters: number | null; // wait queue used by waitInactive
}

export class Model {
  readonly threads = new Map<number, MThread>();
  cur = 0;
  resched = false;
  now = 0;
  private sinceDispatch = 0;
  private reason = 'preempted';
  runnable: number[] = [];
  expired: number[] = [];
  readonly levels: number[][] = Array.from({ length: 256 }, () => []);
  readonly wqs = new Map<number, number[]>();

  constructor(
    readonly policy: ModelPolicy,
    readonly tps: number,
    readonly granularity: number,
    readonly quantum: number,
  ) {
    this.threads.set(0, this.fresh(0));
    this.threads.get(0)!.state = 'runnable';
  }

  private fresh(prio: number): MThread {
    return { prio, state: 'inactive', left: this.slice(prio), ran: 0, suspend: false, interruptible: false, safe: true, prepared: false, wake: 'woken', waiters: null };
  }

  slice(prio: number): number {
    return this.policy === 'codezero' ? codezeroTimeslice(prio, this.tps) : this.quantum;
  }

  t(id: number): MThread {
    const t = this.threads.get(id);
    if (!t) throw new Error(`model: no thread ${id}`);
    return t;
  }

  // -------- runqueue policy
  private enqueue(id: number, kind: 'wake' | 'preempted' | 'yield'): void {
    const t = this.t(id);
    if (this.policy === 'codezero') {
      // Nothing left: wait for the next round, whatever the reason for queueing. The new
      // slice is handed out when the thread's turn comes (see pick), not here.
      if (t.left <= 0) this.expired.push(id);
      else if (kind === 'wake') this.runnable.unshift(id);
      else this.runnable.push(id);
    } else {
      const level = this.levels[t.prio]!;
      if (t.left <= 0 || kind === 'yield') {
        t.left = this.slice(t.prio);
        level.push(id);
      } else if (kind === 'preempted') level.unshift(id);
      else level.push(id);
    }
  }

  private pick(): number {
    if (this.policy === 'codezero') {
      if (this.runnable.length === 0) [this.runnable, this.expired] = [this.expired, this.runnable];
      const next = this.runnable.shift();
      if (next === undefined) return 0;
      const t = this.t(next);
      if (t.left === 0) t.left = this.slice(t.prio); // its turn has come: a new slice
      return next;
    }
    for (let p = 255; p >= 0; p--) {
      const l = this.levels[p]!;
      if (l.length > 0) return l.shift()!;
    }
    return 0;
  }

  private unqueue(id: number): void {
    for (const l of [this.runnable, this.expired, ...this.levels]) {
      const i = l.indexOf(id);
      if (i >= 0) l.splice(i, 1);
    }
  }

  private preempts(woken: number): boolean {
    return this.policy === 'fixed-priority' && this.t(woken).prio > this.t(this.cur).prio;
  }

  // -------- operations (mirroring Scheduler)
  create(prio: number): number {
    let id = 1;
    while (this.threads.has(id)) id++;
    this.threads.set(id, this.fresh(prio));
    return id;
  }

  fork(parent: number, id: number): void {
    const p = this.t(parent);
    const c = this.fresh(p.prio);
    const s = splitTicks(p.left);
    c.left = s.child;
    p.left = s.parent;
    this.threads.set(id, c);
  }

  resume(id: number, sync: boolean): void {
    const t = this.t(id);
    if (t.state !== 'inactive') return;
    t.state = 'runnable';
    t.wake = 'woken';
    t.suspend = false;
    t.safe = true;
    this.ready(id, sync);
  }

  private ready(id: number, sync: boolean): void {
    this.enqueue(id, 'wake');
    if (sync) {
      this.reason = 'preempted';
      this.switchFrom(false);
    } else if (this.cur === 0 || this.t(this.cur).state !== 'runnable' || this.preempts(id)) this.resched = true;
  }

  private switchFrom(safe: boolean): void {
    const prev = this.cur;
    if (prev !== 0 && this.t(prev).state === 'runnable' && !this.onWaitQueue(prev)) {
      this.t(prev).safe = safe;
      this.enqueue(prev, this.reason === 'yield' ? 'yield' : 'preempted');
    }
    this.cur = this.pick();
    this.resched = false;
    this.reason = 'preempted';
    this.sinceDispatch = 0;
  }

  private onWaitQueue(id: number): boolean {
    for (const q of this.wqs.values()) if (q.includes(id)) return true;
    return false;
  }

  private inactivate(id: number): void {
    const t = this.t(id);
    t.state = 'inactive';
    t.suspend = false;
    t.interruptible = false;
    t.safe = true;
    this.wakeWaiters(id);
  }

  private wakeWaiters(id: number): void {
    const q = this.t(id).waiters;
    if (q === null) return;
    const list = this.wqs.get(q)!;
    while (list.length > 0) this.wakeThread(list[0]!, 'woken', false);
  }

  tick(user: boolean): void {
    this.now++;
    const id = this.cur;
    if (id === 0) {
      if (this.queuedCount() > 0) this.resched = true;
      return;
    }
    const t = this.t(id);
    t.ran++;
    const left = t.left;
    if (left > 0) t.left--;
    if (left <= 1) {
      this.resched = true;
      this.reason = 'expired';
    } else if (++this.sinceDispatch >= this.granularity) {
      this.resched = true;
      if (this.reason === 'preempted') this.reason = 'granularity';
    }
    if (user && t.suspend && t.state === 'runnable') {
      this.inactivate(id);
      this.resched = true;
      this.reason = 'suspend';
    }
  }

  preempt(user: boolean): void {
    const id = this.cur;
    if (user && id !== 0 && this.t(id).suspend && this.t(id).state === 'runnable') {
      this.inactivate(id);
      this.resched = true;
    }
    if (this.resched) this.switchFrom(user);
  }

  syscallExit(): void {
    const id = this.cur;
    if (id !== 0 && this.t(id).suspend && this.t(id).state === 'runnable') {
      this.inactivate(id);
      this.resched = true;
    }
    if (this.resched) this.switchFrom(true);
  }

  yield(): void {
    this.reason = 'yield';
    this.switchFrom(false);
  }

  sleepOn(q: number, interruptible: boolean, sync: boolean): string {
    const r = this.prepare(q, interruptible);
    return r !== 'sleeping' ? r : this.sleepPrepared(sync);
  }

  prepare(q: number, interruptible: boolean): string {
    const t = this.t(this.cur);
    if (interruptible && t.suspend) {
      t.wake = 'interrupted';
      return 'interrupted';
    }
    t.state = 'sleeping';
    t.interruptible = interruptible;
    t.prepared = true;
    t.wake = 'woken';
    this.wqs.get(q)!.push(this.cur);
    return 'sleeping';
  }

  sleepPrepared(sync: boolean): string {
    const t = this.t(this.cur);
    t.prepared = false;
    if (t.state !== 'sleeping') return t.wake;
    this.reason = 'sleep';
    if (sync) this.switchFrom(false);
    else this.resched = true;
    return 'sleeping';
  }

  private wakeThread(id: number, result: 'woken' | 'interrupted', sync: boolean): void {
    for (const q of this.wqs.values()) {
      const i = q.indexOf(id);
      if (i >= 0) q.splice(i, 1);
    }
    const t = this.t(id);
    t.state = 'runnable';
    t.wake = result;
    t.interruptible = false;
    t.safe = false;
    if (id === this.cur) return;
    this.ready(id, sync);
  }

  wakeOne(q: number, sync: boolean): number {
    const id = this.wqs.get(q)![0];
    if (id === undefined) return -1;
    this.wakeThread(id, 'woken', sync);
    return id;
  }

  wakeAll(q: number, sync: boolean): number {
    const list = this.wqs.get(q)!;
    let n = 0;
    while (list.length > 0) {
      this.wakeThread(list[0]!, 'woken', false);
      n++;
    }
    if (n > 0 && sync) {
      this.reason = 'preempted';
      this.switchFrom(false);
    }
    return n;
  }

  wake(id: number, sync: boolean): boolean {
    if (this.t(id).state !== 'sleeping') return false;
    this.wakeThread(id, 'woken', sync);
    return true;
  }

  interrupt(id: number): boolean {
    const t = this.t(id);
    if (t.state !== 'sleeping' || !t.interruptible) return false;
    this.wakeThread(id, 'interrupted', false);
    return true;
  }

  suspend(id: number): boolean {
    const t = this.t(id);
    if (t.state === 'inactive' || t.state === 'zombie') return true;
    t.suspend = true;
    if (t.state === 'sleeping') {
      if (t.interruptible) this.wakeThread(id, 'interrupted', false);
      return false;
    }
    if (id === this.cur || !t.safe) return false;
    this.unqueue(id);
    this.inactivate(id);
    return true;
  }

  exit(id: number): void {
    const t = this.t(id);
    if (t.state === 'runnable' && id !== this.cur) this.unqueue(id);
    for (const q of this.wqs.values()) {
      const i = q.indexOf(id);
      if (i >= 0) q.splice(i, 1);
    }
    t.state = 'zombie';
    t.suspend = false;
    t.interruptible = false;
    t.safe = false;
    t.prepared = false;
    t.left = 0;
    this.wakeWaiters(id);
    if (id === this.cur) {
      this.reason = 'exit';
      this.switchFrom(false);
    }
  }

  reap(id: number): void {
    const q = this.t(id).waiters;
    if (q !== null) this.wqs.delete(q);
    this.threads.delete(id);
  }

  setPriority(id: number, prio: number): void {
    const t = this.t(id);
    t.prio = prio;
    // Codezero: the priority counts at the next refill only, so a queued thread keeps its place.
    if (t.state !== 'runnable' || id === this.cur || this.policy === 'codezero') return;
    this.unqueue(id);
    this.enqueue(id, 'preempted');
  }

  queuedCount(): number {
    if (this.policy === 'codezero') return this.runnable.length + this.expired.length;
    return this.levels.reduce((n, l) => n + l.length, 0);
  }

  totalPriority(): number {
    let n = 0;
    for (const [id, t] of this.threads) if (id !== 0 && t.state === 'runnable') n += t.prio;
    return n;
  }
}
