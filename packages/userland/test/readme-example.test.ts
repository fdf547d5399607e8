import { describe, expect, it } from 'vitest';
import { bareMetalImages, findBareMetalImage } from '../src/index.js';

// Mirrors the example in README.md.
describe('README example', () => {
  it('loads an image and its golden output', async () => {
    const image = findBareMetalImage('exceptions');
    const elf = await image.loadImage();
    const golden = await image.loadGolden();
    expect([image.name, elf.length > 0, golden.endsWith(`${image.finalLine}\n`)]).toEqual(['exceptions', true, true]);
    expect(bareMetalImages.filter((i) => i.role === 'benchmark').map((i) => i.name)).toEqual([
      'bench',
      'bench-mmu',
      'bench-thumb',
    ]);
  });
});
