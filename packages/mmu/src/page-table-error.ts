import type { PageTableErrorCode } from './api.js';

/** A bad request to the {@link PageTableBuilder}: the code names the problem. */
export class PageTableError extends Error {
  /** What was wrong. */
  readonly code: PageTableErrorCode;

  constructor(code: PageTableErrorCode, message: string) {
    super(message);
    this.name = 'PageTableError';
    this.code = code;
  }
}
