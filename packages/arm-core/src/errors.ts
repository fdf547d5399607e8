/** Error raised for invalid arguments to the CPU API (never for guest behaviour). */
export class CpuStateError extends Error {
  /** Machine-readable code, e.g. `bad-snapshot`. */
  readonly code: string;

  /** Creates the error. */
  constructor(code: string, message: string) {
    super(message);
    this.name = 'CpuStateError';
    this.code = code;
  }
}
