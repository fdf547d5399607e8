import type { FilePager, FrameAllocator, PageMapper, PhysicalMemory } from '../api.js';
import { Prot } from '../api.js';
import { VmError } from '../vm-error.js';
import type { Space } from './space.js';
import { ObjKind, VmObject } from './vm-object.js';
import type { ObjKindValue } from './vm-object.js';
import type { Vma } from './vma.js';

/** Layout in pages. */
export interface PageLayout {
  readonly userStart: number;
  readonly userEnd: number;
  readonly mmapBase: number;
  readonly mmapEnd: number;
  readonly shmBase: number;
  readonly shmEnd: number;
}

/** A System V shm segment. */
export interface ShmSegment {
  readonly id: number;
  readonly key: number;
  readonly pages: number;
  readonly startPage: number;
  readonly obj: VmObject;
}

/**
 * Everything a VmSystem holds, and the object-graph operations that keep the invariants
 * of spec §3.3: link, drop, destroy, merge.
 */
export class VmState {
  /** Live objects. */
  readonly objects = new Set<VmObject>();
  /** Live vm files (objects that are not shadows). */
  readonly vmFiles = new Set<VmObject>();
  /** Address spaces by id. */
  readonly spaces = new Map<number, Space>();
  /** Task counter kept beside the map, checked by the integrity checker. */
  spaceCount = 0;
  /** VFS file objects by file id. */
  readonly vfsFiles = new Map<number, VmObject>();
  /** shm segments by id. */
  readonly segments = new Map<number, ShmSegment>();
  /** shm ids by key (IPC_PRIVATE segments are not here). */
  readonly keys = new Map<number, number>();
  /** The /dev/zero object. */
  readonly devzero: VmObject;
  /** Its one zero page. */
  readonly zeroFrame: number;
  /** Called when an shm segment is destroyed (its id goes back to the pool). */
  onShmDestroyed: (id: number) => void = () => undefined;
  /** Objects whose counts dropped and that may now merge. */
  private readonly work: VmObject[] = [];

  constructor(
    readonly frames: FrameAllocator,
    readonly mapper: PageMapper,
    readonly memory: PhysicalMemory,
    readonly files: FilePager | undefined,
    readonly layout: PageLayout,
  ) {
    const zero = frames.allocate(1);
    if (zero < 0) throw new VmError('OUT_OF_FRAMES', 'the frame allocator has no frame left for the shared zero page');
    memory.zeroFrame(zero);
    this.zeroFrame = zero;
    this.devzero = this.newObject(ObjKind.DEVZERO);
    this.devzero.pages.set(0, zero);
  }

  /** Creates and registers an object. */
  newObject(kind: ObjKindValue): VmObject {
    const obj = new VmObject(kind);
    this.objects.add(obj);
    if (obj.isFile) this.vmFiles.add(obj);
    return obj;
  }

  /** Creates a writable shadow of `under` (shadows++ on `under`). */
  newShadow(under: VmObject): VmObject {
    const s = this.newObject(ObjKind.SHADOW);
    s.writable = true;
    s.orig = under;
    under.shadowers.add(s);
    under.shadows++;
    return s;
  }

  /** Links `obj` into `vma` at `index`. */
  link(vma: Vma, index: number, obj: VmObject): void {
    if (index === vma.links.length) vma.links.push(obj);
    else vma.links.splice(index, 0, obj);
    obj.nlinks++;
    obj.users.add(vma);
  }

  /** Gives `to` (which has no links) the same links as `from`. */
  copyLinks(from: Vma, to: Vma): void {
    for (const obj of from.links) this.link(to, to.links.length, obj);
  }

  /**
   * Removes link `index` of `vma` (nlinks−−). An object in front that shadowed the dropped
   * one now shadows the next one down: the next object gains a shadower, the dropped one
   * loses it. Deletes the dropped object if nothing keeps it. Call {@link settle} after.
   */
  dropLink(vma: Vma, index: number): void {
    const obj = vma.links[index]!;
    vma.links.splice(index, 1);
    obj.nlinks--;
    obj.users.delete(vma);
    const front = index > 0 ? vma.links[index - 1] : undefined;
    const next = vma.links[index];
    if (front !== undefined && front.orig === obj && next !== undefined) {
      obj.shadowers.delete(front);
      obj.shadows--;
      front.orig = next;
      next.shadowers.add(front);
      next.shadows++;
      this.work.push(next);
    }
    if (obj.nlinks === 0 && this.isDeletable(obj)) this.destroy(obj);
    else this.work.push(obj);
  }

  /** Re-examines `obj` for a merge now. */
  retry(obj: VmObject): void {
    this.work.push(obj);
    this.settle();
  }

  /** Drops every link of `vma`, top first, and settles. */
  dropAll(vma: Vma): void {
    while (vma.links.length > 0) this.dropLink(vma, 0);
    this.settle();
  }

  private isDeletable(obj: VmObject): boolean {
    switch (obj.kind) {
      case ObjKind.SHADOW:
      case ObjKind.SHM:
        return true;
      case ObjKind.VFS:
        return obj.openers === 0;
      default:
        return false;
    }
  }

  /** Deletes an object nothing links: writes back dirty file pages, frees its frames. */
  destroy(obj: VmObject): void {
    if (obj.kind === ObjKind.VFS) {
      this.writeBack(obj, 0, Infinity);
      this.vfsFiles.delete(obj.fileId);
    } else if (obj.kind === ObjKind.SHM && obj.fileId >= 0) {
      const seg = this.segments.get(obj.fileId);
      if (seg !== undefined) {
        this.segments.delete(seg.id);
        if (this.keys.get(seg.key) === seg.id) this.keys.delete(seg.key);
        this.onShmDestroyed(seg.id);
      }
    }
    for (const frame of obj.pages.values()) this.frames.free(frame);
    obj.pages.clear();
    obj.dirty.clear();
    const below = obj.orig;
    if (below !== null) {
      below.shadowers.delete(obj);
      below.shadows--;
      obj.orig = null;
      this.work.push(below);
    }
    obj.dead = true;
    this.objects.delete(obj);
    this.vmFiles.delete(obj);
  }

  /**
   * Merges every shadow that only one shadower can see: a shadow with exactly one shadower
   * that is linked by exactly the vmas that link the shadower (the original's "one link,
   * one shadower" rule, generalised to shadows shared by several forked spaces).
   */
  settle(): void {
    for (let obj = this.work.pop(); obj !== undefined; obj = this.work.pop()) {
      if (obj.dead || obj.kind !== ObjKind.SHADOW || obj.shadows !== 1) continue;
      const top = obj.shadowers.values().next().value!;
      if (top.nlinks === obj.nlinks) this.merge(obj, top);
    }
  }

  /** Moves `lower`'s pages that `top` lacks into `top`, then removes `lower` from every chain. */
  private merge(lower: VmObject, top: VmObject): void {
    for (const [off, frame] of lower.pages) {
      if (top.pages.has(off)) this.frames.free(frame);
      else top.pages.set(off, frame);
    }
    lower.pages.clear();
    for (const vma of lower.users) {
      const i = vma.links.indexOf(lower);
      vma.links.splice(i, 1);
    }
    lower.users.clear();
    lower.nlinks = 0;
    const below = lower.orig!;
    below.shadowers.delete(lower);
    below.shadowers.add(top);
    top.orig = below;
    lower.orig = null;
    lower.shadowers.clear();
    lower.shadows = 0;
    lower.dead = true;
    this.objects.delete(lower);
  }

  /**
   * Writes back dirty pages of a VFS file object whose offsets lie in [lo, hi) and
   * write-protects them in every shared mapping, so the next store marks them dirty again.
   */
  writeBack(obj: VmObject, lo: number, hi: number): void {
    if (obj.kind !== ObjKind.VFS || obj.dirty.size === 0) return;
    for (const off of obj.dirty) {
      if (off < lo || off >= hi) continue;
      const frame = obj.pages.get(off)!;
      this.files!.writePage(obj.fileId, off, frame);
      obj.dirty.delete(off);
      for (const vma of obj.users) {
        if (!vma.shared) continue;
        const page = vma.start + (off - vma.pgoff);
        if (page >= vma.start && page < vma.end) {
          this.mapper.protect(vma.space, page, 1, vma.hwProt & ~Prot.WRITE);
        }
      }
    }
  }
}
