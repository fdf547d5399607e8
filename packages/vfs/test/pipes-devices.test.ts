import { describe, expect, it } from 'vitest';
import {
  ConsoleDevice,
  Errno,
  O_CLOEXEC,
  O_NONBLOCK,
  O_RDONLY,
  O_RDWR,
  O_WRONLY,
  PIPE_CAPACITY,
  TCGETS,
  TCSETS,
  TIOCGWINSZ,
  POLLHUP,
  POLLIN,
  POLLOUT,
  S_IFCHR,
  S_IFIFO,
  S_IFMT,
  Stat,
  Vfs,
  WOULD_BLOCK,
  devMajor,
  devMinor,
  makeDev,
} from '../src/index.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('pipes', () => {
  it('moves bytes from the write end to the read end, FIFO order, across the ring boundary', () => {
    const p = new Vfs().createProcess();
    const fds = new Int32Array(2);
    expect(p.pipe2(fds)).toBe(0);
    expect([...fds]).toEqual([0, 1]);
    const big = new Uint8Array(PIPE_CAPACITY - 10).map((_, i) => i & 0xff);
    expect(p.write(1, big)).toBe(big.length);
    const out = new Uint8Array(PIPE_CAPACITY);
    expect(p.read(0, out, 0, 60000)).toBe(60000);
    expect(p.write(1, enc('wrap-around!'))).toBe(12);
    const n = p.read(0, out);
    expect(n).toBe(big.length - 60000 + 12);
    expect(dec(out.subarray(n - 12, n))).toBe('wrap-around!');
    const st = new Stat();
    p.fstat(0, st);
    expect(st.mode & S_IFMT).toBe(S_IFIFO);
    expect(p.lseek(0, 0, 0)).toBe(-Errno.ESPIPE);
    expect(p.pread(0, out, 0, 1, 0)).toBe(-Errno.ESPIPE);
    expect(p.write(0, enc('x'))).toBe(-Errno.EBADF);
    expect(p.read(1, out)).toBe(-Errno.EBADF);
  });

  it('returns WOULD_BLOCK (or EAGAIN with O_NONBLOCK) and wakes a parked reader', () => {
    const p = new Vfs().createProcess();
    const fds: number[] = [];
    p.pipe2(fds);
    const [r, w] = fds as [number, number];
    const buf = new Uint8Array(16);
    expect(p.read(r, buf)).toBe(WOULD_BLOCK);
    expect(p.poll(r)).toBe(0);
    let woken = 0;
    p.waitReady(r, POLLIN, () => woken++);
    expect(woken).toBe(0);
    p.write(w, enc('hi'));
    expect(woken).toBe(1);
    p.write(w, enc('!'));
    expect(woken).toBe(1);
    expect(p.poll(r) & POLLIN).toBe(POLLIN);
    expect(p.read(r, buf)).toBe(3);
    const nb = new Int32Array(2);
    p.pipe2(nb, O_NONBLOCK | O_CLOEXEC);
    expect(p.read(nb[0]!, buf)).toBe(-Errno.EAGAIN);
    expect(p.pipe2(nb, O_RDWR)).toBe(-Errno.EINVAL);
  });

  it('blocks a writer on a full pipe until the reader drains it, and cancels waits', () => {
    const p = new Vfs().createProcess();
    const fds: number[] = [];
    p.pipe2(fds);
    const [r, w] = fds as [number, number];
    expect(p.write(w, new Uint8Array(PIPE_CAPACITY))).toBe(PIPE_CAPACITY);
    expect(p.write(w, enc('more'))).toBe(WOULD_BLOCK);
    expect(p.poll(w) & POLLOUT).toBe(0);
    let woken = false;
    const cancel = p.waitReady(w, POLLOUT, () => (woken = true));
    cancel();
    p.read(r, new Uint8Array(10));
    expect(woken).toBe(false);
    // Writes of at most PIPE_BUF bytes are all or nothing; larger ones take what fits.
    expect(p.write(w, new Uint8Array(11))).toBe(WOULD_BLOCK);
    expect(p.write(w, enc('more'))).toBe(4);
    expect(p.write(w, new Uint8Array(5000))).toBe(6);
    expect(p.write(w, new Uint8Array(5000))).toBe(WOULD_BLOCK);
    p.read(r, new Uint8Array(8000));
    expect(p.write(w, new Uint8Array(9000))).toBe(8000);
  });

  it('reports end of file after the last writer closes and EPIPE without readers', () => {
    const p = new Vfs().createProcess();
    const fds: number[] = [];
    p.pipe2(fds);
    const [r, w] = fds as [number, number];
    const child = p.fork();
    let woken = 0;
    p.waitReady(r, POLLIN, () => woken++);
    p.close(w);
    expect(woken).toBe(0);
    child.close(w);
    expect(woken).toBe(1);
    expect(p.read(r, new Uint8Array(4))).toBe(0);
    expect(p.poll(r) & POLLHUP).toBe(POLLHUP);
    const fds2: number[] = [];
    p.pipe2(fds2);
    p.close(fds2[0]!);
    expect(p.write(fds2[1]!, enc('x'))).toBe(-Errno.EPIPE);
    expect(p.readv(fds2[1]!, [])).toBe(0);
  });

  it('supports named FIFOs through mknod', () => {
    const p = new Vfs().createProcess();
    expect(p.mknod('/fifo', S_IFIFO | 0o600, 0)).toBe(0);
    expect(p.open('/fifo', O_WRONLY | O_NONBLOCK)).toBe(-Errno.ENXIO);
    const w = p.open('/fifo', O_WRONLY);
    const r = p.open('/fifo', O_RDONLY | O_NONBLOCK);
    expect(p.read(r, new Uint8Array(1))).toBe(-Errno.EAGAIN);
    expect(p.write(w, enc('abc'))).toBe(3);
    const b = new Uint8Array(3);
    expect(p.read(r, b)).toBe(3);
    expect(dec(b)).toBe('abc');
  });
});

describe('devfs', () => {
  it('provides /dev/null, /dev/zero, /dev/console and /dev/tty', () => {
    const vfs = new Vfs();
    const out: string[] = [];
    const console = vfs.mountDevfs(new ConsoleDevice((b) => out.push(dec(b))));
    const p = vfs.createProcess();
    const nul = p.open('/dev/null', O_RDWR);
    expect(p.write(nul, enc('discarded'))).toBe(9);
    expect(p.read(nul, new Uint8Array(5))).toBe(0);
    const zero = p.open('/dev/zero', O_RDONLY);
    const z = new Uint8Array(8).fill(9);
    expect(p.read(zero, z)).toBe(8);
    expect([...z]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    const con = p.open('/dev/console', O_RDWR);
    expect(p.writev(con, [enc('hello '), enc('world\n')])).toBe(12);
    expect(p.lseek(con, 0, 0)).toBe(-Errno.ESPIPE);
    expect(p.pwrite(con, enc('x'), 0, 1, 0)).toBe(-Errno.ESPIPE);
    expect(p.pread(con, z, 0, 1, 0)).toBe(-Errno.ESPIPE);
    expect(p.lseek(nul, 100, 0)).toBe(0);
    expect(p.pread(zero, z, 0, 2, 5)).toBe(2);
    expect(out.join('')).toBe('hello world\n');
    const st = new Stat();
    p.stat('/dev/tty', st);
    expect(st.mode & S_IFMT).toBe(S_IFCHR);
    expect([devMajor(st.rdev), devMinor(st.rdev)]).toEqual([5, 0]);
    expect(makeDev(1, 3)).toBe(0x103);
    const tty = p.open('/dev/tty', O_RDONLY);
    const buf = new Uint8Array(16);
    expect(p.read(tty, buf)).toBe(WOULD_BLOCK);
    let woken = false;
    p.waitReady(tty, POLLIN, () => (woken = true));
    console.push('ls\n');
    expect(woken).toBe(true);
    expect(p.readv(tty, [buf.subarray(0, 2), buf.subarray(2)])).toBe(3);
    expect(dec(buf.subarray(0, 3))).toBe('ls\n');
    console.endOfInput();
    expect(p.read(tty, buf)).toBe(0);
    expect(p.mknod('/dev/bogus', S_IFCHR | 0o600, makeDev(42, 0))).toBe(0);
    expect(p.open('/dev/bogus', O_RDONLY)).toBe(-Errno.ENXIO);
    const user = vfs.createProcess({ uid: 1000, gid: 1000 });
    expect(user.mknod('/tmpdev', S_IFCHR | 0o600, makeDev(1, 3))).toBe(-Errno.EACCES);
    expect(user.open('/dev/console', O_RDONLY)).toBe(-Errno.EACCES);
  });
});

describe('terminal controls and fsync', () => {
  it('answers TCGETS/TCSETS/TIOCGWINSZ on the console and ENOTTY elsewhere', () => {
    const vfs = new Vfs();
    vfs.mountDevfs();
    const p = vfs.createProcess();
    const tty = p.open('/dev/console', O_RDWR);
    const termios = new Uint8Array(36);
    expect(p.ioctl(tty, TCGETS, termios)).toBe(0);
    const lflag = new DataView(termios.buffer).getUint32(12, true);
    expect(lflag & 0x2).toBe(0x2); // ICANON
    termios[12] = 0;
    expect(p.ioctl(tty, TCSETS, termios)).toBe(0);
    const again = new Uint8Array(36);
    p.ioctl(tty, TCGETS, again);
    expect(again[12]).toBe(0);
    const ws = new Uint8Array(8);
    expect(p.ioctl(tty, TIOCGWINSZ, ws)).toBe(0);
    expect([ws[0], ws[2]]).toEqual([24, 80]);
    expect(p.ioctl(tty, TCGETS, new Uint8Array(4))).toBe(-Errno.EFAULT);
    expect(p.ioctl(tty, 0x1234, null)).toBe(-Errno.ENOTTY);
    const nul = p.open('/dev/null', O_RDWR);
    expect(p.ioctl(nul, TCGETS, termios)).toBe(-Errno.ENOTTY);
    const file = p.open('/f', 0o100 | O_RDWR, 0o600);
    expect(p.ioctl(file, TCGETS, termios)).toBe(-Errno.ENOTTY);
    expect(p.ioctl(99, TCGETS, termios)).toBe(-Errno.EBADF);
    expect(p.fsync(file)).toBe(0);
    expect(p.fsync(99)).toBe(-Errno.EBADF);
    const fds: number[] = [];
    p.pipe2(fds);
    expect(p.fsync(fds[0]!)).toBe(-Errno.EINVAL);
  });
});
