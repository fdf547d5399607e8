import { describe, expect, it } from 'vitest';
import { runHostile } from './helpers/hostile.js';

const long = process.env.CODEZERO_LONG === '1';

describe.runIf(long)('a hostile guest, many seeds (CODEZERO_LONG=1)', () => {
  it('25 seeds × 8 children × 1000 calls', () => {
    for (let seed = 100; seed < 125; seed++) {
      const r = runHostile(seed, 8, 1000);
      expect(r.kernelLog.filter((l) => /failed|panic/i.test(l)), `seed ${seed}`).toEqual([]);
      // A child may legitimately block for ever (a futex wait on a random word that matched,
      // a wait4 for a child that blocks…): then the machine goes idle with init waiting.
      // A child may also sleep for a long time, or keep a periodic SIGALRM it ignores: then
      // the budget runs out (idle time is charged to it) with a kernel timer still pending.
      if (r.reason === 'budget') expect(r.pendingTimers, `seed ${seed}`).toBeGreaterThan(0);
      else expect(['exited', 'idle'], `seed ${seed}`).toContain(r.reason);
      const st = r.system.stats();
      if (r.reason === 'exited') {
        expect(st.processes, `seed ${seed}`).toBe(0);
        expect(st.freeFrames, `seed ${seed}`).toBe(st.totalFrames - 1);
      }
      expect(r.system.checkIntegrity(), `seed ${seed}`).toEqual([]);
    }
  }, 900_000);
});
