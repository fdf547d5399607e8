import { describe, expect, it } from 'vitest';
import { checkAccess, faultStatusRegister, fcseRelocate, newWalkResult, walk } from '../src/index.js';
import { FakeMemory } from './fakes.js';

// Descriptors are written with raw bit operations here, independently of the package's
// own encoders, following the ARMv5 layouts.
const TTBR = 0x4000;
const COARSE = 0x8000; // 1 KiB coarse table
const FINE = 0x9000; // 4 KiB fine table

/** The ARMv5 AP table: [privRead, privWrite, userRead, userWrite] for AP and (S, R). */
function expected(ap: number, s: boolean, r: boolean): [boolean, boolean, boolean, boolean] {
  if (ap === 3) return [true, true, true, true];
  if (ap === 2) return [true, true, true, false];
  if (ap === 1) return [true, true, false, false];
  if (s && !r) return [true, false, false, false];
  if (!s && r) return [true, false, true, false];
  return [false, false, false, false];
}

type Kind = 'section' | 'coarse-large' | 'coarse-small' | 'fine-large' | 'fine-small' | 'fine-tiny';
const kinds: Kind[] = ['section', 'coarse-large', 'coarse-small', 'fine-large', 'fine-small', 'fine-tiny'];

/** Maps VA 0x00300000.. with one descriptor of `kind`, AP `ap` in every subpage, domain 5. */
function setup(kind: Kind, ap: number): FakeMemory {
  const mem = new FakeMemory(0x20000);
  const l1 = TTBR + (0x003 << 2);
  const dom = 5 << 5;
  const ap4 = (ap << 10) | (ap << 8) | (ap << 6) | (ap << 4);
  switch (kind) {
    case 'section':
      mem.write32(l1, 0x12300000 | (ap << 10) | dom | 0x10 | 0b1100 | 0b10);
      break;
    case 'coarse-large':
    case 'coarse-small':
      mem.write32(l1, COARSE | dom | 0x10 | 0b01);
      for (let e = 0; e < 256; e++) {
        mem.write32(COARSE + e * 4, kind === 'coarse-large' ? 0x45670000 | ap4 | 0b01 : (0x45600000 + e * 0x1000) | ap4 | 0b10);
      }
      break;
    default:
      mem.write32(l1, FINE | dom | 0b11);
      for (let e = 0; e < 1024; e++) {
        const word = kind === 'fine-large' ? 0x45670000 | ap4 | 0b01 : kind === 'fine-small' ? (0x45600000 + (e >> 2) * 0x1000) | ap4 | 0b10 : (0x45600000 + e * 0x400) | (ap << 4) | 0b11;
        mem.write32(FINE + e * 4, word);
      }
  }
  return mem;
}

describe('translation walk', () => {
  const out = newWalkResult();
  const va = 0x00345678;

  it.each(kinds)('finds the physical address and size of a %s', (kind) => {
    walk(setup(kind, 3), TTBR, va, out);
    expect(out.status).toBe(0);
    expect(out.domain).toBe(5);
    const want: Record<Kind, [number, number]> = {
      section: [0x12345678, 0x100000],
      'coarse-large': [0x45675678, 0x10000],
      'coarse-small': [0x45600000 + 0x45 * 0x1000 + 0x678, 0x1000],
      'fine-large': [0x45675678, 0x10000],
      'fine-small': [0x45600000 + 0x45 * 0x1000 + 0x678, 0x1000],
      'fine-tiny': [0x45600000 + 0x115 * 0x400 + 0x278, 0x400],
    };
    expect([out.pa, out.size]).toEqual(want[kind]);
    expect(out.section).toBe(kind === 'section');
  });

  it('gives section and page translation faults with the L1 domain', () => {
    const mem = new FakeMemory(0x20000);
    mem.write32(TTBR + (0x003 << 2), 7 << 5); // fault descriptor with domain bits 7
    walk(mem, TTBR, va, out);
    expect(out.status).toBe(0b0101);
    expect(out.domain).toBe(7);
    mem.write32(TTBR + (0x003 << 2), COARSE | (9 << 5) | 0b01);
    walk(mem, TTBR, va, out);
    expect(out.status).toBe(0b0111);
    expect(out.domain).toBe(9);
    expect(faultStatusRegister(out.status, out.domain)).toBe(0x97);
  });

  it('treats a tiny-page descriptor in a coarse table as a page translation fault', () => {
    const mem = new FakeMemory(0x20000);
    mem.write32(TTBR + (0x003 << 2), COARSE | 0b01);
    mem.write32(COARSE + 0x45 * 4, 0x45600000 | (3 << 4) | 0b11);
    walk(mem, TTBR, va, out);
    expect(out.status).toBe(0b0111);
  });

  it('selects the subpage AP of large and small pages', () => {
    const mem = new FakeMemory(0x20000);
    mem.write32(TTBR, COARSE | 0b01);
    // small page 0: AP0=0 AP1=1 AP2=2 AP3=3; large page at 64 KiB: AP0=3 AP1=2 AP2=1 AP3=0
    mem.write32(COARSE, 0x1000 | (3 << 10) | (2 << 8) | (1 << 6) | (0 << 4) | 0b10);
    for (let e = 16; e < 32; e++) mem.write32(COARSE + e * 4, 0x50000 | (0 << 10) | (1 << 8) | (2 << 6) | (3 << 4) | 0b01);
    for (let q = 0; q < 4; q++) {
      walk(mem, TTBR, q * 0x400 + 4, out);
      expect(out.ap).toBe(q);
      walk(mem, TTBR, 0x10000 + q * 0x4000 + 4, out);
      expect(out.ap).toBe(3 - q);
    }
  });

  it('relocates addresses below 32 MiB by the FCSE PID', () => {
    expect(fcseRelocate(0x00001234, 3)).toBe(0x06001234);
    expect(fcseRelocate(0x02001234, 3)).toBe(0x02001234);
    expect(fcseRelocate(0x80000000, 127)).toBe(0x80000000);
  });
});

describe('access checks: every descriptor × AP × S/R × domain mode × privilege × access', () => {
  const out = newWalkResult();
  const cases: [Kind, number][] = kinds.flatMap((k) => [0, 1, 2, 3].map((ap) => [k, ap] as [Kind, number]));
  it.each(cases)('%s with AP %i', (kind, ap) => {
    const mem = setup(kind, ap);
    walk(mem, TTBR, 0x00345678, out);
    expect(out.status).toBe(0);
    const section = kind === 'section';
    for (const [s, r] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      for (let domainMode = 0; domainMode < 4; domainMode++) {
        const dacr = domainMode << (5 * 2);
        for (const privileged of [true, false]) {
          for (const write of [false, true]) {
            const status = checkAccess(out, dacr, { system: s, rom: r }, write, privileged);
            let want: number;
            if (domainMode === 0 || domainMode === 2) want = section ? 0b1001 : 0b1011;
            else if (domainMode === 3) want = 0;
            else {
              const [pr, pw, ur, uw] = expected(ap, s, r);
              const ok = privileged ? (write ? pw : pr) : write ? uw : ur;
              want = ok ? 0 : section ? 0b1101 : 0b1111;
            }
            expect(status, `S=${s} R=${r} domain=${domainMode} priv=${privileged} write=${write}`).toBe(want);
          }
        }
      }
    }
  });
});

describe('walk: whether a 4 KiB page has one permission throughout', () => {
  it('is true for sections, large pages and small pages with equal subpage APs only', () => {
    const out = newWalkResult();
    const mem = new FakeMemory(0x20000);
    mem.write32(TTBR, COARSE | 0b01);
    mem.write32(COARSE, 0x1000 | (3 << 10) | (3 << 8) | (3 << 6) | (3 << 4) | 0b10); // small, all AP 3
    mem.write32(COARSE + 4, 0x2000 | (3 << 10) | (3 << 8) | (3 << 6) | (2 << 4) | 0b10); // small, mixed
    walk(mem, TTBR, 0x0004, out);
    expect(out.uniform).toBe(true);
    walk(mem, TTBR, 0x1004, out);
    expect(out.uniform).toBe(false);
    for (const kind of ['section', 'coarse-large', 'fine-large'] as const) {
      walk(setup(kind, 1), TTBR, 0x00345678, out);
      expect(out.uniform, kind).toBe(true);
    }
    walk(setup('fine-tiny', 3), TTBR, 0x00345678, out);
    expect(out.uniform).toBe(false);
  });
});
