import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatHostThreadTimes, hostThreadTimes, parseSchedstat } from '../src/commands/host-threads.js';

/** A fake /proc/self/task: one directory per thread id with the given schedstat text. */
function taskDir(threads: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cz-task-'));
  for (const [tid, text] of Object.entries(threads)) {
    mkdirSync(join(dir, tid));
    writeFileSync(join(dir, tid, 'schedstat'), text);
  }
  return dir;
}

describe('parseSchedstat', () => {
  it('reads the nanoseconds on a processor and waiting for one', () => {
    expect(parseSchedstat('520000000 110000000 133\n')).toEqual({ runNs: 520_000_000, waitNs: 110_000_000 });
  });

  it('refuses text that is not three counts', () => {
    expect(parseSchedstat('')).toBeUndefined();
    expect(parseSchedstat('1 2\n')).toBeUndefined();
    expect(parseSchedstat('1 2 3 4\n')).toBeUndefined();
    expect(parseSchedstat('1 -2 3\n')).toBeUndefined();
    expect(parseSchedstat('a b c\n')).toBeUndefined();
  });
});

describe('hostThreadTimes', () => {
  it('splits the main thread from the helpers and sums the helpers', () => {
    const dir = taskDir({ '100': '520000000 110000000 133\n', '101': '150000000 250000000 87\n', '102': '130000000 290000000 84\n' });
    expect(hostThreadTimes(dir, 100)).toEqual({ mainRunMs: 520, mainWaitMs: 110, helperRunMs: 280, helpers: 2 });
  });

  it('leaves out threads without readable figures', () => {
    const dir = taskDir({ '7': '2000000 1000000 3\n', '8': 'garbage\n' });
    mkdirSync(join(dir, '9'));
    expect(hostThreadTimes(dir, 7)).toEqual({ mainRunMs: 2, mainWaitMs: 1, helperRunMs: 0, helpers: 0 });
  });

  it('is undefined without the directory or without the main thread figures', () => {
    expect(hostThreadTimes(join(tmpdir(), 'cz-no-such-dir', 'task'), 1)).toBeUndefined();
    expect(hostThreadTimes(taskDir({ '5': '1 2 3\n' }), 4)).toBeUndefined();
  });

  it("reads this process's own figures where Linux has them", () => {
    const times = hostThreadTimes();
    if (process.platform !== 'linux') {
      expect(times).toBeUndefined();
      return;
    }
    // a kernel without scheduler statistics has no schedstat files: then there is nothing
    if (times === undefined) return;
    expect(times.mainRunMs).toBeGreaterThan(0);
    expect(times.mainWaitMs).toBeGreaterThanOrEqual(0);
    expect(times.helpers).toBeGreaterThanOrEqual(0);
  });
});

describe('formatHostThreadTimes', () => {
  it('prints seconds with three decimals', () => {
    expect(formatHostThreadTimes({ mainRunMs: 520.4, mainWaitMs: 110, helperRunMs: 480.25, helpers: 4 })).toBe(
      "host (since the process started): main thread 0.520 s on a processor and 0.110 s waiting for one, 4 helper threads (V8's compiler, the garbage collector) 0.480 s\n",
    );
  });
});
