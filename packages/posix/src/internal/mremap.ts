import type { Mm0 } from './mm0.js';
import type { LThread } from './process.js';

const EINVAL = 22;
/** MREMAP_DONTUNMAP (Linux 5.7): not offered. */
const KNOWN_FLAGS = 1 | 2;

/**
 * mremap(old_address, old_size, new_size, flags, new_address): vm-objects does the work
 * (shrink, grow in place, move with MREMAP_MAYMOVE / MREMAP_FIXED, keeping every page);
 * mm0 then drains the page-table operations it queued on the way out of the call.
 */
export function mremap(sys: Mm0, t: LThread, a: Int32Array): number {
  const flags = a[3]!;
  if ((flags & ~KNOWN_FLAGS) !== 0) return -EINVAL;
  return sys.vm.mremap(t.proc.space, a[0]! >>> 0, a[1]! >>> 0, a[2]! >>> 0, flags, a[4]! >>> 0);
}
