import { describe, it } from 'vitest';
import { ptyAvailable } from './support/pty-reference.js';
import { FIXED_INPUTS, compareWithLinux, sampleInputs } from './support/tty-differential.js';

// Compares canonical-mode editing with Linux's n_tty through real pseudo-terminals driven
// by /usr/bin/python3. Hosts without them (macOS, no python) run nothing here unless
// CODEZERO_REQUIRE_TOOLS=1, which makes the absence a failure.
const required = process.env.CODEZERO_REQUIRE_TOOLS === '1';
const available = ptyAvailable();

describe('Tty against Linux n_tty', () => {
  it.runIf(available || required)('echo and reads match a Linux pty for hand-picked and random keys', () => {
    compareWithLinux([...FIXED_INPUTS, ...sampleInputs(80, 11, 24)]);
  }, 30_000);
});
