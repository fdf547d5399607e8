import type { PhysicalWords, WalkResult } from './api.js';
import { FaultStatus } from './fault-status.js';

/** Makes a {@link WalkResult} to be filled by {@link walk} again and again. */
export function newWalkResult(): WalkResult {
  return { status: 0, domain: 0, pa: 0, size: 0, ap: 0, section: false, cb: 0, uniform: false };
}

/**
 * Applies FCSE relocation: a modified virtual address is `va + pid * 32 MiB` when
 * `va < 32 MiB`, else `va` unchanged. `pid` is the c13 FCSE PID field (0..127).
 */
export function fcseRelocate(va: number, pid: number): number {
  return va >>> 25 === 0 ? (va | (pid << 25)) >>> 0 : va >>> 0;
}

/**
 * Walks the ARMv5 translation tables rooted at `ttbr` for the (modified) virtual address
 * `mva` and fills `out`: on success `status` is 0 and `pa`, `size`, `ap` (the subpage's AP),
 * `cb`, `domain` and `section` describe what was found; otherwise `status` is a translation
 * fault code. Permissions are not checked here: see {@link checkAccess}.
 *
 * A tiny-page descriptor in a coarse table is UNPREDICTABLE on ARMv5; like QEMU we treat it
 * as a page translation fault. A physical bus that cannot read the table gives whatever its
 * read returns (QEMU's versatilepb reads 0 there, which is a translation fault).
 */
export function walk(mem: PhysicalWords, ttbr: number, mva: number, out: WalkResult): void {
  const d1 = mem.read32(((ttbr & 0xffffc000) | ((mva >>> 20) << 2)) >>> 0);
  out.domain = (d1 >>> 5) & 0xf;
  const type1 = d1 & 3;
  if (type1 === 2) {
    out.status = 0;
    out.section = true;
    out.pa = ((d1 & 0xfff00000) | (mva & 0x000fffff)) >>> 0;
    out.size = 0x100000;
    out.ap = (d1 >>> 10) & 3;
    out.cb = (d1 >>> 2) & 3;
    out.uniform = true;
    return;
  }
  if (type1 === 0) {
    out.status = FaultStatus.TranslationSection;
    out.section = true;
    return;
  }
  out.section = false;
  const coarse = type1 === 1;
  const l2 = coarse
    ? (d1 & 0xfffffc00) | (((mva >>> 12) & 0xff) << 2)
    : (d1 & 0xfffff000) | (((mva >>> 10) & 0x3ff) << 2);
  const d2 = mem.read32(l2 >>> 0);
  switch (d2 & 3) {
    case 1: // large page, 64 KiB, subpage by VA[15:14]
      out.pa = ((d2 & 0xffff0000) | (mva & 0xffff)) >>> 0;
      out.size = 0x10000;
      out.ap = (d2 >>> (4 + ((mva >>> 13) & 6))) & 3;
      out.uniform = true;
      break;
    case 2: // small page, 4 KiB, subpage by VA[11:10]
      out.pa = ((d2 & 0xfffff000) | (mva & 0xfff)) >>> 0;
      out.size = 0x1000;
      out.ap = (d2 >>> (4 + ((mva >>> 9) & 6))) & 3;
      out.uniform = ((d2 >>> 4) & 0xff) === ((d2 >>> 4) & 3) * 0x55;
      break;
    case 3: // tiny page, 1 KiB, fine tables only
      if (coarse) {
        out.status = FaultStatus.TranslationPage;
        return;
      }
      out.pa = ((d2 & 0xfffffc00) | (mva & 0x3ff)) >>> 0;
      out.size = 0x400;
      out.ap = (d2 >>> 4) & 3;
      out.uniform = false;
      break;
    default:
      out.status = FaultStatus.TranslationPage;
      return;
  }
  out.cb = (d2 >>> 2) & 3;
  out.status = 0;
}
