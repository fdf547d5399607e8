import { bareMetalImages } from '@codezero-ts/userland';
import type { BareMetalImage } from '@codezero-ts/userland';
import { Pb926Machine } from '../src/index.js';

/**
 * Images left out of the QEMU comparison because of a known arm-core bug (not a board
 * bug). This list must shrink: remove an entry as soon as its bug is fixed.
 */
export const EXCLUDED_IMAGES: ReadonlyMap<string, string> = new Map<string, string>([]);

/** Enough for the longest image (arm-insns, about 19 M instructions). */
const LIMIT = 100_000_000;

/** What one image did on our machine. */
export interface ImageRun {
  readonly lines: string[];
  readonly goldenLines: string[];
  readonly exitCode: number | null;
  readonly reason: string;
}

/** Runs `image` with its semihosting needs and reads its golden. */
export async function runImage(image: BareMetalImage): Promise<ImageRun> {
  let output = '';
  const machine = new Pb926Machine({ semihosting: image.semihosting, console: (b) => { output += String.fromCharCode(b); } });
  machine.loadImage(await image.loadImage());
  const result = machine.run(LIMIT);
  const golden = await image.loadGolden();
  return { lines: output.split('\n'), goldenLines: golden.split('\n'), exitCode: result.exitCode, reason: result.reason };
}

/** The compared images of one role. */
export function comparedImages(role: BareMetalImage['role']): BareMetalImage[] {
  return bareMetalImages.filter((i) => i.role === role && !EXCLUDED_IMAGES.has(i.name));
}
