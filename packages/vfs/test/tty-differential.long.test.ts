import { describe, it } from 'vitest';
import { ptyAvailable } from './support/pty-reference.js';
import { compareWithLinux, sampleInputs } from './support/tty-differential.js';

const run = process.env.CODEZERO_LONG === '1' && (ptyAvailable() || process.env.CODEZERO_REQUIRE_TOOLS === '1');

describe('Tty against Linux n_tty (long)', () => {
  it.runIf(run)('2000 random key strings', () => {
    compareWithLinux(sampleInputs(2000, 20261121, 48));
  }, 300_000);
});
