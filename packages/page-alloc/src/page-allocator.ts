import type {
  AllocatorStats,
  FrameAllocator,
  PageAllocatorOptions,
  ReservedRange,
  SegmentSnapshot,
} from './api.js';
import { PageAllocError } from './page-alloc-error.js';
import { ctz32, isPow2, log2Ceil, log2Floor } from './internal/bits.js';

/** Largest block order: blocks hold at most 2^30 frames. */
const MAX_ORDER = 30;
/** Tag of a frame that is not the first frame of a segment. */
const TAG_INTERIOR = -1;
/** Tag of the first frame of a live allocation. */
const TAG_USED = -2;
/** Tag of the first frame of a reserved range. */
const TAG_RESERVED = -3;
/** Bytes of allocator tables per managed frame: one record of four 32-bit words. */
const BYTES_PER_FRAME = 16;
/** Largest frame number + 1 the allocator accepts. */
const FRAME_LIMIT = 0x80000000;

/**
 * Binary buddy allocator over the frames `[firstFrame, firstFrame + frameCount)`.
 *
 * Blocks are aligned in absolute frame numbers, so an alignment request is met by taking a
 * block of at least that order. Requests that are not a power of two are cut from the next
 * power of two and the unused tail goes straight back to the free lists, so no frame is
 * wasted; the allocation's size is recorded at its first frame, so `free` needs only the
 * start. Free lists are doubly linked lists threaded through typed arrays, one per order,
 * with a 31-bit mask of non-empty orders: allocation and free cost O(log n) in the worst
 * case and O(1) in the common single-frame case. When no block is large enough but a long
 * enough run of free frames exists (made of smaller, unaligned buddies), a slower search
 * finds it, so a request fails only when no suitable run of free frames exists at all.
 */
export class PageAllocator implements FrameAllocator {
  /** First frame managed. */
  readonly firstFrame: number;
  /** Number of frames managed. */
  readonly frameCount: number;

  readonly #maxOrder: number;
  /**
   * One 16-byte record per frame offset i, so that one frame's metadata shares a cache line
   * (and with it, usually, its order-0 buddy's):
   * - `[4i]` tag: order of the free block starting here (≥ 0), or one of the TAG_* values;
   * - `[4i+1]` end tag: order of the free block whose last frame this is, else -1;
   * - `[4i+2]` for a free block, the next block of its list (-1 for none); for an
   *   allocation or reserved range, its size in frames;
   * - `[4i+3]` for a free block, the previous block of its list (-1 for none).
   */
  readonly #rec: Int32Array;
  /** Head offset of each order's free list, or -1. */
  readonly #heads: Int32Array;
  /** Per order: where the next run search starts (next fit), or -1. */
  readonly #rover: Int32Array;
  /** Number of free blocks of each order. */
  readonly #blocks: Int32Array;
  /** Bit k set when the order-k free list is not empty. */
  #nonEmpty = 0;
  #free = 0;
  #used = 0;
  #reserved = 0;
  #allocations = 0;
  readonly #labels = new Map<number, string>();
  /** Segments of the initial state, as (offset, tag, count) triples. */
  readonly #initial: Int32Array;

  /**
   * Bytes of typed-array tables the allocator keeps for `frameCount` frames.
   * @param frameCount - frames managed
   */
  static metadataBytes(frameCount: number): number {
    return frameCount * BYTES_PER_FRAME;
  }

  /**
   * @param frameCount - number of frames to manage (≥ 1)
   * @param options - first frame, reserved ranges
   * @throws PageAllocError `bad-config` for an invalid range or reserved range
   */
  constructor(frameCount: number, options: PageAllocatorOptions = {}) {
    const first = options.firstFrame ?? 0;
    if (!Number.isInteger(frameCount) || frameCount < 1 || frameCount > 0x40000000) {
      throw new PageAllocError('bad-config', `frame count ${frameCount} must be an integer in [1, 2^30]`);
    }
    if (!Number.isInteger(first) || first < 0 || first + frameCount > FRAME_LIMIT) {
      throw new PageAllocError('bad-config', `first frame ${first} must be an integer ≥ 0 with first + count ≤ 2^31`);
    }
    this.firstFrame = first;
    this.frameCount = frameCount;
    this.#maxOrder = Math.min(MAX_ORDER, log2Floor(frameCount));
    // Every record starts as an interior frame with no link: the first one written, then
    // doubled by copies (a few builtin calls instead of a loop over every frame, which
    // matters at a cold start with 2^15 frames and more).
    const rec = new Int32Array(frameCount * 4);
    rec[0] = TAG_INTERIOR;
    rec[1] = -1;
    for (let n = 4; n < rec.length; n *= 2) rec.copyWithin(n, 0, Math.min(n, rec.length - n));
    this.#rec = rec;
    this.#heads = new Int32Array(MAX_ORDER + 1).fill(-1);
    this.#blocks = new Int32Array(MAX_ORDER + 1);
    this.#rover = new Int32Array(MAX_ORDER + 1).fill(-1);

    const reserved: ReservedRange[] = [];
    if (options.reserveMetadata === true) {
      const pageSize = options.pageSize ?? 4096;
      if (!Number.isInteger(pageSize) || pageSize < 1) {
        throw new PageAllocError('bad-config', `page size ${pageSize} must be a positive integer`);
      }
      const pages = Math.ceil(PageAllocator.metadataBytes(frameCount) / pageSize);
      reserved.push({ first, count: Math.min(pages, frameCount), label: 'allocator metadata' });
    }
    reserved.push(...(options.reserved ?? []));
    reserved.sort((a, b) => a.first - b.first);
    let cursor = 0;
    for (const r of reserved) {
      const off = r.first - first;
      if (!Number.isInteger(r.first) || !Number.isInteger(r.count) || r.count < 1 || off < cursor || off + r.count > frameCount) {
        throw new PageAllocError(
          'bad-config',
          `reserved range [${r.first}, +${r.count}) must be non-empty, inside [${first}, ${first + frameCount}) and not overlap another`,
        );
      }
      this.#insertInterval(cursor, off);
      this.#rec[4 * off] = TAG_RESERVED;
      this.#rec[4 * off + 2] = r.count;
      this.#reserved += r.count;
      if (r.label !== undefined) this.#labels.set(off, r.label);
      cursor = off + r.count;
    }
    this.#insertInterval(cursor, frameCount);
    this.#initial = this.#segmentTriples();
  }

  /** Frames currently free. */
  get freeCount(): number {
    return this.#free;
  }

  /** Frames held by live allocations. */
  get usedCount(): number {
    return this.#used;
  }

  /** Frames in reserved ranges. */
  get reservedCount(): number {
    return this.#reserved;
  }

  /**
   * Allocates `count` contiguous frames.
   * @param count - frames wanted, an integer in [1, frameCount]
   * @returns the first frame, or -1 when no free run of `count` frames exists
   * @throws PageAllocError `bad-size` when `count` is not a positive integer or exceeds the range
   */
  allocate(count: number): number {
    if (!(count >= 1 && count <= this.frameCount && (count | 0) === count)) throw this.#badSize(count);
    const k = count === 1 ? 0 : 32 - Math.clz32(count - 1);
    const mask = this.#nonEmpty & (-1 << k);
    if (mask === 0) return this.#allocateSlow(count, 1, k);
    return this.#take(ctz32(mask), k, count);
  }

  /**
   * Allocates `count` contiguous frames whose first frame number is a multiple of `align`.
   * @param count - frames wanted, an integer in [1, frameCount]
   * @param align - a power of two ≤ 2^30
   * @returns the first frame, or -1 when no suitable run of free frames exists
   * @throws PageAllocError `bad-size` or `bad-alignment` for invalid arguments
   */
  allocateAligned(count: number, align: number): number {
    if (!(count >= 1 && count <= this.frameCount && (count | 0) === count)) throw this.#badSize(count);
    if (!isPow2(align)) {
      throw new PageAllocError('bad-alignment', `alignment ${align} is not a power of two in [1, 2^30]`);
    }
    const k = log2Ceil(count);
    const j = Math.max(k, log2Floor(align));
    const mask = j > MAX_ORDER ? 0 : this.#nonEmpty & (-1 << j);
    if (mask === 0) return this.#allocateSlow(count, align, k);
    return this.#take(ctz32(mask), k, count);
  }

  /**
   * Like {@link PageAllocator.allocateAligned} but throws instead of returning -1.
   * @param count - frames wanted
   * @param align - a power of two, default 1
   * @throws PageAllocError `out-of-memory` when nothing fits
   */
  allocateOrThrow(count: number, align = 1): number {
    const frame = this.allocateAligned(count, align);
    if (frame < 0) {
      throw new PageAllocError('out-of-memory', `no free run of ${count} frames aligned to ${align} (${this.#free} free)`);
    }
    return frame;
  }

  /**
   * Allocates the specific frames `[first, first + count)`, which must all be free.
   * @throws PageAllocError `out-of-range`, `bad-size` or `in-use`
   */
  allocateAt(first: number, count: number): void {
    this.#claim(first, count, TAG_USED);
    this.#used += count;
    this.#allocations++;
  }

  /**
   * Frees the allocation that starts at `firstFrame`.
   * @throws PageAllocError `out-of-range`, `double-free`, `not-allocated` or `reserved`
   */
  free(firstFrame: number): void {
    const i = firstFrame - this.firstFrame;
    if (!(i >= 0 && i < this.frameCount && (i | 0) === i)) throw this.#outOfRange(firstFrame);
    if (this.#rec[4 * i] !== TAG_USED) throw this.#diagnoseFree(i, false);
    const n = this.#rec[4 * i + 2]!;
    this.#used -= n;
    this.#allocations--;
    this.#release(i, n);
  }

  /**
   * Reserves the frames `[first, first + count)`, which must all be free; they are then
   * never allocated, and `free` rejects them.
   * @param label - optional description kept for diagnostics
   * @throws PageAllocError `out-of-range`, `bad-size` or `in-use`
   */
  reserve(first: number, count: number, label?: string): void {
    this.#claim(first, count, TAG_RESERVED);
    this.#reserved += count;
    if (label !== undefined) this.#labels.set(first - this.firstFrame, label);
  }

  /**
   * Returns a whole reserved range (identified by its first frame) to the free pool.
   * @throws PageAllocError `out-of-range`, `not-allocated` (not the start of a reserved range)
   */
  unreserve(first: number): void {
    const i = first - this.firstFrame;
    if (!(i >= 0 && i < this.frameCount && (i | 0) === i)) throw this.#outOfRange(first);
    if (this.#rec[4 * i] !== TAG_RESERVED) throw this.#diagnoseFree(i, true);
    const n = this.#rec[4 * i + 2]!;
    this.#reserved -= n;
    this.#labels.delete(i);
    this.#release(i, n);
  }

  /** True when `frame` is inside the range and free. */
  isFree(frame: number): boolean {
    const i = frame - this.firstFrame;
    return i >= 0 && i < this.frameCount && (i | 0) === i && this.#freeBlockContaining(i) >= 0;
  }

  /** Frames of the live allocation starting at `frame`, or 0 when none starts there. */
  allocationSize(frame: number): number {
    const i = frame - this.firstFrame;
    if (!(i >= 0 && i < this.frameCount && (i | 0) === i)) return 0;
    return this.#rec[4 * i] === TAG_USED ? this.#rec[4 * i + 2]! : 0;
  }

  /** Size of the largest free buddy block (a power of two), 0 when nothing is free. */
  get largestFreeBlock(): number {
    return this.#nonEmpty === 0 ? 0 : 1 << log2Floor(this.#nonEmpty);
  }

  /**
   * Fraction of free frames sitting in blocks smaller than 2^order, i.e. unusable for a
   * request of that order without searching (0 when nothing is free).
   */
  unusableFreeIndex(order: number): number {
    if (this.#free === 0) return 0;
    let small = 0;
    const top = Math.min(order, MAX_ORDER + 1);
    for (let k = 0; k < top; k++) small += this.#blocks[k]! * 2 ** k;
    return small / this.#free;
  }

  /** Current figures; walks the segments, so O(number of segments). */
  stats(): AllocatorStats {
    let run = 0;
    let best = 0;
    this.#forEachSegment((_off, tag, n) => {
      if (tag >= 0) {
        run += n;
        if (run > best) best = run;
      } else {
        run = 0;
      }
    });
    return {
      totalFrames: this.frameCount,
      freeFrames: this.#free,
      usedFrames: this.#used,
      reservedFrames: this.#reserved,
      allocations: this.#allocations,
      largestFreeBlock: this.largestFreeBlock,
      largestFreeRun: best,
      fragmentation: this.#free === 0 ? 0 : 1 - best / this.#free,
      freeBlocksByOrder: Array.from(this.#blocks.subarray(0, this.#maxOrder + 1)),
    };
  }

  /**
   * Canonical description of the state: the segments tiling the range in address order.
   * Two allocators with the same free, used and reserved frames give equal snapshots
   * (free-list order is not part of the state).
   */
  snapshotState(): SegmentSnapshot[] {
    const out: SegmentSnapshot[] = [];
    this.#forEachSegment((off, tag, n) => {
      out.push({ first: off + this.firstFrame, count: n, kind: tag >= 0 ? 'free' : tag === TAG_USED ? 'used' : 'reserved' });
    });
    return out;
  }

  /** True when the state equals the state right after construction (segment by segment). */
  equalsInitial(): boolean {
    const now = this.#segmentTriples();
    const then = this.#initial;
    if (now.length !== then.length) return false;
    for (let x = 0; x < now.length; x++) if (now[x] !== then[x]) return false;
    return true;
  }

  /** Label of the reserved range starting at `frame`, if it has one. */
  reservedLabel(frame: number): string | undefined {
    return this.#labels.get(frame - this.firstFrame);
  }

  /**
   * Checks every internal invariant (segments tile the range, free lists hold exactly the
   * free blocks, no two free buddies are left unmerged, counters agree) and returns the
   * problems found; empty when consistent. O(frameCount); meant for tests and fuzzers.
   */
  checkIntegrity(): string[] {
    const problems: string[] = [];
    const rec = this.#rec;
    const base = this.firstFrame;
    let free = 0;
    let used = 0;
    let reserved = 0;
    let allocations = 0;
    const blocks = new Int32Array(MAX_ORDER + 1);
    let i = 0;
    while (i < this.frameCount) {
      const t = rec[4 * i]!;
      let n: number;
      if (t >= 0) {
        n = 1 << t;
        if (t > this.#maxOrder) problems.push(`free block at ${i + base} has order ${t} > max ${this.#maxOrder}`);
        if (((i + base) & (n - 1)) !== 0) problems.push(`free block at ${i + base} of order ${t} is misaligned`);
        const b = ((i + base) ^ n) - base;
        if (t < this.#maxOrder && b >= 0 && b < this.frameCount && rec[4 * b] === t) {
          problems.push(`free buddies at ${i + base} and ${b + base} (order ${t}) were not merged`);
        }
        if (this.#rec[4 * (i + n - 1) + 1] !== t) problems.push(`free block at ${i + base} lacks its end tag`);
        free += n;
        blocks[t]!++;
      } else if (t === TAG_USED || t === TAG_RESERVED) {
        n = this.#rec[4 * i + 2]!;
        if (n < 1) problems.push(`segment at ${i + base} has size ${n}`);
        if (t === TAG_USED) {
          used += n;
          allocations++;
        } else {
          reserved += n;
        }
      } else {
        problems.push(`frame ${i + base} should start a segment but has tag ${t}`);
        break;
      }
      for (let x = i + 1; x < i + n && x < this.frameCount; x++) {
        if (rec[4 * x] !== TAG_INTERIOR) {
          problems.push(`frame ${x + base} inside the segment at ${i + base} has tag ${rec[4 * x]}`);
          break;
        }
      }
      i += Math.max(n, 1);
    }
    if (i !== this.frameCount) problems.push(`segments end at offset ${i}, not ${this.frameCount}`);
    let endTags = 0;
    for (let x = 0; x < this.frameCount; x++) if (rec[4 * x + 1]! >= 0) endTags++;
    const freeBlocks = blocks.reduce((c, b) => c + b, 0);
    if (endTags !== freeBlocks) problems.push(`${endTags} end tags for ${freeBlocks} free blocks`);
    for (let k = 0; k <= MAX_ORDER; k++) {
      let len = 0;
      let prev = -1;
      for (let x = this.#heads[k]!; x >= 0; x = this.#rec[4 * x + 2]!) {
        if (rec[4 * x] !== k) problems.push(`order-${k} list holds ${x + base} tagged ${rec[4 * x]}`);
        if (this.#rec[4 * x + 3] !== prev) problems.push(`order-${k} list: bad back link at ${x + base}`);
        prev = x;
        if (++len > this.frameCount) {
          problems.push(`order-${k} list loops`);
          break;
        }
      }
      if (len !== blocks[k] || len !== this.#blocks[k]) {
        problems.push(`order ${k}: list length ${len}, tiling ${blocks[k]}, counter ${this.#blocks[k]}`);
      }
      if ((len > 0) !== ((this.#nonEmpty >>> k) & 1) > 0) problems.push(`order ${k}: non-empty mask is wrong`);
    }
    if (free !== this.#free) problems.push(`free counter ${this.#free}, tiling says ${free}`);
    if (used !== this.#used) problems.push(`used counter ${this.#used}, tiling says ${used}`);
    if (reserved !== this.#reserved) problems.push(`reserved counter ${this.#reserved}, tiling says ${reserved}`);
    if (allocations !== this.#allocations) problems.push(`allocation counter ${this.#allocations}, tiling says ${allocations}`);
    return problems;
  }

  // ---- internals -------------------------------------------------------------------------

  /** Pops a block of order `o` (list known non-empty), splits it down to order `k`, keeps `count`. */
  #take(o: number, k: number, count: number): number {
    const i = this.#heads[o]!;
    this.#unlink(i, o);
    while (o > k) {
      o--;
      this.#push(i + (1 << o), o);
    }
    this.#free -= 1 << k;
    if (count !== 1 << k) this.#insertInterval(i + count, i + (1 << k));
    this.#rec[4 * i] = TAG_USED;
    this.#rec[4 * i + 2] = count;
    this.#used += count;
    this.#allocations++;
    return i + this.firstFrame;
  }

  /** Returns the frames of a used or reserved segment at offset `i` to the free lists. */
  #release(i: number, n: number): void {
    this.#rec[4 * i] = TAG_INTERIOR;
    this.#free += n;
    const f = i + this.firstFrame;
    if ((n & (n - 1)) === 0 && (f & (n - 1)) === 0) {
      this.#freeBlock(i, log2Floor(n));
      return;
    }
    const end = i + n;
    while (i < end) {
      const k = this.#fitOrder(i, end);
      this.#freeBlock(i, k);
      i += 1 << k;
    }
  }

  /** Buddy free of the aligned block at offset `i` of order `k`, merging upwards. */
  #freeBlock(i: number, k: number): void {
    const base = this.firstFrame;
    const count = this.frameCount;
    const rec = this.#rec;
    let f = i + base;
    while (k < this.#maxOrder) {
      const bf = f ^ (1 << k);
      const b = bf - base;
      if (b < 0 || b >= count || rec[4 * b] !== k) break;
      this.#unlink(b, k);
      f &= bf;
      k++;
    }
    this.#push(f - base, k);
  }

  /** Largest order of an aligned block starting at offset `i` that ends by offset `end`. */
  #fitOrder(i: number, end: number): number {
    const f = i + this.firstFrame;
    let k = f === 0 ? this.#maxOrder : Math.min(ctz32(f), this.#maxOrder);
    const room = log2Floor(end - i);
    if (room < k) k = room;
    return k;
  }

  /** Pushes the greedy aligned decomposition of offsets [lo, hi) without merging. */
  #insertInterval(lo: number, hi: number): void {
    let i = lo;
    while (i < hi) {
      const k = this.#fitOrder(i, hi);
      this.#push(i, k);
      this.#free += 1 << k;
      i += 1 << k;
    }
  }

  #push(i: number, k: number): void {
    const rec = this.#rec;
    const head = this.#heads[k]!;
    this.#rec[4 * i] = k;
    this.#rec[4 * (i + (1 << k) - 1) + 1] = k;
    rec[4 * i + 2] = head;
    rec[4 * i + 3] = -1;
    if (head >= 0) rec[4 * head + 3] = i;
    this.#heads[k] = i;
    this.#nonEmpty |= 1 << k;
    this.#blocks[k]!++;
  }

  /** Removes the free block at offset `i` of order `k` from its list; does not touch `#free`. */
  #unlink(i: number, k: number): void {
    const rec = this.#rec;
    const next = rec[4 * i + 2]!;
    const prev = rec[4 * i + 3]!;
    if (prev >= 0) rec[4 * prev + 2] = next;
    else this.#heads[k] = next;
    if (next >= 0) rec[4 * next + 3] = prev;
    if (next < 0 && prev < 0) this.#nonEmpty &= ~(1 << k);
    this.#rec[4 * i] = TAG_INTERIOR;
    this.#rec[4 * (i + (1 << k) - 1) + 1] = -1;
    this.#blocks[k]!--;
  }

  /** Offset of the head of the free block containing offset `i`, or -1 when `i` is not free. */
  #freeBlockContaining(i: number): number {
    const base = this.firstFrame;
    const f = i + base;
    for (let k = 0; k <= this.#maxOrder; k++) {
      const h = (f & ~((1 << k) - 1)) - base;
      if (h < 0) break;
      if (this.#rec[4 * h] === k) return h;
    }
    return -1;
  }

  /** Start offset of the maximal free run around the free block at offset `h`. */
  #runStart(h: number): number {
    const rec = this.#rec;
    let rs = h;
    while (rs > 0) {
      const k = rec[4 * (rs - 1) + 1]!;
      if (k < 0) break;
      rs -= 1 << k;
    }
    return rs;
  }

  /** End offset (exclusive) of the maximal free run around the free block at offset `h`. */
  #runEnd(h: number): number {
    let re = h;
    const count = this.frameCount;
    while (re < count) {
      const t = this.#rec[4 * re]!;
      if (t < 0) break;
      re += 1 << t;
    }
    return re;
  }

  /**
   * Search used when no buddy block of the needed order is free: walks the free lists of
   * orders ≥ k - 2 (every run of `count` free frames contains an aligned block of order
   * k - 2), measures each block's run and carves the request out of the first that fits.
   */
  #allocateSlow(count: number, align: number, k: number): number {
    const base = this.firstFrame;
    const mask = align - 1;
    const rec = this.#rec;
    for (let o = this.#maxOrder; o >= Math.max(0, k - 2); o--) {
      const head = this.#heads[o]!;
      if (head < 0) continue;
      // Next fit: resume after the block used last time, so blocks whose runs were too
      // short are not examined again and again at the front of the list.
      const rover = this.#rover[o]!;
      const start = rover >= 0 && this.#rec[4 * rover] === o ? rover : head;
      let h = start;
      let wrapped = start === head;
      for (;;) {
        if (h < 0) {
          if (wrapped) break;
          wrapped = true;
          h = head;
          if (h === start) break;
        }
        const rs = this.#runStart(h);
        const re = this.#runEnd(h);
        const s = ((rs + base + mask) & ~mask) - base;
        if (s >= rs && s + count <= re) {
          this.#rover[o] = rec[4 * h + 2]!;
          this.#carve(rs, re, s, count, TAG_USED);
          this.#used += count;
          this.#allocations++;
          return s + base;
        }
        h = rec[4 * h + 2]!;
        if (wrapped && h === start) break;
      }
    }
    return -1;
  }

  /** Takes [s, s + n) out of the free run [rs, re) as a segment tagged `tag`. */
  #carve(rs: number, re: number, s: number, n: number, tag: number): void {
    let p = rs;
    while (p < re) {
      const t = this.#rec[4 * p]!;
      this.#unlink(p, t);
      this.#free -= 1 << t;
      p += 1 << t;
    }
    this.#insertInterval(rs, s);
    this.#insertInterval(s + n, re);
    this.#rec[4 * s] = tag;
    this.#rec[4 * s + 2] = n;
  }

  /** Turns the free frames [first, first + count) into a segment tagged `tag`. */
  #claim(first: number, count: number, tag: number): void {
    const s = first - this.firstFrame;
    if (!(s >= 0 && s < this.frameCount && (s | 0) === s)) throw this.#outOfRange(first);
    if (!(count >= 1 && (count | 0) === count && s + count <= this.frameCount)) {
      throw new PageAllocError('bad-size', `count ${count} must be a positive integer with [${first}, +${count}) inside the range`);
    }
    const h = this.#freeBlockContaining(s);
    const re = h < 0 ? s : this.#runEnd(h);
    if (h < 0 || re < s + count) {
      throw new PageAllocError('in-use', `frames [${first}, ${first + count}) are not all free`);
    }
    this.#carve(this.#runStart(h), re, s, count, tag);
  }

  #outOfRange(frame: number): PageAllocError {
    return new PageAllocError(
      'out-of-range',
      `frame ${frame} is outside [${this.firstFrame}, ${this.firstFrame + this.frameCount})`,
    );
  }

  #badSize(count: number): PageAllocError {
    return new PageAllocError('bad-size', `count ${count} must be an integer in [1, ${this.frameCount}]`);
  }

  /** Explains why offset `i` cannot be freed (by `free`, or by `unreserve` when `reservedCall`). */
  #diagnoseFree(i: number, reservedCall: boolean): PageAllocError {
    const frame = i + this.firstFrame;
    if (this.#freeBlockContaining(i) >= 0) {
      return new PageAllocError('double-free', `frame ${frame} is already free`);
    }
    let h = i;
    while (this.#rec[4 * h] === TAG_INTERIOR) h--;
    const owner = this.#rec[4 * h] === TAG_RESERVED ? 'reserved range' : 'allocation';
    const label = this.#labels.get(h);
    const what = `${owner} [${h + this.firstFrame}, +${this.#rec[4 * h + 2]})${label === undefined ? '' : ` (${label})`}`;
    if (!reservedCall && this.#rec[4 * h] === TAG_RESERVED) {
      return new PageAllocError('reserved', `frame ${frame} belongs to the ${what}; use unreserve`);
    }
    if (h === i) return new PageAllocError('not-allocated', `frame ${frame} starts an allocation, not a reserved range`);
    return new PageAllocError('not-allocated', `frame ${frame} is inside the ${what}, not at its start`);
  }

  #forEachSegment(visit: (offset: number, tag: number, count: number) => void): void {
    let i = 0;
    while (i < this.frameCount) {
      const t = this.#rec[4 * i]!;
      const n = t >= 0 ? 1 << t : this.#rec[4 * i + 2]!;
      visit(i, t, n);
      i += n;
    }
  }

  #segmentTriples(): Int32Array {
    const out: number[] = [];
    this.#forEachSegment((off, tag, n) => out.push(off, tag, n));
    return Int32Array.from(out);
  }
}
