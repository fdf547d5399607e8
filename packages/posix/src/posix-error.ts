import type { PosixErrorCode } from './api.js';

/** A host-side error of the POSIX container (bad options, a missing init program…). */
export class PosixError extends Error {
  /** What went wrong. */
  readonly code: PosixErrorCode;

  /** Creates the error. */
  constructor(code: PosixErrorCode, message: string) {
    super(message);
    this.name = 'PosixError';
    this.code = code;
  }
}
