import fc from 'fast-check';
import { describe, it } from 'vitest';
import { idStepArb, runIdScenario } from './id-pool-model.js';

describe('IdPool against a boolean-array model', () => {
  it('matches lowest-free, claim, free, ranges and fork over random sequences', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 3000 })),
        fc.integer({ min: 0, max: 100 }),
        fc.array(idStepArb, { maxLength: 80 }),
        (capacity, firstId, steps) => {
          runIdScenario(capacity, firstId, steps);
        },
      ),
      { numRuns: 120 },
    );
  });
});
