import type { PageSource } from '../api.js';
import { MemcacheError } from '../memcache-error.js';
import { checkRun } from './check-run.js';
import { hex } from './format.js';
import type { PageMap } from './page-map.js';

/**
 * A page source that passes requests on to another one and records, in a shared page map,
 * which owner (a kmalloc size class) holds every page it hands out. This lets kmalloc find
 * the cache of any address without asking the caches one by one.
 */
export class RegisteringSource implements PageSource {
  /** Page size of the underlying source. */
  readonly pageSize: number;
  private readonly runs = new Map<number, number>();

  /**
   * @param inner - the real page source.
   * @param map - page number → owner, shared by all classes of one kmalloc.
   * @param owner - the value recorded for pages of this source (≥ 0).
   * @param who - name for error messages.
   */
  constructor(
    private readonly inner: PageSource,
    private readonly map: PageMap,
    private readonly owner: number,
    private readonly who: string,
  ) {
    this.pageSize = inner.pageSize;
  }

  /** Allocates from the inner source and records the pages. */
  allocPages(count: number, alignPages?: number): number {
    const address = alignPages === undefined ? this.inner.allocPages(count) : this.inner.allocPages(count, alignPages);
    if (address < 0) return -1;
    checkRun(address, count, this.pageSize, this.who);
    const first = address / this.pageSize;
    for (let p = 0; p < count; p++) this.map.set(first + p, this.owner);
    this.runs.set(address, count);
    return address;
  }

  /** Forgets the pages of the run and gives it back to the inner source. */
  freePages(address: number): void {
    const count = this.runs.get(address);
    if (count === undefined) {
      throw new MemcacheError('foreign', `${this.who}: ${hex(address)} is not the start of a run this cache holds`);
    }
    this.runs.delete(address);
    const first = address / this.pageSize;
    for (let p = 0; p < count; p++) this.map.delete(first + p);
    this.inner.freePages(address);
  }
}
