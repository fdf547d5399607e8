import { describe, expect, it } from 'vitest';
import { runProtocolFuzz } from './helpers/protocol-fuzz.js';

const long = process.env.CODEZERO_LONG === '1';

describe.runIf(long)('random protocol requests, many seeds (CODEZERO_LONG=1)', () => {
  it('20 seeds × 3 children × 2000 requests', () => {
    for (let seed = 100; seed < 120; seed++) {
      const r = runProtocolFuzz(seed, 2000);
      expect(r.kernelLog.filter((l) => /failed|panic/i.test(l)), `seed ${seed}`).toEqual([]);
      // A child may block for ever on a legitimate request (a READ of the console, a WAIT…):
      // then the machine goes idle with the parent waiting.
      expect(['exited', 'idle'], `seed ${seed}`).toContain(r.reason);
      if (r.reason === 'exited') {
        expect(r.output, `seed ${seed}`).toMatch(/fuzz done\n$/);
        const st = r.system.stats();
        expect(st.processes, `seed ${seed}`).toBe(0);
        expect(st.freeFrames, `seed ${seed}`).toBe(st.totalFrames - 1);
      }
      expect(r.system.checkIntegrity(), `seed ${seed}`).toEqual([]);
      expect(r.kernel.checkIntegrity(), `seed ${seed}`).toEqual([]);
    }
  });
});
