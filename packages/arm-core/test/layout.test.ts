import { describe, expect, it } from 'vitest';
import { Layout, mkop, Op } from '../src/internal/ops.js';

// The hot constants are const enums so that they are literals in the bundle; their values
// are written out by hand, so they are checked against what they stand for.
describe('decode-cache layout constants', () => {
  it('match the op words they abbreviate', () => {
    expect(Layout.BlockEndOp).toBe(mkop(Op.BlockEnd, 14));
    expect(Layout.StopOp).toBe(mkop(Op.Stop, 14));
    expect(Layout.Slot).toBe(4);
    expect(Layout.ThumbBlock).toBe(513 * Layout.Slot);
    expect(Layout.ArmBlock).toBe(257 * Layout.Slot);
    expect(Layout.DecodeWords).toBe(2048 * Layout.ThumbBlock);
  });
});
