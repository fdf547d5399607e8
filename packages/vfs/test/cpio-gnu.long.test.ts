import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { O_CREAT, O_RDONLY, O_WRONLY, Stat, Vfs, packCpio, unpackCpio } from '../src/index.js';

/*
 * Differential check of the cpio newc writer and reader against GNU cpio. A long test: CI
 * installs cpio with the other host tools before the long suites, and with
 * CODEZERO_REQUIRE_TOOLS=1 a missing cpio fails the test instead of leaving it out.
 */
const hasCpio = ((): boolean => {
  try {
    execFileSync('cpio', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const run = process.env.CODEZERO_LONG === '1' && (hasCpio || process.env.CODEZERO_REQUIRE_TOOLS === '1');

function readAll(vfs: Vfs, path: string): string {
  const p = vfs.createProcess();
  const st = new Stat();
  expect(p.stat(path, st)).toBe(0);
  const b = new Uint8Array(st.size);
  const fd = p.open(path, O_RDONLY);
  expect(p.read(fd, b)).toBe(st.size);
  p.close(fd);
  return new TextDecoder().decode(b);
}

describe('cpio newc against GNU cpio (long)', () => {
  it.runIf(run)('produces archives GNU cpio extracts, and reads what it writes', () => {
    const vfs = new Vfs();
    const p = vfs.createProcess();
    p.mkdir('/a', 0o750);
    const fd = p.open('/a/file', O_CREAT | O_WRONLY, 0o640);
    p.write(fd, new Uint8Array(9000).fill(65));
    p.close(fd);
    p.symlink('file', '/a/link');
    p.link('/a/file', '/a/hard');
    const dir = mkdtempSync(join(tmpdir(), 'vfs-cpio-'));
    try {
      writeFileSync(join(dir, 'x.cpio'), packCpio(vfs));
      execFileSync('sh', ['-c', 'mkdir out && cd out && cpio -idm --quiet < ../x.cpio'], { cwd: dir });
      expect(readFileSync(join(dir, 'out/a/file')).length).toBe(9000);
      expect(readFileSync(join(dir, 'out/a/hard')).length).toBe(9000);
      expect(readlinkSync(join(dir, 'out/a/link'))).toBe('file');
      expect(lstatSync(join(dir, 'out/a')).mode & 0o777).toBe(0o750);
      const back = execFileSync('sh', ['-c', 'cd out && find . | LC_ALL=C sort | cpio -o -H newc --quiet'], { cwd: dir });
      const v2 = new Vfs();
      unpackCpio(v2, new Uint8Array(back));
      expect(readAll(v2, '/a/hard')).toBe('A'.repeat(9000));
      expect(existsSync(join(dir, 'out/a/file'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
