import type { FilePager, FrameAllocator, PageMapper, PhysicalMemory } from '../src/index.js';
import { Errno, PAGE_SIZE, VmSystem } from '../src/index.js';
import type { VmLayout } from '../src/index.js';

/** One-frame-at-a-time allocator over frames [0, total); double and foreign frees throw. */
export class FakeFrames implements FrameAllocator {
  private readonly free_: number[] = [];
  private readonly used = new Set<number>();

  constructor(readonly total: number) {
    for (let f = total - 1; f >= 0; f--) this.free_.push(f);
  }

  allocate(count: number): number {
    if (count !== 1) throw new Error(`fake allocator only does single frames, asked ${count}`);
    const f = this.free_.pop();
    if (f === undefined) return -1;
    this.used.add(f);
    return f;
  }

  free(firstFrame: number): void {
    if (!this.used.delete(firstFrame)) throw new Error(`free of frame ${firstFrame} that is not allocated`);
    this.free_.push(firstFrame);
  }

  get freeCount(): number {
    return this.free_.length;
  }
}

/** Sparse physical memory: a buffer per touched frame. */
export class FakeMemory implements PhysicalMemory {
  private readonly frames = new Map<number, Uint8Array>();

  frame(f: number): Uint8Array {
    let b = this.frames.get(f);
    if (b === undefined) {
      b = new Uint8Array(PAGE_SIZE).fill(0xa5); // garbage: frames must be zeroed or copied before use
      this.frames.set(f, b);
    }
    return b;
  }

  copyFrame(dst: number, src: number): void {
    this.frame(dst).set(this.frame(src));
  }

  zeroFrame(frame: number): void {
    this.frame(frame).fill(0);
  }

  read(frame: number, offset: number, into: Uint8Array): void {
    into.set(this.frame(frame).subarray(offset, offset + into.length));
  }

  write(frame: number, offset: number, from: Uint8Array): void {
    this.frame(frame).set(from, offset);
  }
}

/** One recorded mapping. */
export interface Mapping {
  frame: number;
  prot: number;
}

/** Page tables as maps: space → virtual page → mapping. */
export class FakeMapper implements PageMapper {
  readonly tables = new Map<number, Map<number, Mapping>>();
  calls = 0;

  table(space: number): Map<number, Mapping> {
    let t = this.tables.get(space);
    if (t === undefined) {
      t = new Map();
      this.tables.set(space, t);
    }
    return t;
  }

  get(space: number, page: number): Mapping | undefined {
    return this.tables.get(space)?.get(page);
  }

  map(space: number, virtPage: number, frame: number, prot: number): void {
    this.calls++;
    this.table(space).set(virtPage, { frame, prot });
  }

  unmap(space: number, firstPage: number, count: number): void {
    this.calls++;
    const t = this.tables.get(space);
    if (t === undefined) return;
    if (count > t.size) {
      for (const p of [...t.keys()]) if (p >= firstPage && p < firstPage + count) t.delete(p);
    } else {
      for (let p = firstPage; p < firstPage + count; p++) t.delete(p);
    }
  }

  protect(space: number, firstPage: number, count: number, prot: number): void {
    this.calls++;
    const t = this.tables.get(space);
    if (t === undefined) return;
    const apply = (m: Mapping): void => {
      m.prot &= prot;
    };
    if (count > t.size) {
      for (const [p, m] of t) if (p >= firstPage && p < firstPage + count) apply(m);
    } else {
      for (let p = firstPage; p < firstPage + count; p++) {
        const m = t.get(p);
        if (m !== undefined) apply(m);
      }
    }
  }
}

/** Files as page maps; records write-backs. */
export class FakeFiles implements FilePager {
  readonly contents = new Map<number, Map<number, Uint8Array>>();
  readonly lengths = new Map<number, number>();
  readonly writes: { file: number; page: number }[] = [];

  constructor(private readonly memory: FakeMemory) {}

  /** Creates a file of `pages` pages, page i filled with byte (fill + i). */
  create(file: number, pages: number, fill: number): void {
    const m = new Map<number, Uint8Array>();
    for (let i = 0; i < pages; i++) m.set(i, new Uint8Array(PAGE_SIZE).fill((fill + i) & 0xff));
    this.contents.set(file, m);
    this.lengths.set(file, pages);
  }

  readPage(file: number, pageIndex: number, frame: number): number {
    const len = this.lengths.get(file) ?? 0;
    if (pageIndex >= len) return -Errno.EFAULT;
    const data = this.contents.get(file)?.get(pageIndex);
    if (data === undefined) this.memory.zeroFrame(frame);
    else this.memory.write(frame, 0, data);
    return 0;
  }

  writePage(file: number, pageIndex: number, frame: number): void {
    const data = new Uint8Array(PAGE_SIZE);
    this.memory.read(frame, 0, data);
    this.contents.get(file)?.set(pageIndex, data);
    this.writes.push({ file, page: pageIndex });
  }
}

/** A VmSystem over fresh fakes. */
export interface Rig {
  vm: VmSystem;
  frames: FakeFrames;
  memory: FakeMemory;
  mapper: FakeMapper;
  files: FakeFiles;
  /** Free frames right after construction (the zero page taken). */
  baseline: number;
}

/** Builds a VmSystem over fakes with `total` frames. */
export function rig(total = 4096, layout?: Partial<VmLayout>): Rig {
  const frames = new FakeFrames(total);
  const memory = new FakeMemory();
  const mapper = new FakeMapper();
  const files = new FakeFiles(memory);
  const vm = new VmSystem(layout === undefined ? { frames, mapper, memory, files } : { frames, mapper, memory, files, layout });
  return { vm, frames, memory, mapper, files, baseline: frames.freeCount };
}

/**
 * Reads user memory the way a kernel does: through the page tables, faulting on an
 * unmapped page (as a read) and retrying. Returns the bytes or a negative errno.
 */
export function kread(r: Rig, space: number, addr: number, len: number): Uint8Array | number {
  const out = new Uint8Array(len);
  for (let done = 0; done < len; ) {
    const va = addr + done;
    const page = Math.floor(va / PAGE_SIZE);
    const off = va % PAGE_SIZE;
    const n = Math.min(PAGE_SIZE - off, len - done);
    let m = r.mapper.get(space, page);
    if (m === undefined || (m.prot & 1) === 0) {
      const e = r.vm.handleFault(space, va, 0);
      if (e < 0) return e;
      m = r.mapper.get(space, page);
      if (m === undefined || (m.prot & 1) === 0) throw new Error(`read fault at ${va.toString(16)} left no readable mapping`);
    }
    r.memory.read(m.frame, off, out.subarray(done, done + n));
    done += n;
  }
  return out;
}

/**
 * Writes user memory the way a kernel does: an unmapped page faults as a read first, a
 * read-only one then as a write (two faults for a first write, as on ARMv5).
 */
export function kwrite(r: Rig, space: number, addr: number, data: Uint8Array): number {
  for (let done = 0; done < data.length; ) {
    const va = addr + done;
    const page = Math.floor(va / PAGE_SIZE);
    const off = va % PAGE_SIZE;
    const n = Math.min(PAGE_SIZE - off, data.length - done);
    let m = r.mapper.get(space, page);
    if (m === undefined) {
      const e = r.vm.handleFault(space, va, 0);
      if (e < 0 && e !== -Errno.EACCES) return e;
      m = r.mapper.get(space, page);
    }
    if (m === undefined || (m.prot & 2) === 0) {
      const e = r.vm.handleFault(space, va, 1);
      if (e < 0) return e;
      m = r.mapper.get(space, page);
      if (m === undefined || (m.prot & 2) === 0) throw new Error(`write fault at ${va.toString(16)} left no writable mapping`);
    }
    r.memory.write(m.frame, off, data.subarray(done, done + n));
    done += n;
  }
  return 0;
}

/**
 * Checks that every recorded mapping agrees with the vm: it maps the frame visible through
 * the chain, and is writable only when that frame is the space's own (private top or shared).
 */
export function mappingProblems(r: Rig): string[] {
  const out: string[] = [];
  for (const [space, table] of r.mapper.tables) {
    if (!r.vm.hasSpace(space)) {
      if (table.size > 0) out.push(`space ${space} is gone but has ${table.size} mappings`);
      continue;
    }
    for (const [page, m] of table) {
      const visible = r.vm.frameAt(space, page * PAGE_SIZE);
      if (visible !== m.frame) out.push(`space ${space} page ${page.toString(16)} maps frame ${m.frame}, visible is ${visible}`);
      if ((m.prot & 2) !== 0 && m.frame === r.vm.zeroFrame) out.push(`space ${space} page ${page.toString(16)} maps the zero page writable`);
    }
  }
  return out;
}
