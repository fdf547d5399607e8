import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserlandError, linuxInitramfsPath, openFileSource, openLinuxInitramfs } from '../src/index.js';

describe('openFileSource / openLinuxInitramfs (an image read piece by piece)', () => {
  const dirs: string[] = [];
  const scratch = (bytes: Uint8Array): string => {
    const dir = mkdtempSync(join(tmpdir(), 'codezero-source-'));
    dirs.push(dir);
    const file = join(dir, 'f.bin');
    writeFileSync(file, bytes);
    return file;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('gives the size and any slice of the initramfs, as fresh copies', () => {
    const whole = new Uint8Array(readFileSync(linuxInitramfsPath));
    const src = openLinuxInitramfs();
    expect(src.size).toBe(whole.length);
    for (const [o, n] of [[0, 110], [12345, 4096], [whole.length - 7, 7], [100, 0]] as const) {
      const b = src.read(o, n);
      expect(b).toEqual(whole.subarray(o, o + n));
      b.fill(0);
      expect(src.read(o, n)).toEqual(whole.subarray(o, o + n));
    }
  });

  it('refuses reads outside the file with a RangeError', () => {
    const src = openFileSource(scratch(new Uint8Array(10).fill(3)));
    expect(src.read(8, 2)).toEqual(new Uint8Array([3, 3]));
    expect(() => src.read(8, 3)).toThrow(RangeError);
    expect(() => src.read(-1, 1)).toThrow(RangeError);
  });

  it('a file changed or removed after opening is E_IMAGE_CHANGED, not bytes of another file', () => {
    const file = scratch(new Uint8Array(10).fill(1));
    const src = openFileSource(file);
    utimesSync(file, new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(() => src.read(0, 1)).toThrow(expect.objectContaining({ name: 'UserlandError', code: 'E_IMAGE_CHANGED' }));
    const other = scratch(new Uint8Array(10).fill(2));
    const src2 = openFileSource(other);
    writeFileSync(other, new Uint8Array(12).fill(2));
    expect(() => src2.read(0, 1)).toThrow(UserlandError);
    const gone = scratch(new Uint8Array(4));
    const src3 = openFileSource(gone);
    rmSync(gone);
    expect(() => src3.read(0, 1)).toThrow(/changed while the system was using it/);
  });
});
