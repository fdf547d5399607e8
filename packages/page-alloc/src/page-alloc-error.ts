import type { PageAllocErrorCode } from './api.js';

/** Error thrown by the page allocator and id pools for bad input; `code` says which. */
export class PageAllocError extends Error {
  /** Machine-readable reason. */
  readonly code: PageAllocErrorCode;

  /**
   * @param code - machine-readable reason
   * @param message - human-readable description naming the offending value
   */
  constructor(code: PageAllocErrorCode, message: string) {
    super(message);
    this.name = 'PageAllocError';
    this.code = code;
  }
}
