/** Codes carried by {@link SchedulerError}. */
export type SchedulerErrorCode =
  /** A thread id that does not name a live thread. */
  | 'ESRCH'
  /** An operation that the thread's state does not allow. */
  | 'ESTATE'
  /** A priority, tick rate or other option out of range. */
  | 'EINVAL'
  /** A wait queue id that was never created or was destroyed. */
  | 'EQUEUE';

/** Thrown for misuse of the scheduler API (bad ids, states or options); never on a correct hot path. */
export class SchedulerError extends Error {
  /** What kind of misuse. */
  readonly code: SchedulerErrorCode;

  /** @param code - the kind of misuse; @param message - what exactly was wrong. */
  constructor(code: SchedulerErrorCode, message: string) {
    super(message);
    this.name = 'SchedulerError';
    this.code = code;
  }
}
