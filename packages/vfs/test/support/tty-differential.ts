import { expect } from 'vitest';
import fc from 'fast-check';
import { runOnLinuxPty } from './pty-reference.js';
import { ttyHarness } from './tty-harness.js';

// Keys whose n_tty outcome does not depend on timing: no signal characters (Linux drops
// echoes not yet committed when it flushes), no ^S/^Q (they stop the pty's output).
const KEYS = ['a', 'b', '_', '7', ' ', '/', '-', '\t', '\x7f', '\b', '\x15', '\x17', '\x16', '\x12', '\x01', '\x1b', '\n', '\r', '\x04'];

/** Random key strings from a seed. */
export function sampleInputs(count: number, seed: number, maxLength: number): string[] {
  const arb = fc.array(fc.constantFrom(...KEYS), { minLength: 1, maxLength }).map((a) => a.join(''));
  return fc.sample(arb, { numRuns: count, seed });
}

/** Hand-picked inputs covering each editing character. */
export const FIXED_INPUTS: readonly string[] = [
  'abc\n', 'ab\x7fc\n', 'a\bb\n', 'hello world\x15bye\n', 'cat foo/bar\x17baz\n', 'one two  \x17\x17x\n',
  '\x04', 'abc\x04\x04', 'ab\tc\t\x7f\x7f\n', '\t\x7f\n', 'x\x01y\x7f\x7f\n', 'a\x16\x7fb\n', 'a\x16\nb\n',
  'ab\x12cd\n', '\x1b[A\n', 'a\rb\r', '\x7f\x15\x17\n', 'w1 w2/w3\x17\x17\x17\n',
];

/** Feeds each input to our Tty (with Linux's plain-VERASE rule) and to a Linux pty; expects equal echo and reads. */
export function compareWithLinux(inputs: readonly string[]): void {
  const linux = runOnLinuxPty(inputs);
  inputs.forEach((input, i) => {
    const h = ttyHarness({ backspaceErases: false });
    h.type(input);
    const ours = { echo: h.screen(), reads: h.drain() };
    expect({ input, ...ours }).toEqual({ input, ...linux[i] });
  });
}
