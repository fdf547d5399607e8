import { describe, expect, it } from 'vitest';
import { l4Images } from '../src/index.js';
import { runL4 } from './l4-machine.js';

// Guest time changes how often ticks preempt threads, so it changes every schedule the L4
// programs go through; their console must not change (a board runs at its own rate).
const rates = [30_000, 70_000, 150_000, 330_000, 700_000, 1_500_000, 3_300_000, 7_000_000, 15_000_000, 33_000_000, 70_000_000, 1_000_000_000];

describe('L4 programs at many tick lengths', () => {
  for (const image of l4Images) {
    it(`${image.name} prints its expected console at ${rates.length} instruction rates`, () => {
      const expected = image.readExpected();
      for (const instructionsPerSecond of rates) {
        const run = runL4(image.path, 200_000_000, { instructionsPerSecond });
        expect(run.console, `${instructionsPerSecond} instructions/s`).toBe(expected);
        expect(run.outcome).toBe('idle');
      }
    });
  }
});
