import type { StopReason, ThreadId, TraceSpan } from './api.js';

/** Options of {@link renderGantt}. */
export interface GanttOptions {
  /** First tick shown. Default: the earliest span start. */
  readonly from?: number;
  /** End of the range shown (exclusive). Default: the latest span end. */
  readonly to?: number;
  /** Maximum columns of the chart; several ticks share a column when the range is longer. Default 80. */
  readonly width?: number;
  /** Row labels. Default `idle` for thread 0 and `t<id>` for the others. */
  readonly names?: (tid: ThreadId) => string;
  /** Whether to print the legend line. Default true. */
  readonly legend?: boolean;
}

/** One-letter marks of {@link StopReason}s used by {@link renderGantt}. */
export const STOP_MARKS: Readonly<Record<StopReason, string>> = {
  expired: 'e',
  granularity: 'g',
  preempted: 'p',
  yield: 'y',
  sleep: 's',
  suspend: 'S',
  exit: 'x',
  running: '>',
};

/**
 * A text Gantt chart of trace spans: one row per thread, one column per tick (or per group
 * of ticks), `#` where the thread ran, the stop reason's mark ({@link STOP_MARKS}) in the
 * column where a stretch ended, `.` elsewhere. A header gives the tick of the first column
 * and every tenth column.
 */
export function renderGantt(spans: readonly TraceSpan[], options: GanttOptions = {}): string {
  if (spans.length === 0) return '(no trace)\n';
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const s of spans) {
    lo = Math.min(lo, s.start);
    hi = Math.max(hi, s.end);
  }
  const from = options.from ?? lo;
  const to = Math.max(from + 1, options.to ?? hi);
  const width = Math.max(1, Math.floor(options.width ?? 80));
  const per = Math.max(1, Math.ceil((to - from) / width));
  const cols = Math.ceil((to - from) / per);
  const name = options.names ?? ((t: ThreadId) => (t === 0 ? 'idle' : `t${t}`));

  const rows = new Map<ThreadId, string[]>();
  const row = (tid: ThreadId): string[] => {
    let r = rows.get(tid);
    if (r === undefined) {
      r = new Array<string>(cols).fill('.');
      rows.set(tid, r);
    }
    return r;
  };
  for (const s of spans) {
    if (s.end < from || s.start >= to) continue;
    const r = row(s.tid);
    const a = Math.max(s.start, from);
    const b = Math.min(s.end, to);
    for (let tick = a; tick < b; tick++) {
      const c = Math.floor((tick - from) / per);
      if (r[c] === '.') r[c] = '#';
    }
    // The mark goes in the column of the stretch's last tick (of its start, if it ran none).
    const last = s.end > s.start ? s.end - 1 : s.start;
    if (last >= from && last < to) r[Math.floor((last - from) / per)] = STOP_MARKS[s.reason];
  }

  const ids = [...rows.keys()].sort((x, y) => x - y);
  const labels = ids.map(name);
  const lw = Math.max(4, ...labels.map((l) => l.length));
  let header = '';
  for (let c = 0; c < cols; c += 10) header += String(from + c * per).padEnd(10);
  const lines = [`${''.padEnd(lw)} |${header.slice(0, cols).padEnd(cols)}|`];
  ids.forEach((tid, i) => {
    lines.push(`${(labels[i] ?? '').padEnd(lw)} |${(rows.get(tid) ?? []).join('')}|`);
  });
  if (options.legend ?? true) {
    lines.push(
      `${per} tick${per === 1 ? '' : 's'}/column; # ran, e expired, g granularity, p preempted, y yield, s sleep, S suspend, x exit, > running`,
    );
  }
  return lines.join('\n') + '\n';
}
