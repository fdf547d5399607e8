import fc from 'fast-check';
import { describe, it } from 'vitest';
import { opArb, runAgainstModel } from './property-harness.js';

// CI-scale runs of the model comparison (CODEZERO_LONG=1 npm run test:long).
describe('scheduler against a reference model (long)', () => {
  it('Codezero policy, long sequences', { timeout: 240_000 }, () => {
    fc.assert(
      fc.property(fc.array(opArb(12), { maxLength: 250, size: 'max' }), (ops) => {
        runAgainstModel('codezero', ops);
      }),
      { numRuns: 2000 },
    );
  });

  it('fixed-priority policy, long sequences', { timeout: 240_000 }, () => {
    fc.assert(
      fc.property(fc.array(opArb(255), { maxLength: 250, size: 'max' }), (ops) => {
        runAgainstModel('fixed-priority', ops);
      }),
      { numRuns: 800 },
    );
  });
});
