import type { UserlandErrorCode } from './api.js';

/** Error raised for bad input to the userland manifest API; `code` names the problem. */
export class UserlandError extends Error {
  /** Machine-readable reason. */
  readonly code: UserlandErrorCode;

  /** Creates an error with a code and a message naming the problem. */
  constructor(code: UserlandErrorCode, message: string) {
    super(message);
    this.name = 'UserlandError';
    this.code = code;
  }
}
