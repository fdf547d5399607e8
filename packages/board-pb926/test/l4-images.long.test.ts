import { l4Images } from '@codezero-ts/userland';
import { describe, expect, it } from 'vitest';
import { bootL4 } from '../src/index.js';

/**
 * Guest clock rates from a tick every 10 instructions to one every 100 000: the scheduler
 * preempts the programs' threads at very different points, and every interleaving must
 * still print the expected console.
 */
const RATES = [10_000, 20_000, 50_000, 100_000, 200_000, 250_000, 500_000, 1_000_000, 5_000_000, 20_000_000, 100_000_000];

describe('the userland L4 programs at many guest clock rates', () => {
  for (const image of l4Images) {
    it(`${image.name}: the expected console at every rate, and the same run twice at each`, () => {
      for (const ips of RATES) {
        const run = () => bootL4({ elf: image.readImage(), ramSize: 32 * 1024 * 1024, instructionsPerSecond: ips, maxInstructions: 50_000_000 });
        const first = run();
        expect(first.console, `${String(ips)} instructions per second`).toBe(image.readExpected());
        expect(first.status).toBe(0);
        expect(run()).toEqual(first);
      }
    });
  }
});
