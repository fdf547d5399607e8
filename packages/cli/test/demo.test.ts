import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';

describe('codezero demo', () => {
  it('walks the memory subsystems and ends with everything freed', async () => {
    const out: string[] = [];
    const r = await runCli(['demo'], { stdout: (t) => out.push(t), stderr: (t) => out.push(t) });
    expect(r.exitCode).toBe(0);
    const text = out.join('');
    expect(text).toContain('page-alloc: 32768 frames of 4 KiB');
    expect(text).toMatch(/first-level table at 0x[0-9a-f]{4}[0-9a-f]000 \(16 KiB aligned\)/);
    expect(text).toContain('all 8-byte aligned: true');
    expect(text).toContain('thread ids 0, 1, 2; after freeing 1 the next id is 1');
    expect(text).toContain('state equals the initial state: true');
  });

  it('boots the hello image, schedules six threads in reverse order and uses the vfs', async () => {
    const out: string[] = [];
    const r = await runCli(['demo'], { stdout: (t) => out.push(t), stderr: (t) => out.push(t) });
    expect(r.exitCode).toBe(0);
    const text = out.join('');
    expect(text).toContain('console: "hello from the Versatile PB"');
    expect(text).toMatch(/stopped: exit with status 0 after \d+ instructions/);
    expect(text).toContain('first runs in order: tid 7, tid 6, tid 5, tid 4, tid 3, tid 2');
    expect(text).toContain('read back 24 bytes: "written through the vfs\\n"');
    expect(text).toContain('open("/home/missing") → -2');
  });

  it('is listed in --help', async () => {
    const out: string[] = [];
    await runCli(['--help'], { stdout: (t) => out.push(t), stderr: (t) => out.push(t) });
    expect(out.join('')).toMatch(/demo\s+a guided tour/);
  });
});
