import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cmdArb, runProgram } from './model.js';

describe('model-based: random programs of several processes', () => {
  it('agree with a page-map model, keep the invariants, and give every frame back', () => {
    fc.assert(
      fc.property(fc.array(cmdArb, { minLength: 5, maxLength: 60, size: 'max' }), (cmds) => {
        const r = runProgram(cmds);
        expect(r.vm.stats().spaces).toBe(0);
      }),
      { numRuns: 150 },
    );
  });
});
