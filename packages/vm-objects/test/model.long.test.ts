import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cmdArb, runProgram } from './model.js';

describe('model-based, CI scale', () => {
  it('agrees with the model over long programs', { timeout: 240_000 }, () => {
    fc.assert(
      fc.property(fc.array(cmdArb, { minLength: 20, maxLength: 150, size: 'max' }), (cmds) => {
        expect(runProgram(cmds).vm.stats().spaces).toBe(0);
      }),
      { numRuns: 4000 },
    );
  });
});
