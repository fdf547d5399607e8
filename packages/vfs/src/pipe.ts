import { Errno, WOULD_BLOCK } from './errno.js';
import { PIPE_BUF, POLLERR, POLLHUP, POLLIN, POLLOUT } from './constants.js';
import { WaitQueue } from './wait-queue.js';

/** Default capacity of a pipe in bytes (Linux: 16 pages). */
export const PIPE_CAPACITY = 65536;

/**
 * The buffer between the two ends of a pipe: a ring of bytes plus reader and writer
 * counts. Reads and writes never wait; they return `WOULD_BLOCK` (or -EAGAIN for
 * non-blocking descriptors) and wake parked callers through the wait queues.
 */
export class Pipe {
  /** Open read ends. */
  readers = 0;
  /** Open write ends. */
  writers = 0;
  /** Waiters for data (or for the last writer to go). */
  readonly readWait = new WaitQueue();
  /** Waiters for space (or for the last reader to go). */
  readonly writeWait = new WaitQueue();
  private readonly buf: Uint8Array;
  private head = 0;
  private count = 0;

  constructor(capacity = PIPE_CAPACITY) {
    this.buf = new Uint8Array(capacity);
  }

  /** Bytes buffered. */
  get available(): number {
    return this.count;
  }

  /** Reads up to `length` bytes; 0 at end of file (no writers left). */
  read(dst: Uint8Array, offset: number, length: number, nonblock: boolean): number {
    if (length === 0) return 0;
    if (this.count === 0) {
      if (this.writers === 0) return 0;
      return nonblock ? -Errno.EAGAIN : WOULD_BLOCK;
    }
    const cap = this.buf.length;
    const n = Math.min(length, this.count);
    const first = Math.min(n, cap - this.head);
    dst.set(this.buf.subarray(this.head, this.head + first), offset);
    if (n > first) dst.set(this.buf.subarray(0, n - first), offset + first);
    this.head = (this.head + n) % cap;
    this.count -= n;
    this.writeWait.wakeAll();
    return n;
  }

  /**
   * Writes up to `length` bytes: -EPIPE without readers; a write of at most PIPE_BUF bytes
   * is all or nothing; a larger one takes what fits (a short count) and the caller repeats.
   */
  write(src: Uint8Array, offset: number, length: number, nonblock: boolean): number {
    if (this.readers === 0) return -Errno.EPIPE;
    if (length === 0) return 0;
    const cap = this.buf.length;
    const space = cap - this.count;
    if (space === 0 || (length <= PIPE_BUF && space < length)) return nonblock ? -Errno.EAGAIN : WOULD_BLOCK;
    const n = Math.min(length, space);
    const tail = (this.head + this.count) % cap;
    const first = Math.min(n, cap - tail);
    this.buf.set(src.subarray(offset, offset + first), tail);
    if (n > first) this.buf.set(src.subarray(offset + first, offset + n), 0);
    this.count += n;
    this.readWait.wakeAll();
    return n;
  }

  /** Readiness of the read end. */
  pollRead(): number {
    let m = 0;
    if (this.count > 0) m |= POLLIN;
    if (this.writers === 0) m |= POLLHUP;
    return m;
  }

  /** Readiness of the write end. */
  pollWrite(): number {
    let m = 0;
    if (this.buf.length - this.count >= PIPE_BUF || this.count === 0) m |= POLLOUT;
    if (this.readers === 0) m |= POLLERR;
    return m;
  }
}
