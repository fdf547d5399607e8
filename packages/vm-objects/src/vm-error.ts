import type { VmErrorCode } from './api.js';

/**
 * The error vm-objects throws when its host (the kernel or pager) misuses it: an unknown
 * address-space id, a file closed more often than it was opened, a bad option. Guest
 * mistakes are never thrown: they come back as negative errno numbers.
 */
export class VmError extends Error {
  /** What went wrong. */
  readonly code: VmErrorCode;

  /**
   * @param code - what went wrong.
   * @param message - a sentence naming the problem and the offending value.
   */
  constructor(code: VmErrorCode, message: string) {
    super(message);
    this.name = 'VmError';
    this.code = code;
  }
}
