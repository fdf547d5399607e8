import type { CharDevice, Termios, TtyOptions } from './api.js';
import {
  FIONREAD, POLLIN, POLLOUT, TCFLSH, TCGETS, TCSBRK, TCSETS, TCSETSF, TCSETSW, TIOCGPGRP, TIOCGSID,
  TIOCGWINSZ, TIOCNOTTY, TIOCOUTQ, TIOCSCTTY, TIOCSPGRP, TIOCSWINSZ,
} from './constants.js';
import { Errno, WOULD_BLOCK } from './errno.js';
import { LineDiscipline, type LineSink } from './internal/line-discipline.js';
import { TtyOutput } from './internal/tty-output.js';
import {
  ICANON, NOFLSH, SIGWINCH, TERMIOS_SIZE, TOSTOP, VMIN, VTIME, WINSIZE_SIZE, decodeTermios, defaultTermios, encodeTermios,
} from './termios.js';
import { WaitQueue } from './wait-queue.js';

/** Input bytes the terminal holds for readers before it stops taking typeahead (Linux: 4096). */
export const TTY_INPUT_CAPACITY = 4096;

/** How an ioctl of a terminal uses its argument; see {@link ttyIoctlArg}. */
export interface TtyIoctlArg {
  /** Bytes of guest memory involved (0 when the argument is not used). */
  readonly size: number;
  /**
   * `in`: the terminal reads `size` bytes the caller points at; `out`: it fills them;
   * `value`: the argument is an integer, passed to {@link Tty.ioctl} as a 4-byte
   * little-endian buffer; `none`: ignored (pass null).
   */
  readonly dir: 'in' | 'out' | 'value' | 'none';
}

const ARGS = new Map<number, TtyIoctlArg>([
  [TCGETS, { size: TERMIOS_SIZE, dir: 'out' }],
  [TCSETS, { size: TERMIOS_SIZE, dir: 'in' }],
  [TCSETSW, { size: TERMIOS_SIZE, dir: 'in' }],
  [TCSETSF, { size: TERMIOS_SIZE, dir: 'in' }],
  [TIOCGWINSZ, { size: WINSIZE_SIZE, dir: 'out' }],
  [TIOCSWINSZ, { size: WINSIZE_SIZE, dir: 'in' }],
  [TIOCGPGRP, { size: 4, dir: 'out' }],
  [TIOCSPGRP, { size: 4, dir: 'in' }],
  [TIOCGSID, { size: 4, dir: 'out' }],
  [FIONREAD, { size: 4, dir: 'out' }],
  [TIOCOUTQ, { size: 4, dir: 'out' }],
  [TIOCSCTTY, { size: 4, dir: 'value' }],
  [TCFLSH, { size: 4, dir: 'value' }],
  [TCSBRK, { size: 4, dir: 'value' }],
  [TIOCNOTTY, { size: 0, dir: 'none' }],
]);

/**
 * How the terminal ioctl `request` uses its argument, so a system-call layer knows what to
 * copy in and out of guest memory; `undefined` for requests a {@link Tty} does not know
 * (they answer -ENOTTY).
 */
export function ttyIoctlArg(request: number): TtyIoctlArg | undefined {
  return ARGS.get(request);
}

/** SIGTTIN: a background process read its controlling terminal. */
const SIGTTIN = 21;
/** SIGTTOU: a background process wrote (with TOSTOP) or changed its controlling terminal. */
const SIGTTOU = 22;

/** Requests that change the terminal: background callers meet SIGTTOU (Linux's tty_check_change). */
const CHANGES = new Set([TCSETS, TCSETSW, TCSETSF, TIOCSPGRP, TCFLSH]);

/**
 * Whether the terminal ioctl `request` changes the terminal (TCSETS, TCSETSW, TCSETSF,
 * TIOCSPGRP, TCFLSH), so that a background process making it meets job control
 * ({@link Tty.jobControl} with `change`).
 */
export function ttyIoctlChanges(request: number): boolean {
  return CHANGES.has(request);
}

/** What a process does to its terminal, for {@link Tty.jobControl}. */
export type TtyAccess = 'read' | 'write' | 'change';

interface Chunk {
  data: Uint8Array;
  len: number;
  pos: number;
  /** A finished canonical line (or pushed input); reads in canonical mode stop at its end. */
  line: boolean;
}

/**
 * A console terminal with a Linux-style line discipline, usable as a devfs character
 * device (`vfs.mountDevfs(new Tty({ sink }))`). The host feeds what the user types with
 * {@link input}; output (program writes and echoes) goes to the sink after output
 * processing. Canonical mode edits lines (ERASE, KILL, WERASE, LNEXT, REPRINT, EOF);
 * non-canonical mode follows VMIN/VTIME (see {@link expireTimer}); ISIG characters call
 * `onSignal` with the foreground process group. Reads never wait: they return
 * `WOULD_BLOCK` (or -EAGAIN when non-blocking) and {@link wait} parks the caller.
 */
export class Tty implements CharDevice {
  /** A terminal is a stream: no lseek, pread or pwrite. */
  readonly seekable = false;
  /** The current attributes (live: change them through TCSETS or {@link setTermios}). */
  readonly termios: Termios = defaultTermios();
  /** Foreground process group (TIOCGPGRP/TIOCSPGRP); 0 when none. */
  foregroundPgrp = 0;
  /** Session the terminal controls (set by the system on TIOCSCTTY); 0 when none. */
  session = 0;
  private readonly winsize = new Uint8Array(WINSIZE_SIZE);
  private readonly out: TtyOutput;
  private readonly ld: LineDiscipline;
  private readonly readers = new WaitQueue();
  private readonly onSignal: (signal: number, pgrp: number) => void;
  private chunks: Chunk[] = [];
  private count = 0;
  private backlog: Uint8Array[] = [];
  private backlogPos = 0;
  private hungUp = false;
  private timerExpired = false;

  constructor(options: TtyOptions = {}) {
    const sink = options.sink ?? (() => undefined);
    this.onSignal = options.onSignal ?? (() => undefined);
    this.out = new TtyOutput(this.termios, sink);
    const lineSink: LineSink = {
      line: (bytes) => {
        this.chunks.push({ data: bytes, len: bytes.length, pos: 0, line: true });
        this.count += bytes.length;
      },
      byte: (c) => {
        this.appendRaw(c);
      },
      signal: (sig) => {
        if ((this.termios.lflag & NOFLSH) === 0) this.flushInput();
        this.onSignal(sig, this.foregroundPgrp);
      },
    };
    this.ld = new LineDiscipline(this.termios, this.out, lineSink, options.backspaceErases ?? true);
    const w = new DataView(this.winsize.buffer);
    w.setUint16(0, options.rows ?? 24, true);
    w.setUint16(2, options.columns ?? 80, true);
  }

  /**
   * Terminal job control with Linux's rules: the signal a process of group `pgrp` in session
   * `sid` meets when it reads, writes or changes (see {@link ttyIoctlChanges}) this terminal,
   * or 0 when it may go on. Only processes of the session the terminal controls
   * ({@link Tty.session}; 0 = none) outside its foreground group ({@link Tty.foregroundPgrp};
   * 0 = none) are concerned: a read gives SIGTTIN (21), a change SIGTTOU (22), a write
   * SIGTTOU when TOSTOP is set in the local modes. What follows (stop, EIO for an orphaned
   * group, ignored or blocked signals) is the system's business.
   */
  jobControl(access: TtyAccess, pgrp: number, sid: number): number {
    if (this.session === 0 || sid !== this.session || this.foregroundPgrp === 0 || pgrp === this.foregroundPgrp) return 0;
    if (access === 'read') return SIGTTIN;
    if (access === 'change') return SIGTTOU;
    return (this.termios.lflag & TOSTOP) !== 0 ? SIGTTOU : 0;
  }

  /** Window rows. */
  get rows(): number {
    return (this.winsize[0] ?? 0) | ((this.winsize[1] ?? 0) << 8);
  }

  /** Window columns. */
  get columns(): number {
    return (this.winsize[2] ?? 0) | ((this.winsize[3] ?? 0) << 8);
  }

  /** Bytes readers can take now (FIONREAD). */
  get available(): number {
    return this.count;
  }

  /**
   * Feeds bytes typed by the user (from a UART, the host's stdin, a test). They are
   * processed at once (echo, editing, signals) as long as the input buffer has room; the
   * rest waits as typeahead until readers make room, as a real terminal throttles its sender.
   */
  input(bytes: Uint8Array | string): void {
    const b = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes.slice();
    if (b.length === 0) return;
    this.backlog.push(b);
    this.pump();
  }

  /**
   * The input source is gone (the host's stdin closed, the line hung up): once the typeahead
   * is consumed, a partial canonical line is handed to readers and every later read returns 0.
   */
  endOfInput(): void {
    this.hungUp = true;
    this.pump();
  }

  /** True after {@link endOfInput}. */
  get ended(): boolean {
    return this.hungUp;
  }

  /** The host's window changed: TIOCGWINSZ reports it and the foreground group gets SIGWINCH. */
  resize(rows: number, columns: number): void {
    const w = new DataView(this.winsize.buffer);
    if (this.rows === rows && this.columns === columns) return;
    w.setUint16(0, rows, true);
    w.setUint16(2, columns, true);
    this.onSignal(SIGWINCH, this.foregroundPgrp);
  }

  /**
   * The non-canonical read timer ran out. The terminal has no clock of its own (runs stay
   * deterministic): the system calls this when VTIME tenths of a second of its time have
   * passed since a reader started waiting (or since the last byte). The waiting read then
   * returns what is available, 0 bytes included when VMIN is 0.
   */
  expireTimer(): void {
    this.timerExpired = true;
    this.readers.wakeAll();
  }

  /** Replaces the attributes, as TCSETS does; `flush` discards pending input first (TCSETSF). */
  setTermios(t: Termios, flush = false): void {
    if (flush) this.flushInput();
    const wasCanon = (this.termios.lflag & ICANON) !== 0;
    this.termios.iflag = t.iflag >>> 0;
    this.termios.oflag = t.oflag >>> 0;
    this.termios.cflag = t.cflag >>> 0;
    this.termios.lflag = t.lflag >>> 0;
    this.termios.line = t.line;
    this.termios.cc.set(t.cc.subarray(0, this.termios.cc.length));
    const canon = (this.termios.lflag & ICANON) !== 0;
    if (wasCanon && !canon) this.ld.leaveCanonical();
    else if (!wasCanon && canon) for (const c of this.chunks) c.line = true;
    this.pump();
    this.readers.wakeAll();
  }

  /** Reads input following the mode: one line at most in canonical mode, VMIN/VTIME otherwise. */
  read(buf: Uint8Array, offset: number, length: number, nonblock: boolean): number {
    if (length === 0) return 0;
    let n: number;
    if ((this.termios.lflag & ICANON) !== 0) n = this.readCanonical(buf, offset, length, nonblock);
    else n = this.readRaw(buf, offset, length, nonblock);
    if (n >= 0) this.pump();
    return n;
  }

  /** Output processing (OPOST, ONLCR…), then the sink. Never waits. */
  write(buf: Uint8Array, offset: number, length: number): number {
    for (let i = 0; i < length; i++) this.out.put(buf[offset + i] ?? 0);
    this.out.flush();
    return length;
  }

  /** POLLIN when a read would not wait; always POLLOUT. */
  poll(): number {
    return (this.readable() ? POLLIN : 0) | POLLOUT;
  }

  /** Parks a reader until input may be readable. */
  wait(wake: () => void): () => void {
    if (this.readable()) {
      wake();
      return () => undefined;
    }
    return this.readers.add(wake);
  }

  /**
   * Terminal controls with Linux ARM numbers: TCGETS, TCSETS, TCSETSW, TCSETSF,
   * TIOCGWINSZ, TIOCSWINSZ, TIOCGPGRP, TIOCSPGRP, TIOCSCTTY, TIOCNOTTY, TIOCGSID, FIONREAD,
   * TIOCOUTQ, TCFLSH, TCSBRK. Integer arguments come as a 4-byte little-endian buffer
   * ({@link ttyIoctlArg}); others give -ENOTTY.
   */
  ioctl(request: number, arg: Uint8Array | null): number {
    const kind = ARGS.get(request);
    if (kind === undefined) return -Errno.ENOTTY;
    if (kind.dir !== 'none' && kind.dir !== 'value' && (arg === null || arg.length < kind.size)) return -Errno.EFAULT;
    const a = arg ?? new Uint8Array(4);
    const int = a.length >= 4 ? new DataView(a.buffer, a.byteOffset, 4) : null;
    switch (request) {
      case TCGETS:
        encodeTermios(this.termios, a);
        return 0;
      case TCSETS:
      case TCSETSW:
      case TCSETSF:
        this.setTermios(decodeTermios(a), request === TCSETSF);
        return 0;
      case TIOCGWINSZ:
        a.set(this.winsize);
        return 0;
      case TIOCSWINSZ: {
        const v = new DataView(a.buffer, a.byteOffset, WINSIZE_SIZE);
        const changed = this.rows !== v.getUint16(0, true) || this.columns !== v.getUint16(2, true);
        this.winsize.set(a.subarray(0, WINSIZE_SIZE));
        if (changed) this.onSignal(SIGWINCH, this.foregroundPgrp);
        return 0;
      }
      case TIOCGPGRP:
        int?.setInt32(0, this.foregroundPgrp, true);
        return 0;
      case TIOCSPGRP: {
        const pgrp = int?.getInt32(0, true) ?? -1;
        if (pgrp < 0) return -Errno.EINVAL;
        this.foregroundPgrp = pgrp;
        return 0;
      }
      case TIOCGSID:
        if (this.session === 0) return -Errno.ENOTTY;
        int?.setInt32(0, this.session, true);
        return 0;
      case FIONREAD:
        int?.setInt32(0, this.count, true);
        return 0;
      case TIOCOUTQ:
        int?.setInt32(0, 0, true);
        return 0;
      case TCFLSH: {
        const how = int?.getInt32(0, true) ?? 0;
        if (how < 0 || how > 2) return -Errno.EINVAL;
        if (how !== 1) this.flushInput();
        return 0;
      }
      default: // TIOCSCTTY, TIOCNOTTY, TCSBRK: sessions are the system's business; output never lags.
        return 0;
    }
  }

  private flushInput(): void {
    this.chunks = [];
    this.count = 0;
    this.ld.reset();
  }

  private appendRaw(c: number): void {
    let last = this.chunks[this.chunks.length - 1];
    if (last === undefined || last.line || last.len === last.data.length) {
      last = { data: new Uint8Array(256), len: 0, pos: 0, line: false };
      this.chunks.push(last);
    }
    last.data[last.len++] = c;
    this.count++;
  }

  /** Runs typeahead through the line discipline while there is room, then wakes readers. */
  private pump(): void {
    let changed = false;
    while (this.backlog.length > 0 && this.count + this.ld.pending < TTY_INPUT_CAPACITY) {
      const head = this.backlog[0];
      if (head === undefined) break;
      this.ld.receive(head[this.backlogPos++] ?? 0);
      changed = true;
      if (this.backlogPos === head.length) {
        this.backlog.shift();
        this.backlogPos = 0;
      }
    }
    if (this.hungUp && this.backlog.length === 0 && this.ld.pending > 0 && (this.termios.lflag & ICANON) !== 0) {
      this.ld.leaveCanonical();
      for (const c of this.chunks) c.line = true;
      changed = true;
    }
    this.out.flush();
    if (changed || this.hungUp) this.readers.wakeAll();
  }

  private drained(): boolean {
    return this.hungUp && this.backlog.length === 0;
  }

  private readable(): boolean {
    if (this.drained()) return true;
    if ((this.termios.lflag & ICANON) !== 0) return this.chunks.length > 0;
    const vmin = this.termios.cc[VMIN] ?? 0;
    const vtime = this.termios.cc[VTIME] ?? 0;
    if ((vmin === 0 && vtime === 0) || (this.timerExpired && (vmin === 0 || this.count > 0))) return true;
    return this.count >= (vtime === 0 && vmin > 0 ? vmin : 1);
  }

  private readCanonical(buf: Uint8Array, offset: number, length: number, nonblock: boolean): number {
    const head = this.chunks[0];
    if (head === undefined) {
      if (this.drained()) return 0;
      return nonblock ? -Errno.EAGAIN : WOULD_BLOCK;
    }
    const n = Math.min(length, head.len - head.pos);
    buf.set(head.data.subarray(head.pos, head.pos + n), offset);
    head.pos += n;
    this.count -= n;
    if (head.pos === head.len) this.chunks.shift();
    return n;
  }

  private readRaw(buf: Uint8Array, offset: number, length: number, nonblock: boolean): number {
    const vmin = this.termios.cc[VMIN] ?? 0;
    const vtime = this.termios.cc[VTIME] ?? 0;
    const want = vmin > 0 ? Math.min(vmin, length) : 1;
    const expired = this.timerExpired;
    if (this.count >= want || (this.count > 0 && (nonblock || expired || this.drained()))) {
      this.timerExpired = false;
      return this.take(buf, offset, length);
    }
    if ((vmin === 0 && vtime === 0) || this.drained()) return 0;
    this.timerExpired = false; // with VMIN > 0 the timer only runs once a byte has come
    if (expired && vmin === 0) return 0;
    return nonblock ? -Errno.EAGAIN : WOULD_BLOCK;
  }

  private take(buf: Uint8Array, offset: number, length: number): number {
    let n = 0;
    while (n < length) {
      const head = this.chunks[0];
      if (head === undefined) break;
      const k = Math.min(length - n, head.len - head.pos);
      buf.set(head.data.subarray(head.pos, head.pos + k), offset + n);
      head.pos += k;
      n += k;
      if (head.pos === head.len) this.chunks.shift();
    }
    this.count -= n;
    return n;
  }
}
