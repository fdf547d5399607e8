import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findL4Image, l4Images, UserlandError } from '../src/index.js';
import { elfProgram, runL4 } from './l4-machine.js';

function listedNames(): string[] {
  return readFileSync(new URL('../scripts/l4-images.list', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.split('|')[0]?.trim() ?? '')
    .filter((name) => name !== '' && !name.startsWith('#'));
}

describe('l4Images manifest', () => {
  it('lists exactly the programs the build script builds, in the same order', () => {
    expect(l4Images.map((i) => i.name)).toEqual(listedNames());
  });

  it('finds a program by name, with or without the l4- prefix, and names the known ones otherwise', () => {
    expect(findL4Image('l4-test-suite').name).toBe('l4-test-suite');
    expect(findL4Image('hello').name).toBe('l4-hello');
    expect(() => findL4Image('nope')).toThrow(UserlandError);
    expect(() => findL4Image('nope')).toThrow(/l4-test-suite/);
  });

  for (const image of l4Images) {
    it(`${image.name}: an ELF with a read/execute and a read/write segment, and its expected output`, () => {
      expect(existsSync(image.path) && existsSync(image.expectedPath)).toBe(true);
      const { segments, entry } = elfProgram(image.readImage());
      expect(entry).toBe(0x10000);
      expect(segments[0]).toMatchObject({ address: 0x10000, writable: false, executable: true });
      expect(segments.slice(1).every((s) => s.writable && s.address % 4096 === 0)).toBe(true);
      expect(image.readExpected().startsWith('code0: start kernel...\n')).toBe(true);
    });
  }
});

describe('L4 programs on the kernel (VirtualPlatform, first pager)', () => {
  for (const image of l4Images) {
    it(`${image.name} prints its expected console output, then no thread can run`, () => {
      const run = runL4(image.path);
      expect(run.console).toBe(image.readExpected());
      expect(run.outcome).toBe('idle');
    });
  }

  it('l4-test-suite prints the same whatever the tick length (a board runs at another rate)', () => {
    const image = findL4Image('l4-test-suite');
    for (const instructionsPerSecond of [100_000, 1_000_000, 100_000_000]) {
      expect(runL4(image.path, 50_000_000, { instructionsPerSecond }).console).toBe(image.readExpected());
    }
  });

  it('l4-test-suite is deterministic: two runs, the same console and instruction count', () => {
    const path = findL4Image('l4-test-suite').path;
    const a = runL4(path);
    const b = runL4(path);
    expect(b.console).toBe(a.console);
    expect(b.instructions).toBe(a.instructions);
    expect(a.instructions).toBeGreaterThan(100_000);
  });
});
