import type { KernelErrorCode } from './api.js';

/** Host-side misuse of the kernel API (a bad platform, option or argument). Guest behaviour never throws. */
export class KernelError extends Error {
  /** What went wrong. */
  readonly code: KernelErrorCode;

  /** Creates an error with a `code` and a message naming the problem. */
  constructor(code: KernelErrorCode, message: string) {
    super(message);
    this.name = 'KernelError';
    this.code = code;
  }
}
