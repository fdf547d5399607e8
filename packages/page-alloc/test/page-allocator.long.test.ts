import fc from 'fast-check';
import { describe, it } from 'vitest';
import { configArb, runScenario, stepArb } from './allocator-model.js';
import { idStepArb, runIdScenario } from './id-pool-model.js';

describe('CI-scale property runs', () => {
  it('PageAllocator: long random sequences over ranges up to 2000 frames', () => {
    fc.assert(
      fc.property(configArb(2000), fc.array(stepArb, { maxLength: 400 }), (config, steps) => {
        runScenario(config, steps);
      }),
      { numRuns: 400 },
    );
  }, 240_000);

  it('PageAllocator: many short sequences over small ranges', () => {
    fc.assert(
      fc.property(configArb(64), fc.array(stepArb, { maxLength: 80 }), (config, steps) => {
        runScenario(config, steps);
      }),
      { numRuns: 3000 },
    );
  }, 240_000);

  it('IdPool: long random sequences', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 40_000 })),
        fc.integer({ min: 0, max: 1000 }),
        fc.array(idStepArb, { maxLength: 400 }),
        (capacity, firstId, steps) => {
          runIdScenario(capacity, firstId, steps);
        },
      ),
      { numRuns: 300 },
    );
  }, 240_000);
});
