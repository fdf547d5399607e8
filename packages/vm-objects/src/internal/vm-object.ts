import type { Vma } from './vma.js';

/** What a vm object is. */
export const ObjKind = {
  /** A copy-on-write shadow of the object below it. */
  SHADOW: 0,
  /** The single /dev/zero object (one shared zero page). */
  DEVZERO: 1,
  /** A VFS file. */
  VFS: 2,
  /** An shm segment (System V, or a shared anonymous mapping). */
  SHM: 3,
} as const;

/** One of {@link ObjKind}. */
export type ObjKindValue = (typeof ObjKind)[keyof typeof ObjKind];

let nextId = 1;

/**
 * A vm object: a page cache indexed by page offset, with link and shadow bookkeeping.
 * A vm file is an object whose kind is not SHADOW; its file fields are then meaningful.
 */
export class VmObject {
  /** Debug id, unique per process. */
  readonly id = nextId++;
  /** Number of vma links to this object (== users.size). */
  nlinks = 0;
  /** Number of shadow objects whose `orig` is this object (== shadowers.size). */
  shadows = 0;
  /** The vmas linking this object (each links it at most once). */
  readonly users = new Set<Vma>();
  /** The shadows built on this object. */
  readonly shadowers = new Set<VmObject>();
  /** For a shadow: the object it shadows. */
  orig: VmObject | null = null;
  /** A writable shadow (only ever the top of a chain). */
  writable = false;
  /** Page offset → frame. */
  readonly pages = new Map<number, number>();
  /** Offsets of dirty pages (VFS files only). */
  readonly dirty = new Set<number>();
  /** File id (VFS), segment id (shm, -1 for a shared anonymous mapping). */
  fileId = -1;
  /** Open count of a VFS file. */
  openers = 0;
  /** Size in pages (shm). */
  lengthPages = 0;
  /** Set once destroyed; a destroyed object must not be reachable. */
  dead = false;

  constructor(readonly kind: ObjKindValue) {}

  /** True for /dev/zero, VFS files and shm segments. */
  get isFile(): boolean {
    return this.kind !== ObjKind.SHADOW;
  }
}
