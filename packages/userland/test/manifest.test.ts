import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bareMetalImages, findBareMetalImage, UserlandError } from '../src/index.js';
import { readElfSummary } from './elf-header.js';

const pkgDir = new URL('../', import.meta.url);

function listedNames(): string[] {
  const text = readFileSync(new URL('scripts/images.list', pkgDir), 'utf8');
  return text
    .split('\n')
    .map((line) => line.split('|')[0]?.trim() ?? '')
    .filter((name) => name !== '' && !name.startsWith('#'));
}

const recordedHashes = new Map(
  readFileSync(new URL('images/golden-images.sha256', pkgDir), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [sum = '', file = ''] = line.split(/\s+/);
      return [file.replace(/\.(elf|bin)$/, ''), sum] as const;
    }),
);

describe('bareMetalImages manifest', () => {
  it('lists exactly the images the build script builds, in the same order', () => {
    expect(bareMetalImages.map((i) => i.name)).toEqual(listedNames());
  });

  it('has unique names and non-empty descriptions', () => {
    const names = new Set(bareMetalImages.map((i) => i.name));
    expect(names.size).toBe(bareMetalImages.length);
    for (const image of bareMetalImages) expect(image.description.length).toBeGreaterThan(20);
  });

  for (const image of bareMetalImages) {
    describe(image.name, () => {
      it('was linked as a 32-bit little-endian ARM executable entered at 0x10000', () => {
        expect(existsSync(image.elfPath)).toBe(true);
        const bytes = new Uint8Array(readFileSync(image.elfPath));
        const elf = readElfSummary(bytes);
        expect(elf.magicOk).toBe(true);
        expect(elf.elfClass).toBe(1); // ELFCLASS32
        expect(elf.dataEncoding).toBe(1); // ELFDATA2LSB
        expect(elf.type).toBe(2); // ET_EXEC
        expect(elf.machine).toBe(40); // EM_ARM
        expect(elf.entry).toBe(image.entry);
        expect(elf.phnum).toBeGreaterThan(0);
        expect(bytes.length).toBeLessThan(64 * 1024);
      });

      it('loads the file its format names', async () => {
        const bytes = await image.loadImage();
        expect(existsSync(image.path)).toBe(true);
        if (image.format === 'elf') {
          expect(image.path).toBe(image.elfPath);
          expect(readElfSummary(bytes).magicOk).toBe(true);
        } else {
          expect(image.path.endsWith('.bin')).toBe(true);
          expect(readElfSummary(bytes).magicOk).toBe(false);
          // the first instruction is an unconditional ARM instruction (condition field AL)
          expect((bytes[3] ?? 0) >> 4).toBe(0xe);
          expect(bytes.length).toBeLessThan(32 * 1024);
        }
      });

      it('has a non-empty golden output that ends with its final line', async () => {
        expect(existsSync(image.goldenPath)).toBe(true);
        const golden = await image.loadGolden();
        expect(golden.length).toBeGreaterThan(image.finalLine.length);
        expect(golden.endsWith(`\n${image.finalLine}\n`)).toBe(true);
        expect(golden.split('\n').filter((l) => l.startsWith('END ')).length).toBe(1);
        expect(golden).not.toMatch(/unexpected exception/);
      });

      it('has a golden made from the committed image file (images/golden-images.sha256)', async () => {
        const sum = createHash('sha256').update(await image.loadImage()).digest('hex');
        expect(recordedHashes.get(image.name), 'rebuilt without running scripts/golden.sh?').toBe(sum);
      });

      it('names the reference QEMU command ending with the image path', () => {
        expect(image.qemuArgs.slice(0, 4)).toEqual(['-M', 'versatilepb', '-cpu', 'arm926']);
        expect(image.qemuArgs.at(-2)).toBe('-kernel');
        expect(image.qemuArgs.at(-1)).toBe(image.path);
        expect(image.url.protocol).toBe('file:');
      });
    });
  }

  it('finds an image by name and rejects unknown names with a typed error', () => {
    const first = bareMetalImages[0];
    expect(first).toBeDefined();
    if (first) expect(findBareMetalImage(first.name)).toBe(first);
    expect(() => findBareMetalImage('no-such-image')).toThrow(UserlandError);
    try {
      findBareMetalImage('no-such-image');
    } catch (e) {
      expect((e as UserlandError).code).toBe('E_UNKNOWN_IMAGE');
      expect((e as UserlandError).message).toContain('no-such-image');
    }
  });

  it('publishes the images directory', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', pkgDir), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('images');
  });
});

describe('benchmark images', () => {
  it('all print the same checksums whatever the build variant', async () => {
    const benches = bareMetalImages.filter((i) => i.role === 'benchmark');
    expect(benches.map((b) => b.name)).toEqual(['bench', 'bench-mmu', 'bench-thumb']);
    const bodies = await Promise.all(
      benches.map(async (b) => (await b.loadGolden()).split('\n').slice(1, -2).join('\n')),
    );
    expect(bodies[0]).toMatch(/^int-mix [0-9a-f]{8}\n[\s\S]*\nresult [0-9a-f]{8}$/);
    expect(new Set(bodies).size).toBe(1);
  });
});
