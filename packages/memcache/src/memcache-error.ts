import type { MemcacheErrorCode } from './api.js';

/**
 * The error memcache and kmalloc throw for bad input: a bad free, a bad option, or a page
 * source that breaks its contract. `code` says which; the message names the address or value.
 * Running out of memory is not an error: allocation returns -1.
 */
export class MemcacheError extends Error {
  /** What went wrong. */
  readonly code: MemcacheErrorCode;

  /**
   * @param code - what went wrong.
   * @param message - a sentence naming the problem and the offending value.
   */
  constructor(code: MemcacheErrorCode, message: string) {
    super(message);
    this.name = 'MemcacheError';
    this.code = code;
  }
}
