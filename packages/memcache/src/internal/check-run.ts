import { MemcacheError } from '../memcache-error.js';
import { hex } from './format.js';
import { MAX_PAGE_NUMBER } from './page-map.js';

/**
 * Throws `bad-page-source` unless `address` (returned by a page source for `count` pages)
 * is a page-aligned non-negative integer whose pages all have numbers a page map can hold.
 */
export function checkRun(address: number, count: number, pageSize: number, who: string): void {
  if (
    !Number.isSafeInteger(address) ||
    address < 0 ||
    address % pageSize !== 0 ||
    address / pageSize + count - 1 > MAX_PAGE_NUMBER
  ) {
    throw new MemcacheError(
      'bad-page-source',
      `${who}: the page source returned ${hex(address)} for ${count} page(s), which is not a page-aligned address below ${hex((MAX_PAGE_NUMBER + 1) * pageSize)}`,
    );
  }
}
