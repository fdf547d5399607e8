import { PageMap } from './page-map.js';

/** Bits of a page-map value that hold the slab number; the owner's tag sits above them. */
export const SLAB_BITS = 24;
/** Mask of the slab number in a page-map value. */
export const SLAB_MASK = 0xff_ffff; // (1 << SLAB_BITS) - 1, as a literal type for hot paths
/** Largest owner tag (so that tag << SLAB_BITS stays a non-negative int32). */
export const MAX_TAG = 127;

/**
 * Where a cache records which of its slabs holds each page: a page map, possibly shared by
 * several caches (all classes of one kmalloc), and this cache's tag. A page-map value is
 * `tag << SLAB_BITS | slab`; a lookup that yields another tag (or -1, whose top bits are
 * all ones) means "not this cache's page".
 */
export interface PageRegistry {
  /** The map, shared or private. */
  readonly map: PageMap;
  /** This owner's tag, 0 … {@link MAX_TAG}. */
  readonly tag: number;
}

/** A registry for a cache that shares its map with nobody. */
export function privateRegistry(): PageRegistry {
  return { map: new PageMap(), tag: 0 };
}
