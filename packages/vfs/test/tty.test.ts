import { describe, expect, it } from 'vitest';
import {
  ECHO, Errno, FIONREAD, ICANON, O_NONBLOCK, O_RDWR, POLLIN, POLLOUT, SIGINT, SIGQUIT, SIGTSTP, SIGWINCH,
  TCFLSH, TCGETS, TCSETS, TCSETSF, TERMIOS_SIZE, TIOCGPGRP, TIOCGSID, TIOCGWINSZ, TIOCSCTTY, TIOCSPGRP,
  TIOCSWINSZ, Tty, VMIN, VTIME, Vfs, WOULD_BLOCK, decodeTermios, encodeTermios, ttyIoctlArg,
} from '../src/index.js';
import { ttyHarness } from './support/tty-harness.js';

const int32 = (v: number): Uint8Array => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setInt32(0, v, true);
  return b;
};
const readInt32 = (b: Uint8Array): number => new DataView(b.buffer, b.byteOffset, 4).getInt32(0, true);

function setRaw(tty: Tty, vmin: number, vtime: number): void {
  const t = tty.termios;
  const cc = t.cc.slice();
  cc[VMIN] = vmin;
  cc[VTIME] = vtime;
  tty.setTermios({ ...t, lflag: t.lflag & ~(ICANON | ECHO), cc });
}

describe('Tty canonical mode', () => {
  it('echoes, maps CR to NL and hands over one line per read', () => {
    const h = ttyHarness();
    h.type('ls -l\rpwd\n');
    expect(h.screen()).toBe('ls -l\r\npwd\r\n');
    expect(h.drain()).toEqual(['ls -l\n', 'pwd\n']);
  });

  it('holds a partial line until it is finished', () => {
    const h = ttyHarness();
    h.type('ec');
    expect(h.drain()).toEqual([]);
    expect(h.tty.poll()).toBe(POLLOUT);
    h.type('ho\n');
    expect(h.tty.poll()).toBe(POLLIN | POLLOUT);
    expect(h.drain()).toEqual(['echo\n']);
  });

  it('edits with ERASE (DEL and BS), KILL and WERASE', () => {
    const h = ttyHarness();
    h.type('abd\x7fc\n');
    h.type('xy\bz\n');
    h.type('junk\x15ok\n');
    h.type('cat foo/bar\x17baz\n');
    expect(h.drain()).toEqual(['abc\n', 'xz\n', 'ok\n', 'cat foo/baz\n']);
    expect(h.screen()).toBe('abd\b \bc\r\nxy\b \bz\r\njunk\b \b\b \b\b \b\b \bok\r\ncat foo/bar\b \b\b \b\b \bbaz\r\n');
  });

  it('treats BS as an ordinary character when backspaceErases is false', () => {
    const h = ttyHarness({ backspaceErases: false });
    h.type('a\bb\n');
    expect(h.drain()).toEqual(['a\bb\n']);
    expect(h.screen()).toBe('a^Hb\r\n');
  });

  it('returns 0 for EOF at the start of a line and the pending text otherwise', () => {
    const h = ttyHarness();
    h.type('abc\x04\x04');
    expect(h.drain()).toEqual(['abc', null]);
    expect(h.screen()).toBe('abc');
  });

  it('splits a line over short reads', () => {
    const h = ttyHarness();
    h.type('hello\n');
    expect(h.drain(2)).toEqual(['he', 'll', 'o\n']);
  });

  it('takes the next character literally after LNEXT', () => {
    const h = ttyHarness();
    h.type('a\x16\x03\x16\x7f\n');
    expect(h.drain()).toEqual(['a\x03\x7f\n']);
    expect(h.screen()).toBe('a^\b^C^\b^?\r\n');
    expect(h.signals).toEqual([]);
  });

  it('reprints the line on ^R', () => {
    const h = ttyHarness();
    h.type('ab\x12');
    expect(h.screen()).toBe('ab^R\r\nab');
  });

  it('ignores further characters once a line holds 4095 bytes', () => {
    const h = ttyHarness();
    h.type('x'.repeat(5000) + '\n');
    const reads = h.drain();
    expect(reads).toHaveLength(1);
    expect(reads[0]).toBe('x'.repeat(4095) + '\n');
  });
});

describe('Tty signals', () => {
  it('sends INTR, QUIT and SUSP to the foreground group and flushes input', () => {
    const h = ttyHarness();
    h.tty.ioctl(TIOCSPGRP, int32(42));
    h.type('done\nhalf');
    h.type('\x03');
    expect(h.signals).toEqual([[SIGINT, 42]]);
    expect(h.drain()).toEqual([]);
    h.type('\x1c\x1a');
    expect(h.signals).toEqual([[SIGINT, 42], [SIGQUIT, 42], [SIGTSTP, 42]]);
    expect(h.screen()).toBe('done\r\nhalf^C^\\^Z');
    h.type('next\n');
    expect(h.drain()).toEqual(['next\n']);
  });

  it('keeps input with NOFLSH and sends nothing without ISIG', () => {
    const h = ttyHarness();
    const t = h.tty.termios;
    h.tty.setTermios({ ...t, lflag: t.lflag | 0o200 });
    h.type('kept\n\x03');
    expect(h.drain()).toEqual(['kept\n']);
    h.tty.setTermios({ ...h.tty.termios, lflag: h.tty.termios.lflag & ~1 });
    h.type('\x03\n');
    expect(h.signals).toHaveLength(1);
    expect(h.drain()).toEqual(['\x03\n']);
  });

  it('reports window changes with SIGWINCH', () => {
    const h = ttyHarness({ rows: 30, columns: 100 });
    const ws = new Uint8Array(8);
    expect(h.tty.ioctl(TIOCGWINSZ, ws)).toBe(0);
    expect([ws[0], ws[2]]).toEqual([30, 100]);
    h.tty.resize(40, 120);
    h.tty.resize(40, 120);
    ws[0] = 50;
    expect(h.tty.ioctl(TIOCSWINSZ, ws)).toBe(0);
    expect(h.tty.rows).toBe(50);
    expect(h.signals).toEqual([[SIGWINCH, 0], [SIGWINCH, 0]]);
  });
});

describe('Tty non-canonical mode', () => {
  it('VMIN 1 VTIME 0: returns as soon as one byte is there, without echo or editing', () => {
    const h = ttyHarness();
    setRaw(h.tty, 1, 0);
    expect(h.drain()).toEqual([]);
    h.type('a\x7fb');
    expect(h.drain()).toEqual(['a\x7fb']);
    expect(h.screen()).toBe('');
  });

  it('VMIN 3: waits for three bytes (or fewer when the buffer is smaller)', () => {
    const h = ttyHarness();
    setRaw(h.tty, 3, 0);
    h.type('ab');
    expect(h.tty.poll() & POLLIN).toBe(0);
    expect(h.drain()).toEqual([]);
    expect(h.drain(1)).toEqual(['a', 'b']);
    h.type('cde');
    expect(h.drain()).toEqual(['cde']);
  });

  it('VMIN 0 VTIME 0: polls (0 when nothing is there)', () => {
    const h = ttyHarness();
    setRaw(h.tty, 0, 0);
    const buf = new Uint8Array(8);
    expect(h.tty.read(buf, 0, 8, false)).toBe(0);
    h.type('x');
    expect(h.tty.read(buf, 0, 8, false)).toBe(1);
  });

  it('VTIME without a clock: reads wait until expireTimer', () => {
    const h = ttyHarness();
    setRaw(h.tty, 0, 5);
    const buf = new Uint8Array(8);
    expect(h.tty.read(buf, 0, 8, false)).toBe(WOULD_BLOCK);
    h.tty.expireTimer();
    expect(h.tty.read(buf, 0, 8, false)).toBe(0);
    expect(h.tty.read(buf, 0, 8, false)).toBe(WOULD_BLOCK);
    setRaw(h.tty, 4, 5);
    h.tty.expireTimer(); // nothing typed yet: the inter-byte timer has not started
    expect(h.tty.read(buf, 0, 8, false)).toBe(WOULD_BLOCK);
    h.type('ab');
    expect(h.tty.read(buf, 0, 8, false)).toBe(WOULD_BLOCK);
    h.tty.expireTimer();
    expect(h.tty.read(buf, 0, 8, false)).toBe(2);
  });

  it('non-blocking reads give -EAGAIN, or what there is', () => {
    const h = ttyHarness();
    setRaw(h.tty, 4, 0);
    const buf = new Uint8Array(8);
    expect(h.tty.read(buf, 0, 8, true)).toBe(-Errno.EAGAIN);
    h.type('z');
    expect(h.tty.read(buf, 0, 8, true)).toBe(1);
  });

  it('switching modes: a partial line becomes readable, raw bytes become a line', () => {
    const h = ttyHarness();
    h.type('part');
    setRaw(h.tty, 1, 0);
    expect(h.drain()).toEqual(['part']);
    h.type('raw');
    const t = h.tty.termios;
    h.tty.setTermios({ ...t, lflag: t.lflag | ICANON | ECHO });
    expect(h.drain()).toEqual(['raw']);
  });
});

describe('Tty ioctls', () => {
  it('TCGETS/TCSETS round-trip the Linux ARM struct termios', () => {
    const tty = new Tty();
    const buf = new Uint8Array(TERMIOS_SIZE);
    expect(tty.ioctl(TCGETS, buf)).toBe(0);
    const v = new DataView(buf.buffer);
    expect([v.getUint32(0, true), v.getUint32(4, true), v.getUint32(8, true), v.getUint32(12, true)]).toEqual([
      0x500, 5, 0xbf, 0x8a3b,
    ]);
    expect([...buf.subarray(17, 24)]).toEqual([3, 28, 127, 21, 4, 0, 1]);
    const t = decodeTermios(buf);
    t.lflag &= ~ICANON;
    encodeTermios(t, buf);
    expect(tty.ioctl(TCSETS, buf)).toBe(0);
    expect(tty.termios.lflag & ICANON).toBe(0);
    expect(tty.ioctl(TCGETS, new Uint8Array(10))).toBe(-Errno.EFAULT);
    expect(tty.ioctl(0x1234, null)).toBe(-Errno.ENOTTY);
  });

  it('TCSETSF and TCFLSH discard input; FIONREAD counts it', () => {
    const h = ttyHarness();
    h.type('one\ntwo\n');
    const n = new Uint8Array(4);
    h.tty.ioctl(FIONREAD, n);
    expect(readInt32(n)).toBe(8);
    expect(h.tty.ioctl(TCFLSH, int32(0))).toBe(0);
    expect(h.drain()).toEqual([]);
    h.type('three\n');
    const buf = new Uint8Array(TERMIOS_SIZE);
    h.tty.ioctl(TCGETS, buf);
    h.tty.ioctl(TCSETSF, buf);
    expect(h.drain()).toEqual([]);
    expect(h.tty.ioctl(TCFLSH, int32(7))).toBe(-Errno.EINVAL);
  });

  it('process groups and sessions', () => {
    const tty = new Tty();
    const b = new Uint8Array(4);
    expect(tty.ioctl(TIOCGPGRP, b)).toBe(0);
    expect(readInt32(b)).toBe(0);
    expect(tty.ioctl(TIOCSPGRP, int32(7))).toBe(0);
    expect(tty.ioctl(TIOCGPGRP, b)).toBe(0);
    expect(readInt32(b)).toBe(7);
    expect(tty.ioctl(TIOCSPGRP, int32(-1))).toBe(-Errno.EINVAL);
    expect(tty.ioctl(TIOCGSID, b)).toBe(-Errno.ENOTTY);
    expect(tty.ioctl(TIOCSCTTY, null)).toBe(0);
    tty.session = 3;
    expect(tty.ioctl(TIOCGSID, b)).toBe(0);
    expect(readInt32(b)).toBe(3);
    expect(ttyIoctlArg(TIOCSCTTY)).toEqual({ size: 4, dir: 'value' });
    expect(ttyIoctlArg(TCGETS)).toEqual({ size: 36, dir: 'out' });
    expect(ttyIoctlArg(1)).toBeUndefined();
  });
});

describe('Tty as a devfs device', () => {
  it('serves /dev/tty with WOULD_BLOCK + waitReady, O_NONBLOCK and end of input', () => {
    const vfs = new Vfs();
    const out: string[] = [];
    const tty = vfs.mountDevfs(new Tty({ sink: (b) => out.push(new TextDecoder().decode(b)) }));
    const p = vfs.createProcess();
    const fd = p.open('/dev/tty', O_RDWR);
    p.write(fd, new TextEncoder().encode('$ '));
    const buf = new Uint8Array(64);
    expect(p.read(fd, buf)).toBe(WOULD_BLOCK);
    let got = '';
    p.waitReady(fd, POLLIN, () => {
      const n = p.read(fd, buf);
      got = new TextDecoder().decode(buf.subarray(0, n));
    });
    tty.input('ls\r');
    expect(got).toBe('ls\n');
    expect(out.join('')).toBe('$ ls\r\n');
    const nb = p.open('/dev/console', O_RDWR | O_NONBLOCK);
    expect(p.read(nb, buf)).toBe(-Errno.EAGAIN);
    tty.input('tail');
    tty.endOfInput();
    expect(p.read(fd, buf)).toBe(4);
    expect(p.read(fd, buf)).toBe(0);
  });

  it('keeps typeahead beyond its buffer and takes it in as readers make room', () => {
    const h = ttyHarness();
    setRaw(h.tty, 1, 0);
    h.type('y'.repeat(10000));
    expect(h.tty.available).toBe(4096);
    const total = h.drain(1000).reduce((s, r) => s + (r?.length ?? 0), 0);
    expect(total).toBe(10000);
  });
});
