import fc from 'fast-check';
import { describe, it } from 'vitest';
import { configArb, runScenario, stepArb } from './allocator-model.js';

describe('PageAllocator against a frame-array model', () => {
  it('keeps every invariant over random alloc/free/reserve sequences and returns to the initial state', () => {
    fc.assert(
      fc.property(configArb(300), fc.array(stepArb, { maxLength: 60 }), (config, steps) => {
        runScenario(config, steps);
      }),
      { numRuns: 150 },
    );
  });

  it('handles tiny ranges (1..8 frames) exhaustively enough', () => {
    fc.assert(
      fc.property(configArb(8), fc.array(stepArb, { maxLength: 30 }), (config, steps) => {
        runScenario(config, steps);
      }),
      { numRuns: 150 },
    );
  });
});
