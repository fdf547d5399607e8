import { describe, expect, it } from 'vitest';
import { runCli, cliVersion } from '../src/index.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

describe('codezero command', () => {
  it('prints its version', async () => {
    const c = capture();
    const r = await runCli(['--version'], c.io);
    expect(r.exitCode).toBe(0);
    expect(c.out.join('')).toBe(`${cliVersion()}\n`);
    expect(cliVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('prints help listing its options', async () => {
    const c = capture();
    const r = await runCli(['--help'], c.io);
    expect(r.exitCode).toBe(0);
    expect(c.out.join('')).toContain('Usage: codezero');
    expect(c.out.join('')).toContain('--version');
  });

  it('rejects an unknown option with status 2 and a message, not a stack trace', async () => {
    const c = capture();
    const r = await runCli(['--bogus'], c.io);
    expect(r.exitCode).toBe(2);
    const text = c.err.join('');
    expect(text).toContain("unknown option '--bogus'");
    expect(text).not.toMatch(/\n\s+at /);
  });
});
