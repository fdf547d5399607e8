import { describe, it } from 'vitest';
import fc from 'fast-check';
import { cacheOps, cacheShape, checkCacheWorkload } from './cache-workload.js';

describe('MemCache against a model', () => {
  it('keeps live objects disjoint, aligned, inside source pages, and returns every page', () => {
    fc.assert(
      fc.property(cacheShape, cacheOps(150), (shape, ops) => {
        checkCacheWorkload(shape, ops);
      }),
      { numRuns: 150 },
    );
  });
});
