import type { Termios } from '../api.js';
import { OCRNL, ONLCR, ONLRET, ONOCR, OPOST } from '../termios.js';

/**
 * Output processing of a terminal (the OPOST part of termios) and the cursor column the
 * line discipline needs to erase tabs. Bytes are collected in a growing buffer and handed
 * to the sink in one chunk by {@link flush}.
 */
export class TtyOutput {
  /** Cursor column after everything emitted so far. */
  column = 0;
  /** Column where the current input line started (updated by CR and NL, as Linux does). */
  canonColumn = 0;
  private buf = new Uint8Array(256);
  private len = 0;

  constructor(
    private readonly termios: Termios,
    private readonly sink: (bytes: Uint8Array) => void,
  ) {}

  /** Emits one byte with output processing and column tracking. */
  put(c: number): void {
    const post = (this.termios.oflag & OPOST) !== 0;
    const o = this.termios.oflag;
    if (post) {
      if (c === 10) {
        if ((o & ONLRET) !== 0) this.column = 0;
        if ((o & ONLCR) !== 0) {
          this.column = this.canonColumn = 0;
          this.raw(13);
          this.raw(10);
          return;
        }
        this.canonColumn = this.column;
      } else if (c === 13) {
        if ((o & ONOCR) !== 0 && this.column === 0) return;
        if ((o & OCRNL) !== 0) {
          c = 10;
          if ((o & ONLRET) !== 0) this.column = this.canonColumn = 0;
        } else {
          this.column = this.canonColumn = 0;
        }
      } else {
        this.advance(c);
      }
    } else {
      this.advance(c);
    }
    this.raw(c);
  }

  /** Emits a byte without output processing but with column tracking (echo of ^X pairs). */
  putRaw(c: number): void {
    this.advance(c);
    this.raw(c);
  }

  /** Hands everything emitted since the last flush to the sink. */
  flush(): void {
    if (this.len === 0) return;
    const out = this.buf.slice(0, this.len);
    this.len = 0;
    this.sink(out);
  }

  private advance(c: number): void {
    if (c === 9) this.column = (this.column | 7) + 1;
    else if (c === 8) {
      if (this.column > 0) this.column--;
    } else if (c >= 0x20 && c !== 0x7f && (c & 0xc0) !== 0x80) this.column++;
  }

  private raw(c: number): void {
    if (this.len === this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.len++] = c;
  }
}
