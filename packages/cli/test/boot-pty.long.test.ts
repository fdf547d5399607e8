import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const script = fileURLToPath(new URL('../../../scripts/test-kit/pty-driver.py', import.meta.url));
const python = '/usr/bin/python3';
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const bin = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const hex = (s: string): string => Buffer.from(s, 'latin1').toString('hex');

/** Runs `codezero boot` (32M) on a pseudo-terminal, typing `steps`; returns the driver's transcript. */
function bootOnPty(steps: readonly (readonly [string, string])[]): string {
  const r = spawnSync(python, [script, root, tsx, '--conditions=@codezero-ts/source', bin, 'boot', '--memory', '32M'], {
    input: JSON.stringify(steps),
    encoding: 'latin1',
    timeout: 240_000,
    env: { ...process.env, PTY_TIMEOUT: '60' },
  });
  return r.stdout;
}

describe('codezero boot on a pseudo-terminal', () => {
  it('a typed session: prompt, ls, a pipeline, redirections, a background job, ps, ^C of a looping program (status 130), poweroff; the host terminal is restored', () => {
    expect(existsSync(python)).toBe(true);
    const steps: [string, string][] = [
      [hex('ls /bin/sh\r'), '/bin/sh\r\n$ '],
      [hex('echo one two | cat > /tmp/p.txt\r'), '$ '],
      [hex('cat < /tmp/p.txt\r'), 'one two\r\n$ '],
      [hex('echo back > /tmp/b.txt &\r'), '$ '],
      [hex('wait\r'), '$ '],
      [hex('cat /tmp/b.txt\r'), 'back\r\n$ '],
      [hex('ps\r'), '$ '],
      [hex('loop getpid 1000000000\r'), 'getpid 1000000000\r\n'],
      [hex('\x03'), '$ '],
      [hex('echo $?\r'), '130\r\n$ '],
      [hex('poweroff\r'), ''],
    ];
    const out = bootOnPty(steps);
    expect(out).not.toContain('[stuck');
    expect(out).toContain('$ ls /bin/sh\r\n/bin/sh\r\n');
    expect(out).toContain('$ cat < /tmp/p.txt\r\none two\r\n');
    expect(out).toMatch(/\$ echo back > \/tmp\/b\.txt &\r\n\[1\] \d+\r\n/);
    expect(out).toContain('$ cat /tmp/b.txt\r\nback\r\n');
    // ps: init is pid 1 with no parent, the shell its child, ps itself in the shell's group
    expect(out).toMatch(/\r\n +1 +0 +1 S init\r\n/);
    expect(out).toMatch(/\r\n +\d+ +1 +\d+ [RS] sh\r\n/);
    expect(out).toMatch(/\r\n +\d+ +\d+ +\d+ R ps\r\n/);
    expect(out).toContain('loop getpid 1000000000\r\n^C\r\n$ echo $?\r\n130\r\n');
    expect(out).toContain('[lflag-restored yes]');
    expect(out).toMatch(/\[exit 0\]\n\[ok\]\n$/);
  }, 300_000);

  it('Ctrl-] detaches from a busy guest: status 125, the host terminal restored', () => {
    const steps: [string, string][] = [
      [hex('loop getpid 1000000000\r'), 'getpid 1000000000\r\n'],
      [hex('\x1d'), 'detached'],
    ];
    const out = bootOnPty(steps);
    expect(out).not.toContain('[stuck');
    expect(out).toContain('Ctrl-] detaches (exit status 125)');
    expect(out).toContain('codezero boot: detached (Ctrl-]); the guest was stopped');
    expect(out).toContain('[lflag-restored yes]');
    expect(out).toMatch(/\[exit 125\]\n\[ok\]\n$/);
  }, 300_000);

  it('piped standard input: printf "ls /\\npoweroff\\n" | codezero boot exits 0', () => {
    const out = execFileSync(tsx, ['--conditions=@codezero-ts/source', bin, 'boot', '--memory', '32M'], { cwd: root, input: 'ls /\npoweroff\n', encoding: 'utf8', timeout: 120_000 });
    expect(out).toMatch(/\$ ls \/\nbin\ndev\nproc\nsbin\ntmp\n\$ poweroff\n$/);
  }, 150_000);
});
