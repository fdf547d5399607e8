import { describe, it } from 'vitest';
import { hostileCallers } from './helpers/fuzz.js';

describe('hostile callers', () => {
  it('random system calls from server and ARM threads never break the host, and every frame comes back', () => {
    hostileCallers(60, 25, 40, 20261121);
  });
});
