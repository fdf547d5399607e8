/** Error raised for invalid arguments to the board API (never for guest behaviour). */
export class BoardError extends Error {
  /** Machine-readable code, e.g. `bad-ram-size`. */
  readonly code: string;

  /** Creates the error. */
  constructor(code: string, message: string) {
    super(message);
    this.name = 'BoardError';
    this.code = code;
  }
}
