/**
 * Fixed-size object caches over injected pages, and kmalloc on top.
 * @packageDocumentation
 */
export type {
  ArrayPageSourceOptions,
  KmallocOptions,
  KmallocStats,
  MemCacheOptions,
  MemCacheStats,
  MemcacheErrorCode,
  PageSource,
} from './api.js';
export { ArrayPageSource } from './array-page-source.js';
export { Kmalloc } from './kmalloc.js';
export { MemCache, createMemCache } from './mem-cache.js';
export { MemcacheError } from './memcache-error.js';
