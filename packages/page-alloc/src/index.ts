/**
 * Physical page-frame allocator (buddy system) and id pools.
 * @packageDocumentation
 */
export type {
  AllocatorStats,
  FrameAllocator,
  IdPoolOptions,
  PageAllocatorOptions,
  PageAllocErrorCode,
  ReservedRange,
  SegmentKind,
  SegmentSnapshot,
} from './api.js';
export { PageAllocError } from './page-alloc-error.js';
export { PageAllocator } from './page-allocator.js';
export { IdPool } from './id-pool.js';
