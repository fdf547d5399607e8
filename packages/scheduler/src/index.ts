/**
 * Codezero's scheduler: runqueues, timeslices, wait queues and suspension.
 * @packageDocumentation
 */
export type {
  CreateOptions,
  EnqueueKind,
  Placement,
  PolicyHost,
  SchedulerLike,
  SchedulerOptions,
  SchedulingPolicy,
  SleepOptions,
  SleepOutcome,
  StopReason,
  ThreadInfo,
  TraceSink,
  TraceSpan,
  WakeOptions,
  WakeResult,
  YieldOptions,
} from './api.js';
export { IDLE_THREAD, MAX_PRIORITY, NO_THREAD, Priority, SCHED_TICKS, ThreadState } from './api.js';
export type { ThreadId } from './api.js';
export { Scheduler } from './scheduler.js';
export type { TickAccounting } from './scheduler.js';
export { SchedulerError } from './scheduler-error.js';
export type { SchedulerErrorCode } from './scheduler-error.js';
export { CodezeroPolicy } from './policies/codezero-policy.js';
export { FixedPriorityPolicy } from './policies/fixed-priority-policy.js';
export type { FixedPriorityOptions } from './policies/fixed-priority-policy.js';
export { codezeroGranularity, codezeroTimeslice, splitTicks } from './timeslice.js';
export { jainIndex } from './fairness.js';
export { TraceRecorder } from './trace-recorder.js';
export { renderGantt, STOP_MARKS } from './gantt.js';
export type { GanttOptions } from './gantt.js';
