import type { StopReason, ThreadId, TraceSink, TraceSpan } from './api.js';
import { IDLE_THREAD } from './api.js';

/**
 * Records who ran when and why it stopped, as a list of {@link TraceSpan}s. Give it to a
 * scheduler through `SchedulerOptions.trace`. The first span starts at tick 0 with the
 * idle thread. Zero-length spans (a thread dispatched and stopped within one tick) are kept.
 */
export class TraceRecorder implements TraceSink {
  private readonly done: TraceSpan[] = [];
  private tid: ThreadId = IDLE_THREAD;
  private start = 0;
  private readonly limit: number;

  /** @param limit - keep at most this many finished spans (the oldest are dropped). Default unbounded. */
  constructor(limit = Number.POSITIVE_INFINITY) {
    this.limit = limit;
  }

  /** @inheritDoc */
  onSwitch(now: number, prev: ThreadId, next: ThreadId, reason: StopReason): void {
    this.done.push({ tid: prev, start: this.start, end: now, reason });
    if (this.done.length > this.limit) this.done.shift();
    this.tid = next;
    this.start = now;
  }

  /**
   * The recorded spans; with `now`, the open span of the running thread is appended with
   * reason `running` (if it has lasted at least one tick).
   */
  spans(now?: number): TraceSpan[] {
    const out = this.done.slice();
    if (now !== undefined && now > this.start) out.push({ tid: this.tid, start: this.start, end: now, reason: 'running' });
    return out;
  }

  /** Ticks each thread ran according to the trace (`now` closes the open span). */
  ticksByThread(now?: number): Map<ThreadId, number> {
    const m = new Map<ThreadId, number>();
    for (const s of this.spans(now)) m.set(s.tid, (m.get(s.tid) ?? 0) + (s.end - s.start));
    return m;
  }

  /** Forget everything recorded so far (the open span keeps its start). */
  clear(): void {
    this.done.length = 0;
  }
}
