import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The command as published: dist/bin.cjs running the bundle with its code cache (built by
// `npm run build`, which the long suite follows).
const dist = new URL('../dist/', import.meta.url);
const bin = fileURLToPath(new URL('bin.cjs', dist));
const launch = new URL('bin-launch.js', dist).href;
const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function built(): void {
  expect(existsSync(bin), `${bin} is missing: run npm run build first`).toBe(true);
}

describe('the built codezero command (bundle and code cache)', () => {
  it('boots test0 from the bundle: the boot lines, the 12 test lines in order, status 0', () => {
    built();
    const r = spawnSync(process.execPath, [bin, 'boot', '--init', '/bin/test0'], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(3, 8)).toEqual([
      'mm0: Started with thread id 1',
      'mm0: Mounted memfs root filesystem.',
      'mm0: Memory/Process manager initialized. Listening requests.',
      'test0: Started with thread id 2',
      'test0: Running POSIX API tests.',
    ]);
    expect(lines.filter((l) => l.endsWith('-- PASSED --')).map((l) => l.split(/ {2,}| TEST/)[0])).toEqual([
      'MINI IO',
      'DIR',
      'MMAP',
      'SHM',
      'FILE IO',
      'FORK',
      'CLONE',
      'UNDEF',
      'FULL IPC',
      'EXTENDED IPC',
      'USER MUTEX',
      'EXECVE',
    ]);
  });

  it('V8 takes the shipped code cache on this Node, and the bundle reads its own package.json', () => {
    built();
    const probe = `import(${JSON.stringify(launch)}).then((m) => {
      process.argv = [process.argv[0], 'codezero', '--version'];
      const load = m.runBundle(m.bundleFiles(${JSON.stringify(fileURLToPath(dist))}));
      process.on('exit', () => process.stderr.write(JSON.stringify({ missing: load.missing, cacheUsed: load.cacheUsed })));
    });`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${version}\n`);
    expect(JSON.parse(r.stderr)).toEqual({ missing: false, cacheUsed: true });
  });

  it("loads the Node built-ins a boot uses before it sets its V8 flag (Node's cache of them stays usable)", () => {
    built();
    // A preload that notes Node's loaded modules when the launcher first sets a V8 flag, and
    // prints the built-ins loaded after that at exit.
    const probe = `const v8 = require('node:v8');
const set = v8.setFlagsFromString;
let before = null;
v8.setFlagsFromString = (flag) => { before ??= new Set(process.moduleLoadList); return set(flag); };
process.on('exit', () => process.stderr.write(JSON.stringify(before === null ? null : process.moduleLoadList.filter((m) => !before.has(m) && m.startsWith('NativeModule ')).map((m) => m.slice(13)))));`;
    const dir = mkdtempSync(join(tmpdir(), 'codezero-probe-'));
    try {
      const preload = join(dir, 'probe.cjs');
      writeFileSync(preload, probe);
      const r = spawnSync(process.execPath, ['-r', preload, bin, 'boot', '--init', '/bin/test0'], { encoding: 'utf8', timeout: 120_000 });
      expect(r.status).toBe(0);
      const after = JSON.parse(r.stderr) as string[] | null;
      expect(after).not.toBeNull();
      for (const m of ['timers/promises', 'internal/fs/promises', 'internal/readline/interface', 'tty']) expect(after).not.toContain(m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a user mistake is an error line and status, not a stack trace', () => {
    built();
    const r = spawnSync(process.execPath, [bin, 'boot', '--init', 'no-such-program'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/unknown program 'no-such-program'/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a launcher without its bundle says so in one line, status 1', () => {
    built();
    const dir = mkdtempSync(join(tmpdir(), 'codezero-lonely-'));
    try {
      copyFileSync(bin, join(dir, 'bin.cjs'));
      const r = spawnSync(process.execPath, [join(dir, 'bin.cjs'), '--version'], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`codezero: ${join(dir, 'codezero-bundle.cjs')} is missing: this build of @codezero-ts/cli is incomplete (run npm run build)\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
