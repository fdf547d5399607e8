import type { ProgramSegment } from '../api.js';
import { KernelLayout } from '../api.js';
import { KernelError } from '../errors.js';
import type { Core } from './core.js';
import type { Thread } from './thread.js';

const PAGE = 4096;

/** What a program's memory image looks like before it is loaded: pages and their contents. */
interface Plan {
  /** Page-aligned virtual address → writable. */
  readonly pages: Map<number, boolean>;
  /** The segments with file bytes, in order (later ones win where they overlap). */
  readonly segments: readonly ProgramSegment[];
}

function checkSegment(s: ProgramSegment, i: number): void {
  const a = s.address;
  const what = `segment ${i}`;
  if (!Number.isInteger(a) || a < 0 || a > 0xffffffff) throw new KernelError('bad-argument', `${what}: address ${a} is not a 32-bit address`);
  if (!Number.isInteger(s.memSize) || s.memSize < s.bytes.length) {
    throw new KernelError('bad-argument', `${what}: memSize ${s.memSize} is smaller than its ${s.bytes.length} file bytes`);
  }
  if (s.memSize > 0 && (a < PAGE || a + s.memSize > KernelLayout.KernelBase)) {
    throw new KernelError('bad-argument', `${what} at 0x${a.toString(16)} (+${s.memSize}) must lie in user space (0x1000 .. 0xBF000000)`);
  }
}

/** The pages of `segments`, each writable when any segment touching it is. */
function plan(segments: readonly ProgramSegment[]): Plan {
  const pages = new Map<number, boolean>();
  segments.forEach((s, i) => {
    checkSegment(s, i);
    if (s.memSize === 0) return;
    const w = s.writable === true;
    for (let p = Math.floor(s.address / PAGE) * PAGE; p < s.address + s.memSize; p += PAGE) pages.set(p, (pages.get(p) ?? false) || w);
  });
  if (pages.size === 0) throw new KernelError('bad-argument', 'the program has no bytes to load');
  return { pages, segments };
}

/** The segments an `image` at `loadAddress` with `bssSize` zeroed bytes stands for. */
export function imageSegments(image: Uint8Array, loadAddress: number, bssSize: number): ProgramSegment[] {
  if (loadAddress % PAGE !== 0) throw new KernelError('bad-argument', 'load address, stack top, stack size and UTCB must be 4 KiB multiples');
  if (!Number.isInteger(bssSize) || bssSize < 0) throw new KernelError('bad-argument', `bssSize ${bssSize} must be a non-negative integer`);
  const memSize = Math.max(PAGE, image.length + bssSize);
  return [{ address: loadAddress, bytes: image, memSize, writable: true, executable: true }];
}

/**
 * Maps fresh zeroed user frames for every page of `segments` in `t`'s space (read-only
 * unless a segment touching the page is writable) and copies the file bytes in. The frames
 * belong to the space and are freed with it. Returns the set of mapped pages.
 * @throws KernelError `bad-argument` for segments outside user space, `out-of-memory`
 */
export function loadSegments(core: Core, t: Thread, segments: readonly ProgramSegment[]): ReadonlySet<number> {
  const { pages } = plan(segments);
  const sorted = [...pages.keys()].sort((x, y) => x - y);
  const pa = new Map<number, number>();
  // One frame allocation per run of consecutive pages.
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[j - 1]! + PAGE) j++;
    const n = j - i;
    const f = core.phys.userFrames.allocate(n);
    if (f < 0) throw new KernelError('out-of-memory', `no ${n} contiguous user frames`);
    t.space.ownedFrames.push(f);
    core.phys.zero(f * PAGE, n * PAGE);
    for (let k = 0; k < n; k++) {
      const va = sorted[i + k]!;
      pa.set(va, (f + k) * PAGE);
      core.builder.map(t.space.tables, va, (f + k) * PAGE, 1, { user: pages.get(va) === true ? 'rw' : 'ro' });
    }
    i = j;
  }
  core.mappingsChanged(t.space);
  // Copy the file bytes through the physical addresses (read-only pages included).
  for (const s of segments) {
    const b = s.bytes;
    for (let off = 0; off < b.length; ) {
      const va = s.address + off;
      const page = va - (va % PAGE);
      const base = pa.get(page)!;
      const n = Math.min(b.length - off, page + PAGE - va);
      copyBytes(core, base + (va - page), b, off, n);
      off += n;
    }
  }
  return new Set(sorted);
}

/** Writes `n` bytes of `src` from `from` at physical `dst` (within one page). */
function copyBytes(core: Core, dst: number, src: Uint8Array, from: number, n: number): void {
  const phys = core.phys;
  let i = 0;
  while (i < n) {
    const a = dst + i;
    const word = a & ~3;
    if ((a & 3) === 0 && n - i >= 4) {
      phys.write32(word, src[from + i]! | (src[from + i + 1]! << 8) | (src[from + i + 2]! << 16) | (src[from + i + 3]! << 24));
      i += 4;
    } else {
      const sh = (a & 3) * 8;
      phys.write32(word, (phys.read32(word) & ~(0xff << sh)) | (src[from + i]! << sh));
      i += 1;
    }
  }
  core.invalidate(dst, n);
}
