import { describe, it } from 'vitest';
import { checkBuilderAgainstModel } from './builder-model.js';

describe('PageTableBuilder at CI scale', () => {
  it('agrees with the model and the walk over 1000 random programs', () => {
    checkBuilderAgainstModel(1000);
  }, 600_000);
});
