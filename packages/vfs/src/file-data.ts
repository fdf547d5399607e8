import type { DeferredBytes } from './api.js';
import { PAGE_SIZE } from './constants.js';

/** Pages per slab of a large file. */
const SLAB_PAGES = 16;
/** Files get slab pages from this page index on (smaller files use single pages). */
const SLAB_FROM_PAGE = 16;

const PAGE_MASK = PAGE_SIZE - 1;

/**
 * The contents of a regular file: a sparse array of page-sized chunks plus a byte size.
 * Pages that were never written (holes) read as zeros and take no memory. Growing a file
 * never copies existing data, so files of many megabytes grow in linear time, and a page
 * cache or a mapped vm file can share the very `Uint8Array` of a page via {@link page}.
 *
 * A file can also start out backed by a borrowed byte view ({@link adopt}, used when an
 * initramfs is unpacked): reads come straight from that view, and the first write,
 * truncate or {@link page} request copies it into pages of the file's own, so the
 * borrowed bytes are never written. The view may also be deferred: bytes of a known length
 * loaded at the first read (an initramfs read from its host file piece by piece).
 */
export class FileData {
  /** Size of the file in bytes. */
  size = 0;
  /** Number of pages currently allocated (not holes). */
  allocatedPages = 0;
  private pages: (Uint8Array | undefined)[] = [];
  private slab: ArrayBuffer | null = null;
  private slabNext = 0;
  /**
   * Borrowed contents (never written), or their deferred source until the first read;
   * while set, `pages` is empty and `size` is their length.
   */
  private backing: Uint8Array | DeferredBytes | null = null;

  /**
   * Makes an empty file hold `bytes` without copying them: the view is read until the
   * first change, which copies it first. The caller must leave `bytes` unchanged for as
   * long as the file may read it. Deferred bytes are loaded once, at the first read or
   * change (not at all when the file is emptied or goes away first); a load that does not
   * give `length` bytes throws a RangeError. Counts as fully allocated (as if written).
   */
  adopt(bytes: Uint8Array | DeferredBytes): void {
    if (this.size !== 0 || this.allocatedPages !== 0) throw new RangeError('FileData.adopt: the file is not empty');
    if (bytes.length === 0) return;
    this.backing = bytes;
    this.size = bytes.length;
    this.allocatedPages = Math.ceil(bytes.length / PAGE_SIZE);
  }

  /** True while the contents are still the borrowed view of {@link adopt}. */
  get borrowed(): boolean {
    return this.backing !== null;
  }

  /** The borrowed view, loading deferred bytes first. */
  private view(): Uint8Array {
    const b = this.backing!;
    if (b instanceof Uint8Array) return b;
    const bytes = b.load();
    if (bytes.length !== this.size) throw new RangeError(`FileData: deferred contents gave ${bytes.length} bytes, not ${this.size}`);
    this.backing = bytes;
    return bytes;
  }

  /** Copies the borrowed view into pages of the file's own (allocation count unchanged). */
  private own(): void {
    const b = this.view();
    this.backing = null;
    this.size = 0;
    this.allocatedPages = 0;
    this.write(0, b, 0, b.length);
  }

  /**
   * The page with index `index` (file offset `index * PAGE_SIZE`), allocating it when
   * `create` is set; `undefined` for a hole when `create` is false.
   */
  page(index: number, create: boolean): Uint8Array | undefined {
    if (this.backing !== null) this.own();
    let p = this.pages[index];
    if (p === undefined && create) {
      if (index < SLAB_FROM_PAGE) p = new Uint8Array(PAGE_SIZE);
      else {
        // Large files take their pages from 64 KiB slabs of their own: one allocation
        // per 16 pages, freed together when the file shrinks or goes away.
        if (this.slab === null || this.slabNext === SLAB_PAGES) {
          this.slab = new ArrayBuffer(SLAB_PAGES * PAGE_SIZE);
          this.slabNext = 0;
        }
        p = new Uint8Array(this.slab, this.slabNext++ * PAGE_SIZE, PAGE_SIZE);
      }
      this.pages[index] = p;
      this.allocatedPages++;
    }
    return p;
  }

  /** Pages that writing `length` bytes at `pos` would newly allocate. */
  pagesNeeded(pos: number, length: number): number {
    if (length <= 0) return 0;
    if (this.backing !== null) {
      const last = Math.floor((pos + length - 1) / PAGE_SIZE);
      return Math.max(0, last - Math.max(Math.floor(pos / PAGE_SIZE), this.allocatedPages) + 1);
    }
    let n = 0;
    const last = Math.floor((pos + length - 1) / PAGE_SIZE);
    for (let i = Math.floor(pos / PAGE_SIZE); i <= last; i++) if (this.pages[i] === undefined) n++;
    return n;
  }

  /**
   * Copies up to `length` bytes from file offset `pos` into `dst` at `dstOffset`; returns
   * the number of bytes copied (short at end of file).
   */
  read(pos: number, dst: Uint8Array, dstOffset: number, length: number): number {
    const end = Math.min(pos + length, this.size);
    if (end <= pos) return 0;
    if (this.backing !== null) {
      const b = this.view();
      if (end - pos <= 16) for (let k = pos; k < end; k++) dst[dstOffset + k - pos] = b[k]!;
      else dst.set(b.subarray(pos, end), dstOffset);
      return end - pos;
    }
    let p = pos;
    let d = dstOffset;
    while (p < end) {
      const idx = Math.floor(p / PAGE_SIZE);
      const inPage = p & PAGE_MASK;
      const n = Math.min(PAGE_SIZE - inPage, end - p);
      const page = this.pages[idx];
      if (page === undefined) dst.fill(0, d, d + n);
      else if (n === PAGE_SIZE) dst.set(page, d);
      else if (n <= 16) for (let k = 0; k < n; k++) dst[d + k] = page[inPage + k]!;
      else dst.set(page.subarray(inPage, inPage + n), d);
      p += n;
      d += n;
    }
    return end - pos;
  }

  /** Copies `length` bytes of `src` from `srcOffset` to file offset `pos`, growing the file. */
  write(pos: number, src: Uint8Array, srcOffset: number, length: number): void {
    if (length <= 0) return;
    if (this.backing !== null) this.own();
    const end = pos + length;
    let p = pos;
    let s = srcOffset;
    while (p < end) {
      const idx = Math.floor(p / PAGE_SIZE);
      const inPage = p & PAGE_MASK;
      const n = Math.min(PAGE_SIZE - inPage, end - p);
      const page = this.page(idx, true)!;
      if (n <= 16) for (let k = 0; k < n; k++) page[inPage + k] = src[s + k]!;
      else page.set(n === src.length && s === 0 ? src : src.subarray(s, s + n), inPage);
      p += n;
      s += n;
    }
    if (end > this.size) this.size = end;
  }

  /** Sets the size; shrinking frees whole pages and zeroes the tail of the last one. */
  truncate(size: number): void {
    if (this.backing !== null) {
      if (size === this.size) return;
      if (size === 0) {
        this.backing = null;
        this.allocatedPages = 0;
        this.size = 0;
        return;
      }
      this.own();
    }
    if (size < this.size) {
      const keep = Math.ceil(size / PAGE_SIZE);
      for (let i = keep; i < this.pages.length; i++) if (this.pages[i] !== undefined) this.allocatedPages--;
      if (this.pages.length > keep) this.pages.length = keep;
      const tail = size & PAGE_MASK;
      if (tail !== 0) this.pages[keep - 1]?.fill(0, tail);
      if (size === 0) this.slab = null;
    }
    this.size = size;
  }

  /** A copy of the whole contents (convenience for tests and tools). */
  toBytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    this.read(0, out, 0, this.size);
    return out;
  }
}

