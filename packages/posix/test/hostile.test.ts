import { describe, expect, it } from 'vitest';
import { runHostile } from './helpers/hostile.js';

describe('a hostile guest making random system calls', () => {
  for (const seed of [1]) {
    it(`seed ${seed}: no host exception, init survives, nothing leaks`, () => {
      const r = runHostile(seed, 4, 200);
      expect(r.kernelLog.filter((l) => /failed|panic/i.test(l))).toEqual([]);
      expect(r.reason).toBe('exited');
      expect(r.status).toBe(0);
      expect(r.output).toMatch(/hostile done, reaped \d+\n$/);
      const st = r.system.stats();
      expect(st.processes).toBe(0);
      expect(st.freeFrames).toBe(st.totalFrames - 1);
      expect(r.system.checkIntegrity()).toEqual([]);
    });
  }
});
