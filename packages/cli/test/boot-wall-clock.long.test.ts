import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';

const golden = readFileSync(new URL('../../userland/linux/golden/sleep.txt', import.meta.url), 'utf8');
const long = process.env.CODEZERO_LONG === '1';

// Seconds of real sleeping: with the long tests.
describe.runIf(long)('boot --wall-clock (CODEZERO_LONG=1)', () => {
  it('lets guest sleeps and timers take host time, with the same output as under qemu-arm', async () => {
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t) };
    const started = performance.now();
    const result = await runCli(['boot', '--init', 'sleep', '--wall-clock', '--memory', '32M'], io);
    const elapsedMs = performance.now() - started;
    expect(result.exitCode).toBe(0);
    const lines = out.join('').split('\n').filter((l) => l !== '' && !l.startsWith('code0:') && !l.startsWith('mm0:'));
    const expected = golden.split('\n').filter((l) => l !== '' && !l.startsWith('[exit'));
    expect(lines).toEqual(expected);
    // The program sleeps 1 s in alarm(1) + pause() alone: on the wall clock that is host time
    // (on the default virtual clock the same run takes a fraction of it).
    expect(elapsedMs).toBeGreaterThanOrEqual(1000);
  });
});
