import { describe, expect, it } from 'vitest';
import { comparedImages, runImage } from './image-run.js';

describe('benchmark images against their QEMU goldens', () => {
  for (const image of comparedImages('benchmark')) {
    it(`${image.name}: the console equals the golden line for line, exit status 0`, async () => {
      const run = await runImage(image);
      expect(run.lines).toEqual(run.goldenLines);
      expect(run.reason).toBe('exit');
      expect(run.exitCode).toBe(0);
    });
  }
});
