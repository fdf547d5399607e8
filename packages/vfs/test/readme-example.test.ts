import { describe, expect, it } from 'vitest';
import { ConsoleDevice, Errno, O_CREAT, O_RDWR, SEEK_SET, Stat, Vfs, WOULD_BLOCK } from '../src/index.js';

// Mirrors the example in README.md.
describe('README example', () => {
  it('runs as documented', () => {
    const vfs = new Vfs();
    const output: string[] = [];
    const console = vfs.mountDevfs(new ConsoleDevice((bytes) => output.push(new TextDecoder().decode(bytes))));

    const shell = vfs.createProcess({ uid: 0, gid: 0, umask: 0o022 });
    shell.mkdir('/home', 0o755);
    const fd = shell.open('/home/notes.txt', O_CREAT | O_RDWR, 0o644);
    expect(fd).toBe(0);
    shell.write(fd, new TextEncoder().encode('hello, vfs\n'));
    shell.lseek(fd, 0, SEEK_SET);
    const buf = new Uint8Array(64);
    const n = shell.read(fd, buf);
    expect(n).toBe(11);

    const st = new Stat();
    shell.stat('/home/notes.txt', st);
    expect(st.size).toBe(11);
    expect(st.mode).toBe(0o100644);
    expect(shell.open('/home/missing', 0)).toBe(-Errno.ENOENT);
    expect(-Errno.ENOENT).toBe(-2);

    const tty = shell.open('/dev/tty', O_RDWR);
    shell.write(tty, new TextEncoder().encode('$ '));
    expect(output[0]).toBe('$ ');
    let r = shell.read(tty, buf);
    expect(r).toBe(WOULD_BLOCK);
    if (r === WOULD_BLOCK) {
      shell.waitReady(tty, 1 /* POLLIN */, () => {
        r = shell.read(tty, buf);
      });
    }
    console.push('ls\n');
    expect(r).toBe(3);
    expect(new TextDecoder().decode(buf.subarray(0, 3))).toBe('ls\n');
  });
});
