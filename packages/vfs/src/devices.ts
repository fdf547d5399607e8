import type { CharDevice } from './api.js';
import { Errno, WOULD_BLOCK } from './errno.js';
import { POLLIN, POLLOUT, TCGETS, TCSETS, TCSETSF, TCSETSW, TIOCGWINSZ, TIOCSWINSZ } from './constants.js';
import { WaitQueue } from './wait-queue.js';

/** Encodes a device number the way Linux's `new_encode_dev` does. */
export function makeDev(major: number, minor: number): number {
  return ((minor & 0xff) | ((major & 0xfff) << 8) | ((minor & ~0xff) << 12)) >>> 0;
}

/** Major number of an encoded device number. */
export function devMajor(dev: number): number {
  return (dev >>> 8) & 0xfff;
}

/** Minor number of an encoded device number. */
export function devMinor(dev: number): number {
  return (dev & 0xff) | ((dev >>> 12) & 0xfff00);
}

const noWait = (wake: () => void): (() => void) => {
  wake();
  return () => undefined;
};

/** `/dev/null`: reads return end of file, writes are discarded. */
export class NullDevice implements CharDevice {
  /** Always end of file. */
  read(): number {
    return 0;
  }
  /** Accepts everything. */
  write(_buf: Uint8Array, _offset: number, length: number): number {
    return length;
  }
  /** Always readable and writable. */
  poll(): number {
    return POLLIN | POLLOUT;
  }
  /** Never waits. */
  wait(wake: () => void): () => void {
    return noWait(wake);
  }
}

/** `/dev/zero`: reads return zeros, writes are discarded. */
export class ZeroDevice implements CharDevice {
  /** Fills the buffer with zeros. */
  read(buf: Uint8Array, offset: number, length: number): number {
    buf.fill(0, offset, offset + length);
    return length;
  }
  /** Accepts everything. */
  write(_buf: Uint8Array, _offset: number, length: number): number {
    return length;
  }
  /** Always readable and writable. */
  poll(): number {
    return POLLIN | POLLOUT;
  }
  /** Never waits. */
  wait(wake: () => void): () => void {
    return noWait(wake);
  }
}

/**
 * The console (`/dev/console`, `/dev/tty`): output goes to a sink (a UART model, stdout, a
 * test buffer); input is pushed by the host with {@link push}. A read with no input pending
 * returns `WOULD_BLOCK` and the reader is woken when input arrives.
 */
export class ConsoleDevice implements CharDevice {
  /** A terminal is a stream: no lseek, pread or pwrite. */
  readonly seekable = false;
  private input: Uint8Array[] = [];
  private inputOffset = 0;
  private eof = false;
  private readonly readers = new WaitQueue();
  /** Terminal attributes as `struct termios` (c_iflag, c_oflag, c_cflag, c_lflag, c_line, c_cc[19]). */
  readonly termios = new Uint8Array(36);
  /** Window size as `struct winsize` (rows, columns, x pixels, y pixels; 16 bits each). */
  readonly winsize = new Uint8Array(8);

  /** @param sink receives each written chunk (a copy the sink may keep). */
  constructor(private readonly sink: (bytes: Uint8Array) => void = () => undefined) {
    const t = new DataView(this.termios.buffer);
    t.setUint32(0, 0x0500, true); // ICRNL | IXON
    t.setUint32(4, 0x0005, true); // OPOST | ONLCR
    t.setUint32(8, 0x00bf, true); // B38400 | CS8 | CREAD | HUPCL
    t.setUint32(12, 0x8a3b, true); // ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN
    // c_cc at offset 17: VINTR 3, VQUIT 28, VERASE 127, VKILL 21, VEOF 4, VTIME 0, VMIN 1
    this.termios.set([3, 28, 127, 21, 4, 0, 1], 17);
    const w = new DataView(this.winsize.buffer);
    w.setUint16(0, 24, true);
    w.setUint16(2, 80, true);
  }

  /** Terminal controls: TCGETS/TCSETS* and TIOCGWINSZ/TIOCSWINSZ; others give -ENOTTY. */
  ioctl(request: number, arg: Uint8Array | null): number {
    let state: Uint8Array;
    if (request === TCGETS || request === TCSETS || request === TCSETSW || request === TCSETSF) state = this.termios;
    else if (request === TIOCGWINSZ || request === TIOCSWINSZ) state = this.winsize;
    else return -Errno.ENOTTY;
    if (arg === null || arg.length < state.length) return -Errno.EFAULT;
    if (request === TCGETS || request === TIOCGWINSZ) arg.set(state);
    else state.set(arg.subarray(0, state.length));
    return 0;
  }

  /** Queues input bytes for readers and wakes parked readers. */
  push(bytes: Uint8Array | string): void {
    const b = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes.slice();
    if (b.length > 0) this.input.push(b);
    this.readers.wakeAll();
  }

  /** Signals end of input (like Ctrl-D on an empty line): pending and later reads return 0. */
  endOfInput(): void {
    this.eof = true;
    this.readers.wakeAll();
  }

  /** Reads pending input, at most up to and including one newline-terminated chunk. */
  read(buf: Uint8Array, offset: number, length: number, nonblock: boolean): number {
    if (length === 0) return 0;
    const head = this.input[0];
    if (head === undefined) {
      if (this.eof) return 0;
      return nonblock ? -Errno.EAGAIN : WOULD_BLOCK;
    }
    const n = Math.min(length, head.length - this.inputOffset);
    buf.set(head.subarray(this.inputOffset, this.inputOffset + n), offset);
    this.inputOffset += n;
    if (this.inputOffset === head.length) {
      this.input.shift();
      this.inputOffset = 0;
    }
    return n;
  }

  /** Sends a copy of the bytes to the sink. */
  write(buf: Uint8Array, offset: number, length: number): number {
    this.sink(buf.slice(offset, offset + length));
    return length;
  }

  /** Readable when input is pending or at end of input; always writable. */
  poll(): number {
    return (this.input.length > 0 || this.eof ? POLLIN : 0) | POLLOUT;
  }

  /** Parks a reader until input arrives. */
  wait(wake: () => void): () => void {
    if (this.input.length > 0 || this.eof) return noWait(wake);
    return this.readers.add(wake);
  }
}
