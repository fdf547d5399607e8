import { describe, it } from 'vitest';
import { hostileCallers } from './helpers/fuzz.js';

describe('hostile callers (long)', () => {
  it('thousands of machines with random system calls: no host exception, no leak', () => {
    hostileCallers(3000, 60, 120, 1121);
  });
});
