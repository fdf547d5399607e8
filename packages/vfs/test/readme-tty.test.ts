import { describe, expect, it } from 'vitest';
import { O_RDWR, SIGINT, Tty, Vfs } from '../src/index.js';

describe('README TTY example', () => {
  it('runs as written', () => {
    const screen: string[] = [];
    const signals: number[] = [];
    const tty = new Tty({
      sink: (bytes) => screen.push(new TextDecoder().decode(bytes)),
      onSignal: (signal) => signals.push(signal),
    });
    const vfs = new Vfs();
    vfs.mountDevfs(tty);
    const sh = vfs.createProcess();
    const fd = sh.open('/dev/tty', O_RDWR);
    tty.input('lx\x7fs -l\r');
    const buf = new Uint8Array(64);
    expect(sh.read(fd, buf)).toBe(6);
    expect(new TextDecoder().decode(buf.subarray(0, 6))).toBe('ls -l\n');
    expect(screen.join('')).toBe('lx\b \bs -l\r\n');
    tty.input('\x03');
    expect(signals).toEqual([SIGINT]);
  });
});
