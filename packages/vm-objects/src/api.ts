/**
 * Public interfaces and types of @codezero-ts/vm-objects.
 *
 * Conventions used throughout the package:
 * - Addresses and lengths are in bytes; page numbers are `address >>> PAGE_SHIFT`.
 * - Guest-visible operations (`mmap`, `munmap`, `handleFault`, `shmget`, …) return a number:
 *   zero or a positive value (an address, an id) on success, and a **negative Linux errno**
 *   (see {@link Errno}) when the guest asked for something it may not have. They never throw
 *   for guest input.
 * - Host mistakes (an unknown space id, a file closed more often than opened) throw a
 *   `VmError` with a {@link VmErrorCode}.
 * @packageDocumentation
 */
import type { FrameAllocator } from '@codezero-ts/page-alloc';

/** Bytes in a page (ARMv5 small page). */
export const PAGE_SIZE = 4096;
/** log2 of {@link PAGE_SIZE}. */
export const PAGE_SHIFT = 12;

/** Hands out physical frames (the interface of `@codezero-ts/page-alloc`, re-exported). */
export type { FrameAllocator };

/** Protection bits of a mapping (the values of Linux `PROT_*`). */
export const Prot = {
  /** No access. */
  NONE: 0,
  /** Readable. */
  READ: 1,
  /** Writable. */
  WRITE: 2,
  /** Executable. */
  EXEC: 4,
} as const;

/** `mmap` flags (the values of Linux ARM `MAP_*`). */
export const MapFlags = {
  /** Writes are seen by every mapper and reach the file. */
  SHARED: 0x01,
  /** Writes are private copies (copy-on-write). */
  PRIVATE: 0x02,
  /** Map exactly at `addr`, replacing whatever is there. */
  FIXED: 0x10,
  /** No file: zero-filled memory. */
  ANONYMOUS: 0x20,
  /** Recorded on the vma (stack-like region); no automatic growth is performed. */
  GROWSDOWN: 0x0100,
} as const;

/** `msync` flags (Linux values). */
export const MsyncFlags = {
  /** Schedule the write-back (done at once here). */
  ASYNC: 1,
  /** Invalidate other mappings (accepted, nothing to do: there is one page cache). */
  INVALIDATE: 2,
  /** Write back now. */
  SYNC: 4,
} as const;

/** System V shm constants (Linux values). */
export const Ipc = {
  /** Key that always creates a new segment. */
  PRIVATE: 0,
  /** Create the segment if the key is unknown. */
  CREAT: 0o1000,
  /** With CREAT: fail with EEXIST if the key exists. */
  EXCL: 0o2000,
  /** shmat: attach read-only. */
  SHM_RDONLY: 0o10000,
} as const;

/** Linux errno values returned (negated) by guest-visible operations. */
export const Errno = {
  /** No such file or directory (shmget without IPC_CREAT on an unknown key). */
  ENOENT: 2,
  /** Bad file descriptor (file mapping of a file that is not open). */
  EBADF: 9,
  /** Out of memory, or no room in the address space, or an unmapped range. */
  ENOMEM: 12,
  /** Access not allowed by the mapping's protection. */
  EACCES: 13,
  /** No mapping at the address (a segmentation fault). */
  EFAULT: 14,
  /** shmget with IPC_CREAT|IPC_EXCL on an existing key. */
  EEXIST: 17,
  /** Bad argument (alignment, length, flags, unknown shm id). */
  EINVAL: 22,
  /** No shm id left. */
  ENOSPC: 28,
} as const;

/** Kind of access that faulted; the kernel (or pager) decides it, ARMv5 aborts do not say. */
export const Access = {
  /** A load, or the first touch of an unmapped page. */
  READ: 0,
  /** A store, or a fault on a page mapped read-only. */
  WRITE: 1,
  /** An instruction fetch. */
  EXEC: 2,
} as const;

/** One of the {@link Access} values. */
export type AccessKind = (typeof Access)[keyof typeof Access];

/**
 * Maps pages of an address space; the kernel implements it over the MMU page tables.
 * `space` is the caller's address-space id (the same ids passed to `VmSystem`).
 */
export interface PageMapper {
  /** Maps virtual page `virtPage` of `space` to physical `frame` with `prot` (a {@link Prot} mask), replacing any previous mapping. */
  map(space: number, virtPage: number, frame: number, prot: number): void;
  /** Removes every mapping of the pages `[firstPage, firstPage + count)`; pages not mapped are ignored. */
  unmap(space: number, firstPage: number, count: number): void;
  /**
   * Restricts every existing mapping of `[firstPage, firstPage + count)` to at most `prot`
   * (permissions are intersected, never added); pages not mapped are ignored.
   */
  protect(space: number, firstPage: number, count: number, prot: number): void;
}

/** Reads and writes pages of files; the VFS backs it. `file` is the caller's file id. */
export interface FilePager {
  /**
   * Fills `frame` with page `pageIndex` of `file` (zero-padded past the end of the file).
   * Returns 0, or a negative errno (for example -EFAULT for a page wholly past the end).
   */
  readPage(file: number, pageIndex: number, frame: number): number;
  /** Writes `frame` back as page `pageIndex` of `file`. */
  writePage(file: number, pageIndex: number, frame: number): void;
}

/** Access to physical memory by frame number. */
export interface PhysicalMemory {
  /** Copies a whole frame. */
  copyFrame(dst: number, src: number): void;
  /** Fills a frame with zeros. */
  zeroFrame(frame: number): void;
  /** Copies `into.length` bytes from `frame` at byte `offset` into `into`. */
  read(frame: number, offset: number, into: Uint8Array): void;
  /** Copies `from` into `frame` at byte `offset`. */
  write(frame: number, offset: number, from: Uint8Array): void;
}

/** Address-space layout, in bytes (all page-aligned). */
export interface VmLayout {
  /** Lowest user address mappings may use. Default 0x1000. */
  readonly userStart: number;
  /** First address above user space. Default 0xBF000000. */
  readonly userEnd: number;
  /** Where first-fit `mmap` starts looking. Default 0x40000000. */
  readonly mmapBase: number;
  /** Where first-fit `mmap` stops. Default 0xA0000000. */
  readonly mmapEnd: number;
  /** Start of the region shm segments are placed in. Default 0xA0000000. */
  readonly shmBase: number;
  /** End of the shm region. Default 0xB0000000. */
  readonly shmEnd: number;
}

/** What a `VmSystem` is built from. */
export interface VmSystemOptions {
  /** Source of physical frames. */
  readonly frames: FrameAllocator;
  /** Page-table updates. */
  readonly mapper: PageMapper;
  /** Frame contents. */
  readonly memory: PhysicalMemory;
  /** File contents; needed only for file mappings. */
  readonly files?: FilePager;
  /** Address-space layout overrides. */
  readonly layout?: Partial<VmLayout>;
}

/** Arguments of `mmap`. */
export interface MmapRequest {
  /** Requested address (a hint without {@link MapFlags.FIXED}); page-aligned. Default 0. */
  readonly addr?: number;
  /** Length in bytes (rounded up to pages); must be > 0. */
  readonly length: number;
  /** {@link Prot} mask. */
  readonly prot: number;
  /** {@link MapFlags} mask: exactly one of SHARED and PRIVATE. */
  readonly flags: number;
  /** File id (as opened with `openFile`) unless ANONYMOUS. */
  readonly file?: number;
  /** Byte offset into the file; page-aligned. Default 0. */
  readonly offset?: number;
}

/** Result of the integrity checker. */
export interface IntegrityReport {
  /** True when no problem was found. */
  readonly ok: boolean;
  /** One sentence per violated invariant. */
  readonly problems: readonly string[];
}

/** Object counts for observability. */
export interface VmStats {
  /** Live vm objects (shadows and files, /dev/zero included). */
  readonly objects: number;
  /** Live shadow objects. */
  readonly shadows: number;
  /** Live vm files (/dev/zero, VFS files, shm segments). */
  readonly files: number;
  /** Address spaces. */
  readonly spaces: number;
  /** vmas over all spaces. */
  readonly vmas: number;
  /** Frames held by page caches (the shared zero page included). */
  readonly residentFrames: number;
  /** Longest object chain (objects linked by one vma). */
  readonly maxChainDepth: number;
}

/** Codes of `VmError`. */
export type VmErrorCode =
  | 'UNKNOWN_SPACE'
  | 'SPACE_EXISTS'
  | 'FILE_NOT_OPEN'
  | 'NO_FILE_PAGER'
  | 'OUT_OF_FRAMES'
  | 'BAD_ARGUMENT';
