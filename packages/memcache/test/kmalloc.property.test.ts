import { describe, it } from 'vitest';
import fc from 'fast-check';
import { checkKmallocWorkload, kmallocOps } from './kmalloc-workload.js';

describe('Kmalloc against a model', () => {
  it('keeps allocations disjoint, 8-byte aligned, inside source pages, and returns every page', () => {
    fc.assert(
      fc.property(kmallocOps(150), (ops) => {
        checkKmallocWorkload(ops);
      }),
      { numRuns: 120 },
    );
  });
});
