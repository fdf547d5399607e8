import { Access, Errno, Prot } from '../api.js';
import type { AccessKind } from '../api.js';
import type { Space } from './space.js';
import { ObjKind } from './vm-object.js';
import type { VmObject } from './vm-object.js';
import type { VmState } from './vm-state.js';
import type { Vma } from './vma.js';

/** lookup(): the object does not hold the page. */
const MISSING = -1;
/** lookup(): paging in failed; the errno is in `FaultScratch.error`. */
const FAILED = -2;

/** Where a failed page-in leaves its negative errno (avoids allocating a result). */
const scratch = { error: 0 };

/**
 * The frame `obj` provides for page offset `off`, paging it in when `obj` is a file:
 * a frame number, MISSING (a shadow without the page), or FAILED.
 */
function lookup(st: VmState, obj: VmObject, off: number): number {
  if (obj.kind === ObjKind.DEVZERO) return st.zeroFrame;
  const frame = obj.pages.get(off);
  if (frame !== undefined) return frame;
  if (obj.kind === ObjKind.SHADOW) return MISSING;
  return pageIn(st, obj, off);
}

/** Creates page `off` of a file object: read from the file pager (VFS) or zero-filled (shm). */
function pageIn(st: VmState, obj: VmObject, off: number): number {
  const frame = st.frames.allocate(1);
  if (frame < 0) {
    scratch.error = -Errno.ENOMEM;
    return FAILED;
  }
  if (obj.kind === ObjKind.VFS) {
    const r = st.files!.readPage(obj.fileId, off, frame);
    if (r < 0) {
      st.frames.free(frame);
      scratch.error = r;
      return FAILED;
    }
  } else {
    st.memory.zeroFrame(frame);
  }
  obj.pages.set(off, frame);
  return frame;
}

/** The frame currently visible at `off` through `vma`'s chain without paging in, or -1. */
export function visibleFrame(st: VmState, vma: Vma, off: number): number {
  for (const obj of vma.links) {
    if (obj.kind === ObjKind.DEVZERO) return st.zeroFrame;
    const frame = obj.pages.get(off);
    if (frame !== undefined) return frame;
  }
  return -1;
}

/**
 * Resolves a fault at virtual page `page` of `space`: 0 once a mapping that allows the
 * access is in place, or a negative errno (-EFAULT no vma, -EACCES protection, -ENOMEM).
 */
export function resolveFault(st: VmState, space: Space, page: number, access: AccessKind): number {
  const vma = space.find(page);
  if (vma === undefined) return -Errno.EFAULT;
  const need = access === Access.WRITE ? Prot.WRITE : access === Access.EXEC ? Prot.EXEC : Prot.READ;
  if ((vma.hwProt & need) === 0) return -Errno.EACCES;
  const off = vma.offsetOf(page);
  if (vma.shared) return sharedFault(st, vma, page, off, access);
  return access === Access.WRITE ? privateWrite(st, vma, page, off) : privateRead(st, vma, page, off);
}

/** Read fault, private: the first page down the chain, mapped read-only (unless it is already private to this vma). */
function privateRead(st: VmState, vma: Vma, page: number, off: number): number {
  const links = vma.links;
  for (let i = 0; i < links.length; i++) {
    const obj = links[i]!;
    const frame = lookup(st, obj, off);
    if (frame === MISSING) continue;
    if (frame === FAILED) return scratch.error;
    const own = i === 0 && obj.writable;
    st.mapper.map(vma.space, page, frame, own ? vma.hwProt : vma.hwProt & ~Prot.WRITE);
    return 0;
  }
  return -Errno.EFAULT;
}

/**
 * Write fault, private: make sure the top is a writable shadow, copy the page into it from
 * below if it lacks it, collapse the chain when the top now covers the shadow below, map
 * read-write.
 */
function privateWrite(st: VmState, vma: Vma, page: number, off: number): number {
  let top = vma.links[0]!;
  if (top.kind !== ObjKind.SHADOW || !top.writable) {
    if (top.kind === ObjKind.SHADOW && top.shadows === 0 && ownedBy(top, vma.space)) {
      // Frozen by a fork whose other side has gone: nobody else can see it any more.
      top.writable = true;
    } else {
      const below = top;
      top = st.newShadow(below);
      st.link(vma, 0, top);
      st.retry(below);
    }
  }
  let frame = top.pages.get(off);
  if (frame === undefined) {
    const links = vma.links;
    let src = MISSING;
    for (let i = 1; i < links.length && src === MISSING; i++) src = lookup(st, links[i]!, off);
    if (src === FAILED) return scratch.error;
    if (src === MISSING) return -Errno.EFAULT;
    frame = st.frames.allocate(1);
    if (frame < 0) return -Errno.ENOMEM;
    if (src === st.zeroFrame) st.memory.zeroFrame(frame);
    else st.memory.copyFrame(frame, src);
    top.pages.set(off, frame);
    collapse(st, vma, top);
  }
  st.mapper.map(vma.space, page, frame, vma.hwProt);
  return 0;
}

/** True when every vma linking `obj` belongs to `space`. */
function ownedBy(obj: VmObject, space: number): boolean {
  for (const vma of obj.users) if (vma.space !== space) return false;
  return true;
}

/**
 * Drops the shadow below `top` when `top` (linked by this vma only) holds a copy of every
 * page of it that this vma can see. Compares coverage, not counts: equal counts alone can
 * hide pages the top never copied.
 */
function collapse(st: VmState, vma: Vma, top: VmObject): void {
  if (top.nlinks !== 1) return;
  const lower = vma.links[1];
  if (lower?.kind !== ObjKind.SHADOW || top.pages.size < lower.pages.size) return;
  const lo = vma.pgoff;
  const hi = lo + (vma.end - vma.start);
  for (const off of lower.pages.keys()) {
    if (off >= lo && off < hi && !top.pages.has(off)) return;
  }
  st.dropLink(vma, 1);
  st.settle();
}

/** Fault in a shared mapping: the first object's page, created if needed, marked dirty on write. */
function sharedFault(st: VmState, vma: Vma, page: number, off: number, access: AccessKind): number {
  const first = vma.links[0]!;
  let frame = first.pages.get(off);
  if (frame === undefined) {
    frame = pageIn(st, first, off);
    if (frame === FAILED) return scratch.error;
  }
  let prot = vma.hwProt;
  if (first.kind === ObjKind.VFS) {
    if (access === Access.WRITE) first.dirty.add(off);
    else if (!first.dirty.has(off)) prot &= ~Prot.WRITE;
  }
  st.mapper.map(vma.space, page, frame, prot);
  return 0;
}
