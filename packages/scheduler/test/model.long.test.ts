import fc from 'fast-check';
import { describe, it } from 'vitest';
import { opArb, runAgainstModel } from './property-harness.js';

// CI-scale runs of the model comparison (CODEZERO_LONG=1 npm run test:long), with fixed
// seeds so CI is deterministic. Random seeds found one open counterexample to the wait
// bound (seed 926880782; see "Open finding" in README.md): explore new seeds by hand.
const SEED_CODEZERO = 20261121;
const SEED_FIXED = 20261122;
describe('scheduler against a reference model (long)', () => {
  it('Codezero policy, long sequences', { timeout: 240_000 }, () => {
    fc.assert(
      fc.property(fc.array(opArb(12), { maxLength: 250, size: 'max' }), (ops) => {
        runAgainstModel('codezero', ops);
      }),
      { numRuns: 2000, seed: SEED_CODEZERO },
    );
  });

  it('fixed-priority policy, long sequences', { timeout: 240_000 }, () => {
    fc.assert(
      fc.property(fc.array(opArb(255), { maxLength: 250, size: 'max' }), (ops) => {
        runAgainstModel('fixed-priority', ops);
      }),
      { numRuns: 800, seed: SEED_FIXED },
    );
  });
});
