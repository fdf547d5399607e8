import type { ElfErrorCode } from './api.js';

/** A file that is not a well-formed ELF32 little-endian ARM file. */
export class ElfError extends Error {
  /** What is wrong, as a stable code. */
  readonly code: ElfErrorCode;

  constructor(code: ElfErrorCode, message: string) {
    super(message);
    this.name = 'ElfError';
    this.code = code;
  }
}
