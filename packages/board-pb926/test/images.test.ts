import { describe, expect, it } from 'vitest';
import { bareMetalImages } from '@codezero-ts/userland';
import { EXCLUDED_IMAGES, comparedImages, runImage } from './image-run.js';

describe('conformance images against their QEMU goldens (benchmarks: images.long.test.ts)', () => {
  it('excludes only images that exist', () => {
    const names = new Set(bareMetalImages.map((i) => i.name));
    for (const name of EXCLUDED_IMAGES.keys()) expect(names.has(name)).toBe(true);
  });

  for (const image of comparedImages('conformance')) {
    it(`${image.name}: the console equals the golden line for line, exit status 0`, async () => {
      const run = await runImage(image);
      expect(run.lines).toEqual(run.goldenLines);
      expect(run.reason).toBe('exit');
      expect(run.exitCode).toBe(0);
    });
  }
});
