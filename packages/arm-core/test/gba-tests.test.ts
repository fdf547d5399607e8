import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runGbaRom, type GbaRunResult } from './gba/harness.js';

/*
 * jsmolka/gba-tests (MIT, vendored unmodified in test/vendor/gba-tests): each ROM runs its
 * tests in order and ends in an idle loop with the number of the first failed test in its
 * test register (r12 for arm.gba, r7 for thumb.gba; 0 when every test passed). The ROMs
 * target the ARM7TDMI, so they pass with `architecture: 'v4t'`; on the default ARMv5TE
 * model they stop at the first test of an ARM7TDMI-specific behaviour.
 */

const VENDOR = new URL('./vendor/gba-tests/', import.meta.url);
const ROMS = {
  arm: { file: 'arm.gba', register: 12, sha256: '77ee88662552bdc885c1080c0172ff119d54db791bd73b21808cf1ff1fe5b40e' },
  thumb: { file: 'thumb.gba', register: 7, sha256: 'b5cb2291df4ab314b31c598acd9bff2ccfa0b38efff29daadfe97422ce369b67' },
} as const;
/** Far more than either ROM needs (about 7 400 and 6 900 instructions to their idle loop). */
const BUDGET = 200_000;

function rom(name: keyof typeof ROMS): Uint8Array {
  return new Uint8Array(readFileSync(new URL(ROMS[name].file, VENDOR)));
}

function failedTest(name: keyof typeof ROMS, r: GbaRunResult): number {
  return r.regs[ROMS[name].register]!;
}

function describeRun(name: keyof typeof ROMS, r: GbaRunResult): string {
  const where = r.settled ? `idle at 0x${r.pc.toString(16)}` : `not settled after ${r.instructions} instructions`;
  return `${name}.gba: first failed test ${failedTest(name, r)} (${where})`;
}

describe('jsmolka gba-tests', () => {
  it('the vendored ROMs are the ones the README names', () => {
    for (const name of ['arm', 'thumb'] as const) {
      expect(createHash('sha256').update(rom(name)).digest('hex'), name).toBe(ROMS[name].sha256);
    }
  });

  for (const name of ['arm', 'thumb'] as const) {
    it(`${name}.gba passes every test on the ARMv4T model`, () => {
      const r = runGbaRom(rom(name), BUDGET, { architecture: 'v4t' });
      expect({ settled: r.settled, failed: failedTest(name, r) }, describeRun(name, r)).toEqual({ settled: true, failed: 0 });
    });
  }

  it('on the ARMv5TE model they stop at the first ARM7TDMI-specific test', () => {
    // arm 234: CMP with Rd = 15 copies the SPSR on the ARM7TDMI; thumb 211: unaligned LDRH rotates
    // after its failure arm.gba runs off (the test left FIQ mode with an empty stack): a small budget
    const arm = runGbaRom(rom('arm'), 20_000);
    const thumb = runGbaRom(rom('thumb'), 100_000);
    expect(failedTest('arm', arm), describeRun('arm', arm)).toBe(234);
    expect({ settled: thumb.settled, failed: failedTest('thumb', thumb) }, describeRun('thumb', thumb)).toEqual({ settled: true, failed: 211 });
  });
});
