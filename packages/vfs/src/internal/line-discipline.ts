import type { Termios } from '../api.js';
import {
  ECHO, ECHOCTL, ECHOE, ECHOK, ECHOKE, ECHONL, ICANON, ICRNL, IEXTEN, IGNCR, INLCR, ISIG, ISTRIP, IXON,
  SIGINT, SIGQUIT, SIGTSTP, VEOF, VEOL, VEOL2, VERASE, VINTR, VKILL, VLNEXT, VQUIT, VREPRINT, VSTART,
  VSTOP, VSUSP, VWERASE,
} from '../termios.js';
import type { TtyOutput } from './tty-output.js';

/** Longest canonical line (Linux: a 4096-byte buffer keeps one byte for the terminator). */
export const MAX_CANON = 4095;

/** Where the line discipline sends what it produces. */
export interface LineSink {
  /** Canonical mode: a finished line (with its terminator unless ended by EOF). */
  line(bytes: Uint8Array, eof: boolean): void;
  /** Non-canonical mode: one input byte for readers. */
  byte(c: number): void;
  /** An ISIG character: the signal, after input was flushed unless NOFLSH. */
  signal(signal: number): void;
}

const isCntrl = (c: number): boolean => c < 0x20 || c === 0x7f;
const isWordChar = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;

type Kill = 'erase' | 'werase' | 'kill';

/**
 * The N_TTY-style input half of a terminal: input translation (ISTRIP, IGNCR, ICRNL,
 * INLCR), signal characters, canonical line editing (ERASE, KILL, WERASE, LNEXT, REPRINT,
 * EOF, EOL, EOL2) and echo (ECHO, ECHOE, ECHOK, ECHOKE, ECHONL, ECHOCTL), modelled on what
 * Linux's n_tty does for the same bytes.
 */
export class LineDiscipline {
  private readonly edit = new Uint8Array(MAX_CANON);
  private editLen = 0;
  private literalNext = false;
  /** Output suspended by the STOP character (recorded; output is never actually held). */
  stopped = false;

  constructor(
    private readonly t: Termios,
    private readonly out: TtyOutput,
    private readonly sink: LineSink,
    private readonly backspaceErases: boolean,
  ) {}

  /** Bytes of the line being edited. */
  get pending(): number {
    return this.editLen;
  }

  /** Discards the line being edited. */
  reset(): void {
    this.editLen = 0;
    this.literalNext = false;
  }

  /**
   * Leaves canonical mode: the partial line becomes readable input (as on Linux, where
   * clearing ICANON makes the edit buffer available to read).
   */
  leaveCanonical(): void {
    for (let i = 0; i < this.editLen; i++) this.sink.byte(this.edit[i] ?? 0);
    this.editLen = 0;
  }

  /** Processes one input byte. */
  receive(c: number): void {
    const t = this.t;
    const l = t.lflag;
    const cc = t.cc;
    if ((t.iflag & ISTRIP) !== 0) c &= 0x7f;
    if (this.literalNext) {
      this.literalNext = false;
      this.ordinary(c, true);
      return;
    }
    if (c === 13) {
      if ((t.iflag & IGNCR) !== 0) return;
      if ((t.iflag & ICRNL) !== 0) c = 10;
    } else if (c === 10 && (t.iflag & INLCR) !== 0) c = 13;
    if ((l & ISIG) !== 0) {
      const sig = matches(c, cc[VINTR]) ? SIGINT : matches(c, cc[VQUIT]) ? SIGQUIT : matches(c, cc[VSUSP]) ? SIGTSTP : 0;
      if (sig !== 0) {
        this.sink.signal(sig);
        if ((l & ECHO) !== 0) this.echoChar(c);
        return;
      }
    }
    if ((t.iflag & IXON) !== 0) {
      if (matches(c, cc[VSTOP])) {
        this.stopped = true;
        return;
      }
      if (matches(c, cc[VSTART])) {
        this.stopped = false;
        return;
      }
    }
    if ((l & ICANON) === 0) {
      if ((l & ECHO) !== 0) this.echoInput(c);
      this.sink.byte(c);
      return;
    }
    const ext = (l & IEXTEN) !== 0;
    if (matches(c, cc[VERASE]) || (c === 8 && this.backspaceErases)) this.erase('erase');
    else if (matches(c, cc[VKILL])) this.erase('kill');
    else if (ext && matches(c, cc[VWERASE])) this.erase('werase');
    else if (ext && matches(c, cc[VLNEXT])) {
      this.literalNext = true;
      if ((l & ECHO) !== 0 && (l & ECHOCTL) !== 0) {
        this.out.putRaw(0x5e);
        this.out.putRaw(8);
      }
    } else if (ext && (l & ECHO) !== 0 && matches(c, cc[VREPRINT])) {
      this.echoChar(c);
      this.out.put(10);
      for (let i = 0; i < this.editLen; i++) this.echoChar(this.edit[i] ?? 0);
    } else if (c === 10) {
      if ((l & (ECHO | ECHONL)) !== 0) this.out.put(10);
      this.commit(10, false);
    } else if (matches(c, cc[VEOF])) {
      this.commit(-1, true);
    } else if (matches(c, cc[VEOL]) || (ext && matches(c, cc[VEOL2]))) {
      if ((l & ECHO) !== 0) this.echoChar(c);
      this.commit(c, false);
    } else {
      this.ordinary(c, false);
    }
  }

  /**
   * A character stored as typed. After LNEXT (`literal`) even NL, which then does not end
   * the line, and which Linux echoes as ^J.
   */
  private ordinary(c: number, literal: boolean): void {
    if ((this.t.lflag & ICANON) === 0) {
      if ((this.t.lflag & ECHO) !== 0) this.echoInput(c);
      this.sink.byte(c);
      return;
    }
    if (this.editLen >= MAX_CANON) return;
    // Linux notes the column where a line's first character is echoed (for tab erasure).
    if (this.editLen === 0) this.out.canonColumn = this.out.column;
    if ((this.t.lflag & ECHO) !== 0) {
      if (literal) this.echoChar(c);
      else this.echoInput(c);
    }
    this.edit[this.editLen++] = c;
  }

  private commit(terminator: number, eof: boolean): void {
    const n = this.editLen + (terminator >= 0 ? 1 : 0);
    const line = new Uint8Array(n);
    line.set(this.edit.subarray(0, this.editLen));
    if (terminator >= 0) line[n - 1] = terminator;
    this.editLen = 0;
    this.sink.line(line, eof);
  }

  /** Echo of a typed character: NL raw, control characters as ^X with ECHOCTL. */
  private echoInput(c: number): void {
    if (c === 10) this.out.put(10);
    else this.echoChar(c);
  }

  private echoChar(c: number): void {
    if ((this.t.lflag & ECHOCTL) !== 0 && isCntrl(c) && c !== 9) {
      this.out.putRaw(0x5e);
      this.out.putRaw(c ^ 0x40);
    } else {
      this.out.put(c);
    }
  }

  private rubout(): void {
    this.out.put(8);
    this.out.put(0x20);
    this.out.put(8);
  }

  private erase(kind: Kill): void {
    const l = this.t.lflag;
    if (this.editLen === 0) return;
    if (kind === 'kill') {
      if ((l & ECHO) === 0) {
        this.editLen = 0;
        return;
      }
      if ((l & ECHOK) === 0 || (l & ECHOKE) === 0 || (l & ECHOE) === 0) {
        this.editLen = 0;
        this.echoChar(this.t.cc[VKILL] ?? 0);
        if ((l & ECHOK) !== 0) this.out.put(10);
        return;
      }
    }
    let seenWord = 0;
    while (this.editLen > 0) {
      const c = this.edit[this.editLen - 1] ?? 0;
      if (kind === 'werase') {
        if (isWordChar(c)) seenWord++;
        else if (seenWord > 0) break;
      }
      this.editLen--;
      if ((l & ECHO) !== 0) {
        if (kind === 'erase' && (l & ECHOE) === 0) {
          this.echoChar(this.t.cc[VERASE] ?? 0);
        } else if (c === 9) {
          this.eraseTab();
        } else {
          const ctl = isCntrl(c);
          if (ctl && (l & ECHOCTL) !== 0) this.rubout();
          if (!ctl || (l & ECHOCTL) !== 0) this.rubout();
        }
      }
      if (kind === 'erase') break;
    }
  }

  /** Backs up over a tab: to the tab stop the text before it reached (Linux's rule). */
  private eraseTab(): void {
    let cols = 0;
    let afterTab = false;
    for (let i = this.editLen - 1; i >= 0; i--) {
      const c = this.edit[i] ?? 0;
      if (c === 9) {
        afterTab = true;
        break;
      }
      if (isCntrl(c)) {
        if ((this.t.lflag & ECHOCTL) !== 0) cols += 2;
      } else cols++;
    }
    if (!afterTab) cols += this.out.canonColumn;
    let bs = 8 - (cols & 7);
    if (bs > this.out.column) bs = this.out.column;
    while (bs-- > 0) this.out.put(8);
  }
}

/** True when `c` is the control character `v` (0 means disabled). */
function matches(c: number, v: number | undefined): boolean {
  return v !== undefined && v !== 0 && c === v;
}
