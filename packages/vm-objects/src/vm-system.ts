import { Access, Errno, Ipc, MapFlags, MsyncFlags, PAGE_SHIFT, PAGE_SIZE, Prot } from './api.js';
import type { AccessKind, IntegrityReport, MmapRequest, VmLayout, VmStats, VmSystemOptions } from './api.js';
import { resolveFault, visibleFrame } from './internal/fault.js';
import { IdPool } from './internal/id-pool.js';
import { checkState, collectStats } from './internal/integrity.js';
import { Space } from './internal/space.js';
import { ObjKind } from './internal/vm-object.js';
import type { VmObject } from './internal/vm-object.js';
import { VmState } from './internal/vm-state.js';
import type { PageLayout } from './internal/vm-state.js';
import { Vma } from './internal/vma.js';
import { VmError } from './vm-error.js';

/** Number of shm ids (the original's pool size). */
export const SHM_IDS = 64;

const DEFAULT_LAYOUT: VmLayout = {
  userStart: 0x1000,
  userEnd: 0xbf000000,
  mmapBase: 0x40000000,
  mmapEnd: 0xa0000000,
  shmBase: 0xa0000000,
  shmEnd: 0xb0000000,
};

const KNOWN_MAP_FLAGS = MapFlags.SHARED | MapFlags.PRIVATE | MapFlags.FIXED | MapFlags.ANONYMOUS | MapFlags.GROWSDOWN;

function toPages(layout: VmLayout): PageLayout {
  const p = (name: keyof VmLayout): number => {
    const v = layout[name];
    if (!Number.isInteger(v) || v < 0 || v > 0x100000000 || v % PAGE_SIZE !== 0) {
      throw new VmError('BAD_ARGUMENT', `layout.${name} must be a page-aligned address, got ${v}`);
    }
    return v / PAGE_SIZE;
  };
  return {
    userStart: p('userStart'),
    userEnd: p('userEnd'),
    mmapBase: p('mmapBase'),
    mmapEnd: p('mmapEnd'),
    shmBase: p('shmBase'),
    shmEnd: p('shmEnd'),
  };
}

/** True when `addr` is a page-aligned address below 4 GiB. */
function aligned(addr: number): boolean {
  return Number.isInteger(addr) && addr >= 0 && addr < 0x100000000 && addr % PAGE_SIZE === 0;
}

/** Pages needed for `length` bytes, or -1 for a bad length. */
function pagesFor(length: number): number {
  if (!Number.isInteger(length) || length <= 0 || length > 0x100000000) return -1;
  return Math.ceil(length / PAGE_SIZE);
}

/**
 * The virtual-memory manager of a POSIX pager (mm0): address spaces made of vmas over
 * chains of vm objects, with copy-on-write fork, exit with chain collapse, mmap, munmap,
 * mprotect, msync, brk and System V shm.
 *
 * Space ids and file ids are the host's: the kernel names its address spaces, the VFS its
 * open files. Guest-visible operations return negative errno numbers; host mistakes throw
 * {@link VmError}.
 */
export class VmSystem {
  private readonly st: VmState;
  private readonly shmIds = new IdPool(SHM_IDS);

  constructor(options: VmSystemOptions) {
    const layout = toPages({ ...DEFAULT_LAYOUT, ...options.layout });
    this.st = new VmState(options.frames, options.mapper, options.memory, options.files, layout);
    this.st.onShmDestroyed = (id): void => {
      this.shmIds.free(id);
    };
  }

  // ---- spaces ----------------------------------------------------------------------

  /** Creates an empty address space with the host's id. */
  createSpace(id: number): void {
    if (this.st.spaces.has(id)) throw new VmError('SPACE_EXISTS', `address space ${id} already exists`);
    this.st.spaces.set(id, new Space(id));
    this.st.spaceCount++;
  }

  /** True when space `id` exists. */
  hasSpace(id: number): boolean {
    return this.st.spaces.has(id);
  }

  private space(id: number): Space {
    const s = this.st.spaces.get(id);
    if (s === undefined) throw new VmError('UNKNOWN_SPACE', `no address space ${id}`);
    return s;
  }

  /**
   * Forks space `parent` into a new space `child`. Every private vma whose top object is a
   * writable shadow is frozen first (the shadow becomes read-only and the parent's pages of
   * the vma are write-protected); the child gets copies of every vma with new links to the
   * same objects. The child starts with no page mappings: it faults them in. (A kernel may
   * instead copy the parent's page tables after this call: by then no private page is
   * writable in the parent.)
   */
  fork(parent: number, child: number): void {
    const p = this.space(parent);
    if (this.st.spaces.has(child)) throw new VmError('SPACE_EXISTS', `address space ${child} already exists`);
    const c = new Space(child);
    c.brkStart = p.brkStart;
    c.brk = p.brk;
    let frozen: Set<VmObject> | undefined;
    for (const vma of p.vmas) {
      const top = vma.links[0]!;
      if (vma.shared || top.kind !== ObjKind.SHADOW) continue;
      if (top.writable) {
        top.writable = false;
        (frozen ??= new Set()).add(top);
      }
      if (frozen?.has(top) === true) this.st.mapper.protect(parent, vma.start, vma.end - vma.start, vma.hwProt & ~Prot.WRITE);
    }
    for (const vma of p.vmas) {
      const copy = new Vma(child, vma.start, vma.end, vma.prot, vma.flags, vma.pgoff);
      this.st.copyLinks(vma, copy);
      c.vmas.push(copy);
    }
    this.st.spaces.set(child, c);
    this.st.spaceCount++;
  }

  /**
   * Tears space `id` down: unmaps every page, writes back dirty shared file pages, drops
   * every link (deleting and merging objects as §3.3 says) and forgets the space.
   */
  exit(id: number): void {
    const s = this.space(id);
    for (const vma of s.vmas) {
      this.st.mapper.unmap(id, vma.start, vma.end - vma.start);
      this.flushVma(vma, vma.start, vma.end);
    }
    for (const vma of s.vmas) this.st.dropAll(vma);
    s.vmas.length = 0;
    this.st.spaces.delete(id);
    this.st.spaceCount--;
  }

  // ---- files -----------------------------------------------------------------------

  /** Records one more opener of VFS file `file` (an open, a dup, an fd inherited on fork). */
  openFile(file: number): void {
    let obj = this.st.vfsFiles.get(file);
    if (obj === undefined) {
      if (this.st.files === undefined) throw new VmError('NO_FILE_PAGER', 'file mappings need a FilePager in VmSystemOptions.files');
      obj = this.st.newObject(ObjKind.VFS);
      obj.fileId = file;
      this.st.vfsFiles.set(file, obj);
    }
    obj.openers++;
  }

  /**
   * Records that one opener of `file` closed it. The count is decremented first and then
   * tested (the original tested first), so the object goes, after writing back its dirty
   * pages, as soon as the last opener closes and no mapping links it.
   */
  closeFile(file: number): void {
    const obj = this.st.vfsFiles.get(file);
    if (obj === undefined || obj.openers === 0) throw new VmError('FILE_NOT_OPEN', `file ${file} is not open`);
    obj.openers--;
    if (obj.openers === 0 && obj.nlinks === 0) this.st.destroy(obj);
  }

  /** Openers of `file` (0 when it has no vm file). */
  fileOpeners(file: number): number {
    return this.st.vfsFiles.get(file)?.openers ?? 0;
  }

  // ---- mappings --------------------------------------------------------------------

  /**
   * Maps memory: anonymous (over /dev/zero) or a file opened with {@link openFile},
   * private (copy-on-write) or shared; at `addr` exactly with MAP_FIXED (replacing what is
   * there), else at `addr` if that range is free, else at the first gap of the mmap area.
   * Shared anonymous memory is a private shm object, so fork shares it.
   * Returns the address, or -EINVAL (length, alignment, flags), -EBADF, -ENOMEM.
   */
  mmap(space: number, req: MmapRequest): number {
    const s = this.space(space);
    const L = this.st.layout;
    const npages = pagesFor(req.length);
    const flags = req.flags;
    const type = flags & (MapFlags.SHARED | MapFlags.PRIVATE);
    const offset = req.offset ?? 0;
    const addr = req.addr ?? 0;
    if (npages < 0 || (flags & ~KNOWN_MAP_FLAGS) !== 0 || (type !== MapFlags.SHARED && type !== MapFlags.PRIVATE)) return -Errno.EINVAL;
    if ((req.prot & ~(Prot.READ | Prot.WRITE | Prot.EXEC)) !== 0) return -Errno.EINVAL;
    if (!aligned(offset)) return -Errno.EINVAL;
    const anon = (flags & MapFlags.ANONYMOUS) !== 0;
    let file: VmObject | undefined;
    if (!anon) {
      file = req.file === undefined ? undefined : this.st.vfsFiles.get(req.file);
      if (file === undefined || file.openers === 0) return -Errno.EBADF;
    }
    let start: number;
    if ((flags & MapFlags.FIXED) !== 0) {
      if (!aligned(addr)) return -Errno.EINVAL;
      start = addr / PAGE_SIZE;
      if (start < L.userStart || start + npages > L.userEnd) return -Errno.EINVAL;
      this.unmapRange(s, start, start + npages);
    } else {
      const hint = aligned(addr) ? addr / PAGE_SIZE : 0;
      if (hint >= L.userStart && hint + npages <= L.userEnd && s.isFree(hint, hint + npages)) start = hint;
      else start = s.firstFit(npages, L.mmapBase, L.mmapEnd);
      if (start < 0) return -Errno.ENOMEM;
    }
    const keep = flags & (MapFlags.SHARED | MapFlags.PRIVATE | MapFlags.ANONYMOUS | MapFlags.GROWSDOWN);
    const vma = new Vma(space, start, start + npages, req.prot, keep, anon ? (type === MapFlags.SHARED ? 0 : start) : offset / PAGE_SIZE);
    if (file !== undefined) {
      this.st.link(vma, 0, file);
    } else if (type === MapFlags.SHARED) {
      const shm = this.st.newObject(ObjKind.SHM);
      shm.lengthPages = npages;
      this.st.link(vma, 0, shm);
      this.st.link(vma, 1, this.st.devzero);
    } else {
      this.st.link(vma, 0, this.st.devzero);
    }
    s.insert(vma);
    return start * PAGE_SIZE;
  }

  /**
   * Unmaps `[addr, addr + length)`: vmas inside go, vmas across an edge shrink, a vma
   * around the range splits in two (the new half gets copies of every link). Dirty shared
   * file pages of the range are written back first. Returns 0 or -EINVAL.
   */
  munmap(space: number, addr: number, length: number): number {
    const s = this.space(space);
    const npages = pagesFor(length);
    if (!aligned(addr) || npages < 0) return -Errno.EINVAL;
    const start = addr / PAGE_SIZE;
    this.unmapRange(s, start, Math.min(start + npages, 0x100000));
    return 0;
  }

  /** Splits, shrinks or removes every vma meeting pages [lo, hi). Ranges without vmas are skipped. */
  private unmapRange(s: Space, lo: number, hi: number): void {
    const vmas = s.vmas;
    let i = s.indexAfter(lo);
    while (i < vmas.length) {
      const vma = vmas[i]!;
      if (vma.start >= hi) break;
      const a = Math.max(lo, vma.start);
      const b = Math.min(hi, vma.end);
      this.flushVma(vma, a, b);
      this.st.mapper.unmap(s.id, a, b - a);
      if (a === vma.start && b === vma.end) {
        vmas.splice(i, 1);
        this.st.dropAll(vma);
        continue;
      }
      this.trimTop(vma, a, b);
      if (a > vma.start && b < vma.end) {
        const tail = new Vma(s.id, b, vma.end, vma.prot, vma.flags, vma.offsetOf(b));
        this.st.copyLinks(vma, tail);
        vma.end = a;
        vmas.splice(i + 1, 0, tail);
        break;
      }
      if (a === vma.start) {
        vma.pgoff = vma.offsetOf(b);
        vma.start = b;
      } else {
        vma.end = a;
      }
      i++;
    }
  }

  /** Frees the pages of [a, b) held by a top shadow only this vma links (nobody else can see them). */
  private trimTop(vma: Vma, a: number, b: number): void {
    const top = vma.links[0]!;
    if (top.kind !== ObjKind.SHADOW || top.nlinks !== 1 || top.pages.size === 0) return;
    for (let page = a; page < b; page++) {
      const off = vma.offsetOf(page);
      const frame = top.pages.get(off);
      if (frame !== undefined) {
        top.pages.delete(off);
        this.st.frames.free(frame);
      }
    }
  }

  /** Writes back dirty pages of [a, b) if `vma` is a shared mapping of a VFS file (tests the vma, not the object). */
  private flushVma(vma: Vma, a: number, b: number): void {
    const first = vma.links[0];
    if (vma.shared && first?.kind === ObjKind.VFS) this.st.writeBack(first, vma.offsetOf(a), vma.offsetOf(b));
  }

  /** Splits the vma that straddles page `page` (start < page < end) in two. */
  private splitAt(s: Space, page: number): void {
    const i = s.indexAfter(page);
    const vma = s.vmas[i];
    if (vma === undefined || vma.start >= page) return;
    const tail = new Vma(s.id, page, vma.end, vma.prot, vma.flags, vma.offsetOf(page));
    this.st.copyLinks(vma, tail);
    vma.end = page;
    s.vmas.splice(i + 1, 0, tail);
  }

  /**
   * Changes the protection of `[addr, addr + length)`, splitting vmas at the edges.
   * Removing a permission restricts the existing mappings at once; adding one takes
   * effect at the next fault (so private pages stay copy-on-write).
   * Returns 0, -EINVAL, or -ENOMEM when part of the range is not mapped.
   */
  mprotect(space: number, addr: number, length: number, prot: number): number {
    const s = this.space(space);
    if (!aligned(addr) || (prot & ~(Prot.READ | Prot.WRITE | Prot.EXEC)) !== 0) return -Errno.EINVAL;
    if (length === 0) return 0;
    const npages = pagesFor(length);
    if (npages < 0) return -Errno.EINVAL;
    const lo = addr / PAGE_SIZE;
    const hi = lo + npages;
    if (!s.isCovered(lo, hi)) return -Errno.ENOMEM;
    this.splitAt(s, lo);
    this.splitAt(s, hi);
    for (let i = s.indexAfter(lo); i < s.vmas.length; i++) {
      const vma = s.vmas[i]!;
      if (vma.start >= hi) break;
      const before = vma.hwProt;
      vma.prot = prot;
      if ((before & ~vma.hwProt) !== 0) this.st.mapper.protect(space, vma.start, vma.end - vma.start, vma.hwProt);
    }
    return 0;
  }

  /**
   * Writes back the dirty pages of shared file mappings in `[addr, addr + length)` and
   * write-protects them, so a later store marks them dirty again. The original tested the
   * shared flag on the object (which never carries it) and so never wrote anything back;
   * this tests the vma. Returns 0, -EINVAL, or -ENOMEM for an unmapped range.
   */
  msync(space: number, addr: number, length: number, flags: number): number {
    const s = this.space(space);
    if (!aligned(addr) || (flags & ~(MsyncFlags.ASYNC | MsyncFlags.INVALIDATE | MsyncFlags.SYNC)) !== 0) return -Errno.EINVAL;
    if ((flags & MsyncFlags.ASYNC) !== 0 && (flags & MsyncFlags.SYNC) !== 0) return -Errno.EINVAL;
    if (length === 0) return 0;
    const npages = pagesFor(length);
    if (npages < 0) return -Errno.EINVAL;
    const lo = addr / PAGE_SIZE;
    const hi = lo + npages;
    if (!s.isCovered(lo, hi)) return -Errno.ENOMEM;
    for (let i = s.indexAfter(lo); i < s.vmas.length; i++) {
      const vma = s.vmas[i]!;
      if (vma.start >= hi) break;
      this.flushVma(vma, Math.max(lo, vma.start), Math.min(hi, vma.end));
    }
    return 0;
  }

  // ---- brk -------------------------------------------------------------------------

  /** Sets the initial program break of a space (the end of its loaded image). */
  setBrk(space: number, addr: number): void {
    const s = this.space(space);
    if (!Number.isInteger(addr) || addr < 0 || addr >= 0x100000000) throw new VmError('BAD_ARGUMENT', `bad break address ${addr}`);
    s.brkStart = addr;
    s.brk = addr;
  }

  /**
   * Linux `brk`: moves the break to `addr` and returns the new break, or returns the
   * current break unchanged when `addr` is below the initial break, would overlap another
   * mapping, or memory is short. Growth extends the heap vma in place when the objects
   * behind it hold nothing in the new range, else adds an anonymous vma; shrinking unmaps.
   * Returns 0 while no break was set.
   */
  brk(space: number, addr: number): number {
    const s = this.space(space);
    if (s.brkStart < 0) return 0;
    if (!Number.isInteger(addr) || addr < s.brkStart || addr > this.st.layout.userEnd * PAGE_SIZE) return s.brk;
    const oldTop = Math.ceil(s.brk / PAGE_SIZE);
    const newTop = Math.ceil(addr / PAGE_SIZE);
    if (newTop > oldTop) {
      if (!s.isFree(oldTop, newTop)) return s.brk;
      const below = s.find(oldTop - 1);
      if (below !== undefined && below.end === oldTop && this.canExtend(below, newTop)) {
        below.end = newTop;
      } else {
        const vma = new Vma(space, oldTop, newTop, Prot.READ | Prot.WRITE, MapFlags.PRIVATE | MapFlags.ANONYMOUS, oldTop);
        this.st.link(vma, 0, this.st.devzero);
        s.insert(vma);
      }
    } else if (newTop < oldTop) {
      this.unmapRange(s, newTop, oldTop);
    }
    s.brk = addr;
    return addr;
  }

  /** True when `vma` is anonymous read-write private memory whose objects hold nothing in the pages it would gain. */
  private canExtend(vma: Vma, newEnd: number): boolean {
    if (vma.flags !== (MapFlags.PRIVATE | MapFlags.ANONYMOUS) || vma.prot !== (Prot.READ | Prot.WRITE)) return false;
    const lo = vma.offsetOf(vma.end);
    const hi = vma.offsetOf(newEnd);
    for (const obj of vma.links) {
      if (obj.kind !== ObjKind.SHADOW) continue;
      for (let off = lo; off < hi; off++) if (obj.pages.has(off)) return false;
    }
    return true;
  }

  // ---- mremap ----------------------------------------------------------------------

  /**
   * Linux `mremap` (flags: 1 MREMAP_MAYMOVE, 2 MREMAP_FIXED). Shrinking unmaps the tail;
   * growing extends the mapping in place when the pages after it are free, else, with
   * MAYMOVE, moves it to the first gap of the mmap area (or to `newAddr` with FIXED,
   * replacing what is there). A move carries the vmas and their objects: no page is copied
   * and nothing is lost; the old range ends up unmapped. The old range must be mapped
   * without holes by vmas of one kind (Linux asks for one vma; a mapping grown here may be
   * two, see below). Grown pages join the vma when its shadows and shm object are its own
   * and hold nothing there, else they form a new vma over fresh objects (the same file at
   * the following offsets for a file mapping), so no other mapping's pages can show through.
   * Returns the (new) address, or -EINVAL (flags, alignment, lengths, overlapping FIXED
   * range), -EFAULT (old range not mapped), -ENOMEM (no room, or growth without MAYMOVE).
   */
  mremap(space: number, oldAddr: number, oldLength: number, newLength: number, flags: number, newAddr = 0): number {
    const s = this.space(space);
    const L = this.st.layout;
    const mayMove = (flags & 1) !== 0;
    const fixed = (flags & 2) !== 0;
    if ((flags & ~3) !== 0 || (fixed && !mayMove) || !aligned(oldAddr)) return -Errno.EINVAL;
    const oldPages = pagesFor(oldLength);
    const newPages = pagesFor(newLength);
    if (oldPages < 0 || newPages < 0) return -Errno.EINVAL;
    const lo = oldAddr / PAGE_SIZE;
    const hi = lo + oldPages;
    const first = s.find(lo);
    if (first === undefined || hi > L.userEnd || !s.isCovered(lo, hi)) return -Errno.EFAULT;
    for (let i = s.indexAfter(lo); i < s.vmas.length && s.vmas[i]!.start < hi; i++) {
      if (s.vmas[i]!.flags !== first.flags) return -Errno.EFAULT;
    }
    if (fixed) {
      if (!aligned(newAddr)) return -Errno.EINVAL;
      const to = newAddr / PAGE_SIZE;
      if (to < L.userStart || to + newPages > L.userEnd) return -Errno.EINVAL;
      if (to < hi && lo < to + newPages) return -Errno.EINVAL;
      this.unmapRange(s, to, to + newPages);
      if (newPages < oldPages) this.unmapRange(s, lo + newPages, hi);
      this.moveRange(s, lo, Math.min(hi, lo + newPages), to);
      if (newPages > oldPages) this.growAt(s, to + oldPages, to + newPages);
      return newAddr;
    }
    if (newPages <= oldPages) {
      this.unmapRange(s, lo + newPages, hi);
      return oldAddr;
    }
    if (lo + newPages <= L.userEnd && s.isFree(hi, lo + newPages)) {
      this.growAt(s, hi, lo + newPages);
      return oldAddr;
    }
    if (!mayMove) return -Errno.ENOMEM;
    const to = s.firstFit(newPages, L.mmapBase, L.mmapEnd);
    if (to < 0) return -Errno.ENOMEM;
    this.moveRange(s, lo, hi, to);
    this.growAt(s, to + oldPages, to + newPages);
    return to * PAGE_SIZE;
  }

  /** Moves the vmas of pages [lo, hi) (split at the edges) to start at page `to`; their objects keep every page. */
  private moveRange(s: Space, lo: number, hi: number, to: number): void {
    this.splitAt(s, lo);
    this.splitAt(s, hi);
    const i = s.indexAfter(lo);
    const moved: Vma[] = [];
    while (i < s.vmas.length && s.vmas[i]!.start < hi) moved.push(s.vmas.splice(i, 1)[0]!);
    this.st.mapper.unmap(s.id, lo, hi - lo);
    const delta = to - lo;
    for (const vma of moved) {
      vma.start += delta;
      vma.end += delta;
      s.insert(vma);
    }
  }

  /** Maps the free pages [a, b) as the continuation of the vma ending at page `a`. */
  private growAt(s: Space, a: number, b: number): void {
    const prev = s.find(a - 1)!;
    const own = prev.links.every((o) => (o.kind !== ObjKind.SHADOW && o.kind !== ObjKind.SHM) || (o.nlinks === 1 && (o.kind === ObjKind.SHADOW || o.fileId === -1)));
    const lo = prev.offsetOf(a);
    const hi = prev.offsetOf(b);
    const empty = prev.links.every((o) => {
      if (o.kind !== ObjKind.SHADOW && o.kind !== ObjKind.SHM) return true;
      for (const off of o.pages.keys()) if (off >= lo && off < hi) return false;
      return true;
    });
    if (own && empty) {
      prev.end = b;
      for (const o of prev.links) if (o.kind === ObjKind.SHM && o.lengthPages < hi) o.lengthPages = hi;
      return;
    }
    const anon = (prev.flags & MapFlags.ANONYMOUS) !== 0;
    const tail = new Vma(s.id, a, b, prev.prot, prev.flags, !anon ? lo : prev.shared ? 0 : a);
    if (!anon) {
      this.st.link(tail, 0, prev.links[prev.links.length - 1]!);
    } else if (prev.shared) {
      const shm = this.st.newObject(ObjKind.SHM);
      shm.lengthPages = b - a;
      this.st.link(tail, 0, shm);
      this.st.link(tail, 1, this.st.devzero);
    } else {
      this.st.link(tail, 0, this.st.devzero);
    }
    s.insert(tail);
  }

  // ---- faults and user memory ------------------------------------------------------

  /**
   * Handles a page fault at `addr` in `space` for the given access (the kernel decides it:
   * ARMv5 aborts do not say, so an unmapped page is a READ and a read-only one a WRITE).
   * Read: the first page down the chain, mapped read-only. Private write: copy-on-write
   * into the top shadow, mapped read-write. Shared: the first object's page, marked dirty
   * on write. Returns 0, -EFAULT (no mapping), -EACCES (protection) or -ENOMEM.
   */
  handleFault(space: number, addr: number, access: AccessKind): number {
    const s = this.space(space);
    return resolveFault(this.st, s, addr >>> PAGE_SHIFT, access);
  }

  /**
   * The frame currently visible at `addr` (the zero page for untouched anonymous memory),
   * without faulting anything in; -1 when nothing is mapped or the page is not resident.
   */
  frameAt(space: number, addr: number): number {
    const page = addr >>> PAGE_SHIFT;
    const vma = this.space(space).find(page);
    return vma === undefined ? -1 : visibleFrame(this.st, vma, vma.offsetOf(page));
  }

  /** Copies `into.length` bytes of user memory at `addr` into `into`, faulting pages in (for syscall arguments). Returns 0 or a negative errno. */
  readUser(space: number, addr: number, into: Uint8Array): number {
    return this.copyUser(space, addr, into, false);
  }

  /** Copies `from` into user memory at `addr`, faulting pages in for writing. Returns 0 or a negative errno. */
  writeUser(space: number, addr: number, from: Uint8Array): number {
    return this.copyUser(space, addr, from, true);
  }

  private copyUser(space: number, addr: number, data: Uint8Array, write: boolean): number {
    const s = this.space(space);
    let done = 0;
    while (done < data.length) {
      const va = addr + done;
      const page = Math.floor(va / PAGE_SIZE);
      const inPage = va - page * PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - inPage, data.length - done);
      const r = resolveFault(this.st, s, page, write ? Access.WRITE : Access.READ);
      if (r < 0) return r;
      const vma = s.find(page)!;
      const frame = visibleFrame(this.st, vma, vma.offsetOf(page));
      const chunk = data.subarray(done, done + n);
      if (write) this.st.memory.write(frame, inPage, chunk);
      else this.st.memory.read(frame, inPage, chunk);
      done += n;
    }
    return 0;
  }

  // ---- shm -------------------------------------------------------------------------

  /**
   * shmget: the id of the segment with `key`, creating it (at least `size` bytes) with
   * IPC_CREAT or for IPC_PRIVATE. Ids come from a 64-entry pool. Returns the id, or
   * -EEXIST (IPC_CREAT|IPC_EXCL on an existing key), -ENOENT, -EINVAL (size), -ENOSPC
   * (no id left), -ENOMEM (no room in the shm area).
   */
  shmget(key: number, size: number, flags: number): number {
    const npages = pagesFor(size);
    if (npages < 0) return -Errno.EINVAL;
    if (key !== Ipc.PRIVATE) {
      const existing = this.st.keys.get(key);
      if (existing !== undefined) {
        if ((flags & Ipc.CREAT) !== 0 && (flags & Ipc.EXCL) !== 0) return -Errno.EEXIST;
        if (npages > this.st.segments.get(existing)!.pages) return -Errno.EINVAL;
        return existing;
      }
      if ((flags & Ipc.CREAT) === 0) return -Errno.ENOENT;
    }
    const start = this.shmPlace(npages);
    if (start < 0) return -Errno.ENOMEM;
    const id = this.shmIds.allocate();
    if (id < 0) return -Errno.ENOSPC;
    const obj = this.st.newObject(ObjKind.SHM);
    obj.fileId = id;
    obj.lengthPages = npages;
    this.st.segments.set(id, { id, key, pages: npages, startPage: start, obj });
    if (key !== Ipc.PRIVATE) this.st.keys.set(key, id);
    return id;
  }

  /** First fit in the shm area among live segments. */
  private shmPlace(npages: number): number {
    const taken = [...this.st.segments.values()].sort((a, b) => a.startPage - b.startPage);
    let cand = this.st.layout.shmBase;
    for (const seg of taken) {
      if (seg.startPage >= cand + npages) break;
      cand = Math.max(cand, seg.startPage + seg.pages);
    }
    return cand + npages <= this.st.layout.shmEnd ? cand : -1;
  }

  /**
   * shmat: maps segment `id` into `space` at the segment's address, the same for every
   * attacher. Returns the address, or -EINVAL (unknown or destroyed id, or the range is
   * taken in this space).
   */
  shmat(space: number, id: number, flags = 0): number {
    const s = this.space(space);
    const seg = this.st.segments.get(id);
    if (seg === undefined) return -Errno.EINVAL;
    const start = seg.startPage;
    const end = start + seg.pages;
    if (!s.isFree(start, end)) return -Errno.EINVAL;
    const prot = (flags & Ipc.SHM_RDONLY) !== 0 ? Prot.READ : Prot.READ | Prot.WRITE;
    const vma = new Vma(space, start, end, prot, MapFlags.SHARED, 0);
    this.st.link(vma, 0, seg.obj);
    this.st.link(vma, 1, this.st.devzero);
    s.insert(vma);
    return start * PAGE_SIZE;
  }

  /** shmdt: detaches the segment attached at `addr`; the last detach destroys it. Returns 0 or -EINVAL. */
  shmdt(space: number, addr: number): number {
    const s = this.space(space);
    if (!aligned(addr)) return -Errno.EINVAL;
    const page = addr / PAGE_SIZE;
    const vma = s.find(page);
    const obj = vma?.links[0];
    if (vma?.start !== page || obj?.kind !== ObjKind.SHM || obj.fileId < 0) return -Errno.EINVAL;
    let end = vma.end;
    for (let i = s.indexAfter(page) + 1; i < s.vmas.length; i++) {
      const next = s.vmas[i]!;
      if (next.start !== end || next.links[0] !== obj) break;
      end = next.end;
    }
    this.unmapRange(s, page, end);
    return 0;
  }

  /** Live shm segment ids. */
  shmIdsInUse(): number[] {
    return [...this.st.segments.keys()].sort((a, b) => a - b);
  }

  // ---- observability ---------------------------------------------------------------

  /** Runs the integrity checker (see {@link checkIntegrity}). */
  checkIntegrity(): IntegrityReport {
    return checkState(this.st);
  }

  /** Object counts and the longest chain. */
  stats(): VmStats {
    return collectStats(this.st);
  }

  /** Number of objects linked by the vma holding `addr` in `space` (shadows + the file below), or -1 when unmapped. */
  chainDepth(space: number, addr: number): number {
    const vma = this.space(space).find(addr >>> PAGE_SHIFT);
    return vma === undefined ? -1 : vma.links.length;
  }

  /** The vmas of `space`, in address order (addresses in bytes). */
  mappings(space: number): { start: number; end: number; prot: number; flags: number }[] {
    return this.space(space).vmas.map((v) => ({ start: v.start * PAGE_SIZE, end: v.end * PAGE_SIZE, prot: v.prot, flags: v.flags }));
  }

  /** The current program break of `space` (-1 when none was set). */
  currentBrk(space: number): number {
    return this.space(space).brk;
  }

  /** The shared zero page's frame. */
  get zeroFrame(): number {
    return this.st.zeroFrame;
  }

  /**
   * Releases the zero page. Allowed only when no space, open file or shm segment is left;
   * after it, every frame this system took is back in the allocator.
   */
  dispose(): void {
    if (this.st.spaces.size > 0 || this.st.vfsFiles.size > 0 || this.st.segments.size > 0) {
      throw new VmError('BAD_ARGUMENT', 'dispose() needs every space exited, file closed and shm segment destroyed');
    }
    this.st.frames.free(this.st.zeroFrame);
  }
}
