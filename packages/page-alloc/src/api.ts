/**
 * Public interfaces and types of @codezero-ts/page-alloc.
 * @packageDocumentation
 */

/**
 * The minimal frame source other subsystems (vm objects, memcaches, the kernel) are written
 * against, so they can be tested with a fake. `PageAllocator` implements it.
 */
export interface FrameAllocator {
  /** Allocates `count` contiguous frames; returns the first frame number, or -1 when no free block fits. */
  allocate(count: number): number;
  /** Frees the block that starts at `firstFrame` (size known from the allocation). */
  free(firstFrame: number): void;
  /** Frames currently free. */
  readonly freeCount: number;
}

/** A range of frames withheld from allocation (kernel image, device memory, allocator tables…). */
export interface ReservedRange {
  /** First frame of the range (absolute frame number). */
  readonly first: number;
  /** Number of frames in the range (≥ 1). */
  readonly count: number;
  /** Free-form description, kept for diagnostics. */
  readonly label?: string;
}

/** Options of the {@link PageAllocator} constructor. */
export interface PageAllocatorOptions {
  /** First frame number managed by the allocator. Default 0. */
  readonly firstFrame?: number;
  /** Ranges that start out reserved; they must lie inside the managed range and not overlap. */
  readonly reserved?: readonly ReservedRange[];
  /**
   * When true, the frames that would hold the allocator's own tables (see
   * `PageAllocator.metadataBytes`) are reserved at the start of the range, labelled
   * `"allocator metadata"`, as a kernel that keeps those tables in physical memory would.
   * Default false.
   */
  readonly reserveMetadata?: boolean;
  /** Page size in bytes, used only to size the metadata reservation. Default 4096. */
  readonly pageSize?: number;
}

/** What a {@link SegmentSnapshot} describes. */
export type SegmentKind = 'free' | 'used' | 'reserved';

/**
 * One piece of the tiling of the managed range: a free buddy block, an allocation or a
 * reserved range.
 */
export interface SegmentSnapshot {
  /** First frame (absolute). */
  readonly first: number;
  /** Frames in the segment. */
  readonly count: number;
  /** What the segment is. */
  readonly kind: SegmentKind;
}

/** Figures describing the allocator's current state. */
export interface AllocatorStats {
  /** Frames managed (including reserved ones). */
  readonly totalFrames: number;
  /** Frames currently free. */
  readonly freeFrames: number;
  /** Frames held by live allocations. */
  readonly usedFrames: number;
  /** Frames in reserved ranges. */
  readonly reservedFrames: number;
  /** Number of live allocations. */
  readonly allocations: number;
  /**
   * Size of the largest free buddy block: the largest power-of-two request (with any
   * alignment up to its size) that is served without searching. 0 when nothing is free.
   */
  readonly largestFreeBlock: number;
  /** Length of the longest run of contiguous free frames. 0 when nothing is free. */
  readonly largestFreeRun: number;
  /**
   * External fragmentation index in [0, 1): `1 - largestFreeRun / freeFrames`, 0 when all
   * free memory is one contiguous run (or nothing is free), approaching 1 as free memory
   * is scattered into many small runs.
   */
  readonly fragmentation: number;
  /** `freeBlocksByOrder[k]` is the number of free buddy blocks of 2^k frames. */
  readonly freeBlocksByOrder: readonly number[];
}

/** Reasons a {@link PageAllocError} is thrown. */
export type PageAllocErrorCode =
  /** Freeing a frame that is already free. */
  | 'double-free'
  /** Freeing a frame that is not the first frame of a live allocation. */
  | 'not-allocated'
  /** Freeing (or releasing) a frame of a reserved range through the wrong call. */
  | 'reserved'
  /** A frame or id outside the managed range. */
  | 'out-of-range'
  /** A count that is not a positive integer, or larger than the range. */
  | 'bad-size'
  /** An alignment that is not a power of two (or too large). */
  | 'bad-alignment'
  /** Reserving or claiming frames (or ids) that are not all free. */
  | 'in-use'
  /** Bad constructor arguments. */
  | 'bad-config'
  /** The throwing allocation variants found no free block that fits. */
  | 'out-of-memory';

/** Options of the {@link IdPool} constructor. */
export interface IdPoolOptions {
  /** Smallest id handed out. Default 0. */
  readonly firstId?: number;
}
