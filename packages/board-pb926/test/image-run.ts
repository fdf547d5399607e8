import { bareMetalImages } from '@codezero-ts/userland';
import type { BareMetalImage } from '@codezero-ts/userland';
import { Pb926Machine } from '../src/index.js';

/**
 * Images left out of the QEMU comparison because of a known arm-core bug (not a board
 * bug). This list must shrink: remove an entry as soon as its bug is fixed.
 */
export const EXCLUDED_IMAGES: ReadonlyMap<string, string> = new Map([
  [
    'exceptions',
    'arm-core: LDMIA r0!, {r1, r2} with r0 = base+2 and CP15 c1.A set does not take the alignment data abort (expected FSR 0x001, FAR base+2, r0 unchanged, LR = insn+8); every other line matches',
  ],
]);

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
