import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/index.js';

const posixIpc = fileURLToPath(new URL('../../userland/linux/bin/posix-ipc', import.meta.url));
const long = process.env.CODEZERO_LONG === '1';

// A few seconds of traced boot: with the long tests (the default cli tests are kept short).
describe.runIf(long)('boot --trace (CODEZERO_LONG=1)', () => {
  it('prints Linux calls, protocol requests to mm0 and IPC between other threads', async () => {
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t) };
    const result = await runCli(['boot', '--init', posixIpc, '--trace', '--memory', '32M'], io);
    const lines = out.join('').split('\n');
    expect(result.exitCode).toBe(0);
    expect(lines).toContain('EXECVE                  -- PASSED --');
    expect(lines.some((l) => /^\[\d+\] write\(0x1, /.test(l))).toBe(true);
    expect(lines.some((l) => /^\[\d+\] ipc OPEN to mm0$/.test(l))).toBe(true);
    expect(lines.filter((l) => /^\[\d+\] ipc \d+ -> \d+ tag 0x99 short = 0$/.test(l))).toHaveLength(1);
  });
});
