import fc from 'fast-check';
import { describe, it } from 'vitest';
import { opArb, pagerOpsArb, runAgainstModel } from './property-harness.js';

describe('scheduler against a reference model (property)', () => {
  it('Codezero policy: same decisions, one place per thread, counts, tick conservation, wait bound', () => {
    fc.assert(
      fc.property(fc.array(opArb(12), { maxLength: 60, size: 'medium' }), (ops) => {
        runAgainstModel('codezero', ops);
      }),
      { numRuns: 150 },
    );
  });

  it('Codezero policy under a pager that bounces expired threads and changes priorities: wait bound', () => {
    fc.assert(
      fc.property(pagerOpsArb(12), (ops) => {
        runAgainstModel('codezero', ops);
      }),
      { numRuns: 150 },
    );
  });

  it('fixed-priority policy: same decisions, one place per thread, counts, tick conservation', () => {
    fc.assert(
      fc.property(fc.array(opArb(255), { maxLength: 60, size: 'medium' }), (ops) => {
        runAgainstModel('fixed-priority', ops);
      }),
      { numRuns: 100 },
    );
  });
});
