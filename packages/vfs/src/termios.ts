import type { Termios } from './api.js';

/** Size of the kernel's `struct termios` on ARM Linux (what TCGETS/TCSETS copy). */
export const TERMIOS_SIZE = 36;
/** Number of control characters in `c_cc` (kernel `struct termios`). */
export const NCCS = 19;
/** Offset of `c_cc` inside `struct termios` (after four 32-bit flag words and `c_line`). */
export const TERMIOS_CC_OFFSET = 17;
/** Size of `struct winsize` (rows, columns, x pixels, y pixels: 16 bits each). */
export const WINSIZE_SIZE = 8;

// c_cc indices (Linux generic / ARM).
/** c_cc index of the interrupt character (default ^C). */
export const VINTR = 0;
/** c_cc index of the quit character (default ^\). */
export const VQUIT = 1;
/** c_cc index of the erase character (default ^?, DEL). */
export const VERASE = 2;
/** c_cc index of the line kill character (default ^U). */
export const VKILL = 3;
/** c_cc index of the end-of-file character (default ^D). */
export const VEOF = 4;
/** c_cc index of the non-canonical read timer, in tenths of a second. */
export const VTIME = 5;
/** c_cc index of the non-canonical minimum byte count. */
export const VMIN = 6;
/** c_cc index of the start (resume output) character (default ^Q). */
export const VSTART = 8;
/** c_cc index of the stop (suspend output) character (default ^S). */
export const VSTOP = 9;
/** c_cc index of the suspend character (default ^Z). */
export const VSUSP = 10;
/** c_cc index of the additional end-of-line character (default disabled). */
export const VEOL = 11;
/** c_cc index of the reprint character (default ^R). */
export const VREPRINT = 12;
/** c_cc index of the word erase character (default ^W). */
export const VWERASE = 14;
/** c_cc index of the literal-next character (default ^V). */
export const VLNEXT = 15;
/** c_cc index of the second additional end-of-line character (default disabled). */
export const VEOL2 = 16;

// c_iflag
/** Input: strip the eighth bit. */
export const ISTRIP = 0o40;
/** Input: translate NL to CR. */
export const INLCR = 0o100;
/** Input: ignore CR. */
export const IGNCR = 0o200;
/** Input: translate CR to NL. */
export const ICRNL = 0o400;
/** Input: XON/XOFF flow control on output (^S / ^Q). */
export const IXON = 0o2000;
/** Input: ring the bell when the line buffer is full. */
export const IMAXBEL = 0o20000;
/** Input: input is UTF-8 (erase removes whole characters). */
export const IUTF8 = 0o40000;

// c_oflag
/** Output: enable output processing. */
export const OPOST = 0o1;
/** Output: translate NL to CR NL. */
export const ONLCR = 0o4;
/** Output: translate CR to NL. */
export const OCRNL = 0o10;
/** Output: do not output CR at column 0. */
export const ONOCR = 0o20;
/** Output: NL performs the CR function. */
export const ONLRET = 0o40;

// c_cflag
/** Control: 38400 baud. */
export const B38400 = 0o17;
/** Control: 8 bits per character. */
export const CS8 = 0o60;
/** Control: enable the receiver. */
export const CREAD = 0o200;
/** Control: hang up on last close. */
export const HUPCL = 0o2000;

// c_lflag
/** Local: generate signals for INTR, QUIT and SUSP. */
export const ISIG = 0o1;
/** Local: canonical mode (line editing). */
export const ICANON = 0o2;
/** Local: echo input. */
export const ECHO = 0o10;
/** Local: ERASE erases the character on screen. */
export const ECHOE = 0o20;
/** Local: echo NL after KILL. */
export const ECHOK = 0o40;
/** Local: echo NL even without ECHO. */
export const ECHONL = 0o100;
/** Local: do not flush input on signals. */
export const NOFLSH = 0o200;
/** Local: send SIGTTOU to background writers (recorded, not enforced by the TTY itself). */
export const TOSTOP = 0o400;
/** Local: echo control characters as ^X. */
export const ECHOCTL = 0o1000;
/** Local: KILL erases the line on screen. */
export const ECHOKE = 0o4000;
/** Local: extended functions (WERASE, LNEXT, REPRINT, EOL2). */
export const IEXTEN = 0o100000;

/** Signal numbers a terminal raises (Linux ARM). */
export const SIGINT = 2;
/** Quit (^\). */
export const SIGQUIT = 3;
/** Terminal stop (^Z). */
export const SIGTSTP = 20;
/** Window size changed. */
export const SIGWINCH = 28;

/**
 * The attributes Linux gives a fresh pseudo-terminal: ICRNL IXON; OPOST ONLCR; B38400 CS8 CREAD;
 * ISIG ICANON ECHO ECHOE ECHOK ECHOCTL ECHOKE IEXTEN; and the usual control
 * characters (^C ^\ ^? ^U ^D, VTIME 0, VMIN 1, ^Q ^S ^Z, ^R ^O ^W ^V).
 */
export function defaultTermios(): Termios {
  const cc = new Uint8Array(NCCS);
  cc.set([3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0]);
  return {
    iflag: ICRNL | IXON,
    oflag: OPOST | ONLCR,
    cflag: B38400 | CS8 | CREAD,
    lflag: ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
    line: 0,
    cc,
  };
}

/** Writes `t` as the 36-byte ARM `struct termios` into `out` (little endian). */
export function encodeTermios(t: Termios, out: Uint8Array): void {
  const v = new DataView(out.buffer, out.byteOffset, TERMIOS_SIZE);
  v.setUint32(0, t.iflag >>> 0, true);
  v.setUint32(4, t.oflag >>> 0, true);
  v.setUint32(8, t.cflag >>> 0, true);
  v.setUint32(12, t.lflag >>> 0, true);
  out[16] = t.line & 0xff;
  out.set(t.cc.subarray(0, NCCS), TERMIOS_CC_OFFSET);
}

/** Reads a 36-byte ARM `struct termios`. */
export function decodeTermios(bytes: Uint8Array): Termios {
  const v = new DataView(bytes.buffer, bytes.byteOffset, TERMIOS_SIZE);
  return {
    iflag: v.getUint32(0, true),
    oflag: v.getUint32(4, true),
    cflag: v.getUint32(8, true),
    lflag: v.getUint32(12, true),
    line: bytes[16] ?? 0,
    cc: bytes.slice(TERMIOS_CC_OFFSET, TERMIOS_CC_OFFSET + NCCS),
  };
}
