import fc from 'fast-check';
import { Errno, Ipc, MapFlags, PAGE_SIZE, Prot } from '../src/index.js';
import { kread, kwrite, mappingProblems, rig } from './fakes.js';
import type { Rig } from './fakes.js';

/** A page's contents in the model; shared pages share the cell. */
interface Cell {
  data: Uint8Array | null; // null: zeros
  seg: number; // shm segment id, -1 if none
  file: number; // file id of a file page cell, -1 if none
  index: number; // its page in the file
}

interface MPage {
  prot: number;
  cell: Cell;
  shared: boolean;
  /** A private page still showing the file's page (copy-on-write not yet taken). */
  cow: boolean;
}

interface MProc {
  readonly id: number;
  readonly pages: Map<number, MPage>;
  brkStart: number;
  brk: number;
}

interface MSeg {
  readonly id: number;
  readonly key: number;
  readonly pages: number;
  readonly cells: Cell[];
  addr: number; // -1 until first attach
  attached: boolean;
}

/** One step of a random program; numbers are resolved against the state when it runs. */
export type Cmd =
  | { t: 'fork'; p: number }
  | { t: 'exit'; p: number }
  | { t: 'spawn' }
  | { t: 'mmap'; p: number; pages: number; shared: boolean; fixed: boolean; at: number; prot: number }
  | { t: 'munmap'; p: number; which: number; skew: number; len: number }
  | { t: 'mprotect'; p: number; which: number; len: number; prot: number }
  | { t: 'write'; p: number; which: number; value: number; off: number; len: number }
  | { t: 'read'; p: number; which: number }
  | { t: 'shmget'; key: number; pages: number; excl: boolean; creat: boolean }
  | { t: 'shmat'; p: number; seg: number; rdonly: boolean }
  | { t: 'shmdt'; p: number; seg: number }
  | { t: 'brk'; p: number; delta: number }
  | { t: 'mmapFile'; p: number; file: number; offset: number; pages: number; shared: boolean; prot: number }
  | { t: 'msync'; p: number; which: number; len: number }
  | { t: 'cycleFile'; file: number };

const P = fc.nat(7);
const FILES = 2;
const FILE_PAGES = 8;
const FILE_BASE = 100;
const PROT = fc.constantFrom(Prot.READ | Prot.WRITE, Prot.READ | Prot.WRITE, Prot.READ, Prot.NONE, Prot.WRITE, Prot.READ | Prot.WRITE | Prot.EXEC);

/** Arbitrary command, weighted towards memory traffic. */
export const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constant('fork' as const), p: P }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('exit' as const), p: P }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('spawn' as const) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('mmap' as const),
      p: P,
      pages: fc.integer({ min: 1, max: 5 }),
      shared: fc.boolean(),
      fixed: fc.boolean(),
      at: fc.nat(30),
      prot: fc.constantFrom(Prot.READ | Prot.WRITE, Prot.READ),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('munmap' as const), p: P, which: fc.nat(), skew: fc.integer({ min: -1, max: 1 }), len: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('mprotect' as const), p: P, which: fc.nat(), len: fc.integer({ min: 1, max: 3 }), prot: PROT }) },
  {
    weight: 8,
    arbitrary: fc.record({
      t: fc.constant('write' as const),
      p: P,
      which: fc.nat(),
      value: fc.integer({ min: 1, max: 255 }),
      off: fc.nat(PAGE_SIZE - 1),
      len: fc.integer({ min: 1, max: 64 }),
    }),
  },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('read' as const), p: P, which: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('shmget' as const),
      key: fc.constantFrom(Ipc.PRIVATE, 11, 12),
      pages: fc.integer({ min: 1, max: 3 }),
      excl: fc.boolean(),
      creat: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('shmat' as const), p: P, seg: fc.nat(), rdonly: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('shmdt' as const), p: P, seg: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('brk' as const), p: P, delta: fc.integer({ min: -3 * PAGE_SIZE, max: 3 * PAGE_SIZE }) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('mmapFile' as const),
      p: P,
      file: fc.nat(FILES - 1),
      offset: fc.nat(FILE_PAGES - 4),
      pages: fc.integer({ min: 1, max: 4 }),
      shared: fc.boolean(),
      prot: fc.constantFrom(Prot.READ | Prot.WRITE, Prot.READ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('msync' as const), p: P, which: fc.nat(), len: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('cycleFile' as const), file: fc.nat(FILES - 1) }) },
);

const ARENA = 0x40000000;
const ARENA_PAGES = 40;
const BRK_BASE = 0x00100800;
const MAX_PROCS = 6;
const PAGE = (a: number): number => Math.floor(a / PAGE_SIZE);

/** Runs `cmds` on a VmSystem and on the model; throws on the first disagreement. */
export function runProgram(cmds: readonly Cmd[]): Rig & { maxDepth: number } {
  const r = rig(4096, { mmapBase: ARENA, mmapEnd: ARENA + ARENA_PAGES * PAGE_SIZE, shmBase: 0xa0000000, shmEnd: 0xa0000000 + 12 * PAGE_SIZE });
  const vm = r.vm;
  const fileCells: Cell[][] = [];
  for (let f = 0; f < FILES; f++) {
    r.files.create(FILE_BASE + f, FILE_PAGES, 0x30 + 16 * f);
    vm.openFile(FILE_BASE + f);
    const cells: Cell[] = [];
    for (let i = 0; i < FILE_PAGES; i++) cells.push({ data: r.files.contents.get(FILE_BASE + f)!.get(i)!.slice(), seg: -1, file: FILE_BASE + f, index: i });
    fileCells.push(cells);
  }
  const procs: MProc[] = [];
  const segs = new Map<number, MSeg>();
  let nextPid = 1;
  let step = -1;
  const fail = (msg: string): never => {
    throw new Error(`step ${step} ${JSON.stringify(cmds[step])}: ${msg}`);
  };
  const eq = (got: unknown, want: unknown, what: string): void => {
    if (got !== want) fail(`${what}: got ${String(got)}, model says ${String(want)}`);
  };

  const spawn = (): void => {
    const id = nextPid++;
    vm.createSpace(id);
    vm.setBrk(id, BRK_BASE);
    procs.push({ id, pages: new Map(), brkStart: BRK_BASE, brk: BRK_BASE });
  };
  const proc = (i: number): MProc | undefined => procs[i % Math.max(1, procs.length)];
  const pick = (m: MProc, which: number): number | undefined => {
    if (m.pages.size === 0) return undefined;
    const keys = [...m.pages.keys()].sort((a, b) => a - b);
    return keys[which % keys.length];
  };
  const segCells = (): void => {
    // A segment dies when its last attacher lets go of its last page.
    for (const seg of [...segs.values()]) {
      if (!seg.attached) continue;
      const used = procs.some((m) => [...m.pages.values()].some((pg) => pg.cell.seg === seg.id));
      if (!used) segs.delete(seg.id);
    }
  };
  const unmapModel = (m: MProc, lo: number, hi: number): void => {
    for (let p = lo; p < hi; p++) m.pages.delete(p);
  };

  let maxDepth = 0;
  const check = (): void => {
    maxDepth = Math.max(maxDepth, vm.stats().maxChainDepth);
    const rep = vm.checkIntegrity();
    if (!rep.ok) fail(`integrity: ${rep.problems.join('; ')}`);
    const mp = mappingProblems(r);
    if (mp.length > 0) fail(`mappings: ${mp.slice(0, 3).join('; ')}`);
    const zeros = new Uint8Array(PAGE_SIZE);
    for (const m of procs) {
      let count = 0;
      for (const v of vm.mappings(m.id)) count += (v.end - v.start) / PAGE_SIZE;
      eq(count, m.pages.size, `pages mapped in ${m.id}`);
      for (const [page, pg] of m.pages) {
        const frame = vm.frameAt(m.id, page * PAGE_SIZE);
        const want = pg.cell.data ?? zeros;
        if (frame < 0) {
          const backing = pg.cell.file >= 0 ? r.files.contents.get(pg.cell.file)?.get(pg.cell.index) : undefined;
          if (pg.cell.data !== null && (backing === undefined || !Buffer.from(backing).equals(pg.cell.data))) {
            fail(`space ${m.id} page ${page.toString(16)}: not resident and the file does not hold its contents`);
          }
          continue;
        }
        const got = r.memory.frame(frame);
        if (!Buffer.from(got.buffer, got.byteOffset, PAGE_SIZE).equals(want)) fail(`space ${m.id} page ${page.toString(16)}: contents differ`);
      }
    }
  };

  spawn();
  for (step = 0; step < cmds.length; step++) {
    const c = cmds[step]!;
    switch (c.t) {
      case 'spawn':
        if (procs.length < MAX_PROCS) spawn();
        break;
      case 'fork': {
        const m = proc(c.p);
        if (m === undefined || procs.length >= MAX_PROCS) break;
        const id = nextPid++;
        vm.fork(m.id, id);
        const pages = new Map<number, MPage>();
        for (const [p, pg] of m.pages) {
          pages.set(p, pg.shared || pg.cow ? { ...pg } : { prot: pg.prot, shared: false, cow: false, cell: { data: pg.cell.data?.slice() ?? null, seg: -1, file: -1, index: 0 } });
        }
        procs.push({ id, pages, brkStart: m.brkStart, brk: m.brk });
        break;
      }
      case 'exit': {
        const m = proc(c.p);
        if (m === undefined) break;
        vm.exit(m.id);
        procs.splice(procs.indexOf(m), 1);
        segCells();
        break;
      }
      case 'mmap': {
        const m = proc(c.p);
        if (m === undefined) break;
        const flags = (c.shared ? MapFlags.SHARED : MapFlags.PRIVATE) | MapFlags.ANONYMOUS | (c.fixed ? MapFlags.FIXED : 0);
        const addr = ARENA + c.at * PAGE_SIZE;
        const res = vm.mmap(m.id, { addr: c.fixed ? addr : 0, length: c.pages * PAGE_SIZE - (c.pages > 1 ? 100 : 0), prot: c.prot, flags });
        if (res < 0) {
          eq(res, -Errno.ENOMEM, 'mmap error');
          if (c.fixed) fail('fixed mmap failed');
          break;
        }
        const start = PAGE(res);
        if (c.fixed) eq(res, addr, 'fixed address');
        else for (let p = start; p < start + c.pages; p++) if (m.pages.has(p)) fail('mmap returned a used range');
        const cell = (): Cell => ({ data: null, seg: -1, file: -1, index: 0 });
        for (let p = start; p < start + c.pages; p++) m.pages.set(p, { prot: c.prot, shared: c.shared, cow: false, cell: cell() });
        segCells();
        break;
      }
      case 'munmap': {
        const m = proc(c.p);
        const page = m && pick(m, c.which);
        if (m === undefined || page === undefined) break;
        const lo = page + c.skew;
        eq(vm.munmap(m.id, lo * PAGE_SIZE, c.len * PAGE_SIZE), 0, 'munmap');
        unmapModel(m, lo, lo + c.len);
        segCells();
        break;
      }
      case 'mprotect': {
        const m = proc(c.p);
        const page = m && pick(m, c.which);
        if (m === undefined || page === undefined) break;
        let covered = true;
        for (let p = page; p < page + c.len; p++) if (!m.pages.has(p)) covered = false;
        const res = vm.mprotect(m.id, page * PAGE_SIZE, c.len * PAGE_SIZE, c.prot);
        eq(res, covered ? 0 : -Errno.ENOMEM, 'mprotect');
        if (covered) for (let p = page; p < page + c.len; p++) m.pages.get(p)!.prot = c.prot;
        break;
      }
      case 'write': {
        const m = proc(c.p);
        const page = m && pick(m, c.which);
        if (m === undefined || page === undefined) break;
        const pg = m.pages.get(page)!;
        const len = Math.min(c.len, PAGE_SIZE - c.off);
        const data = new Uint8Array(len).fill(c.value);
        const res = kwrite(r, m.id, page * PAGE_SIZE + c.off, data);
        if ((pg.prot & Prot.WRITE) === 0) {
          eq(res, -Errno.EACCES, 'write to a read-only page');
          break;
        }
        eq(res, 0, 'write');
        if (pg.cow) {
          pg.cow = false;
          pg.cell = { data: pg.cell.data?.slice() ?? null, seg: -1, file: -1, index: 0 };
        }
        pg.cell.data ??= new Uint8Array(PAGE_SIZE);
        pg.cell.data.set(data, c.off);
        break;
      }
      case 'read': {
        const m = proc(c.p);
        const page = m && pick(m, c.which);
        if (m === undefined) break;
        if (page === undefined) {
          eq(kread(r, m.id, ARENA, 1), -Errno.EFAULT, 'read of nothing');
          break;
        }
        const pg = m.pages.get(page)!;
        const res = kread(r, m.id, page * PAGE_SIZE, PAGE_SIZE);
        if ((pg.prot & (Prot.READ | Prot.WRITE)) === 0) {
          eq(res, -Errno.EACCES, 'read of an unreadable page');
          break;
        }
        if (typeof res === 'number') fail(`read failed with ${res}`);
        const want = pg.cell.data ?? new Uint8Array(PAGE_SIZE);
        if (!Buffer.from(res as Uint8Array).equals(want)) fail('read contents differ');
        break;
      }
      case 'shmget': {
        const flags = (c.creat ? Ipc.CREAT : 0) | (c.excl ? Ipc.EXCL : 0);
        const res = vm.shmget(c.key, c.pages * PAGE_SIZE, flags);
        const existing = c.key === Ipc.PRIVATE ? undefined : [...segs.values()].find((s) => s.key === c.key);
        if (existing !== undefined) {
          if (c.creat && c.excl) eq(res, -Errno.EEXIST, 'shmget excl');
          else if (c.pages > existing.pages) eq(res, -Errno.EINVAL, 'shmget size');
          else eq(res, existing.id, 'shmget existing');
          break;
        }
        if (c.key !== Ipc.PRIVATE && !c.creat) {
          eq(res, -Errno.ENOENT, 'shmget missing');
          break;
        }
        if (res === -Errno.ENOMEM || res === -Errno.ENOSPC) break; // shm area or ids full
        let id = 0;
        while (segs.has(id)) id++;
        eq(res, id, 'shmget new id (lowest free)');
        const cells: Cell[] = [];
        for (let i = 0; i < c.pages; i++) cells.push({ data: null, seg: id, file: -1, index: 0 });
        segs.set(id, { id, key: c.key, pages: c.pages, cells, addr: -1, attached: false });
        break;
      }
      case 'shmat': {
        const m = proc(c.p);
        if (m === undefined || segs.size === 0) break;
        const all = [...segs.values()];
        const seg = all[c.seg % all.length]!;
        const res = vm.shmat(m.id, seg.id, c.rdonly ? Ipc.SHM_RDONLY : 0);
        if (seg.addr >= 0) {
          let free = true;
          for (let i = 0; i < seg.pages; i++) if (m.pages.has(PAGE(seg.addr) + i)) free = false;
          if (!free) {
            eq(res, -Errno.EINVAL, 'shmat over a used range');
            break;
          }
          eq(res, seg.addr, 'every attacher gets the same address');
        }
        if (res < 0) fail(`shmat failed with ${res}`);
        seg.addr = res;
        seg.attached = true;
        const prot = c.rdonly ? Prot.READ : Prot.READ | Prot.WRITE;
        for (let i = 0; i < seg.pages; i++) m.pages.set(PAGE(res) + i, { prot, shared: true, cow: false, cell: seg.cells[i]! });
        break;
      }
      case 'shmdt': {
        const m = proc(c.p);
        if (m === undefined || segs.size === 0) break;
        const all = [...segs.values()];
        const seg = all[c.seg % all.length]!;
        if (seg.addr < 0) break;
        const res = vm.shmdt(m.id, seg.addr);
        const first = m.pages.get(PAGE(seg.addr));
        if (first?.cell !== seg.cells[0]) {
          eq(res, -Errno.EINVAL, 'shmdt of a segment not attached there');
          break;
        }
        eq(res, 0, 'shmdt');
        for (let p = PAGE(seg.addr); m.pages.get(p)?.cell.seg === seg.id; p++) m.pages.delete(p);
        segCells();
        break;
      }
      case 'mmapFile': {
        const m = proc(c.p);
        if (m === undefined) break;
        const res = vm.mmap(m.id, {
          length: c.pages * PAGE_SIZE,
          prot: c.prot,
          flags: c.shared ? MapFlags.SHARED : MapFlags.PRIVATE,
          file: FILE_BASE + c.file,
          offset: c.offset * PAGE_SIZE,
        });
        if (res < 0) {
          eq(res, -Errno.ENOMEM, 'file mmap error');
          break;
        }
        const start = PAGE(res);
        for (let i = 0; i < c.pages; i++) {
          if (m.pages.has(start + i)) fail('file mmap returned a used range');
          m.pages.set(start + i, { prot: c.prot, shared: c.shared, cow: !c.shared, cell: fileCells[c.file]![c.offset + i]! });
        }
        break;
      }
      case 'msync': {
        const m = proc(c.p);
        const page = m && pick(m, c.which);
        if (m === undefined || page === undefined) break;
        let covered = true;
        for (let p = page; p < page + c.len; p++) if (!m.pages.has(p)) covered = false;
        eq(vm.msync(m.id, page * PAGE_SIZE, c.len * PAGE_SIZE, 4), covered ? 0 : -Errno.ENOMEM, 'msync');
        if (!covered) break;
        for (let p = page; p < page + c.len; p++) {
          const pg = m.pages.get(p)!;
          if (!pg.shared || pg.cell.file < 0) continue;
          const backing = r.files.contents.get(pg.cell.file)!.get(pg.cell.index)!;
          if (!Buffer.from(backing).equals(pg.cell.data!)) fail(`msync did not write page ${pg.cell.index} of file ${pg.cell.file} back`);
        }
        break;
      }
      case 'cycleFile': {
        // Close and reopen: if nothing maps the file its object goes (written back) and comes back from the file.
        vm.closeFile(FILE_BASE + c.file);
        vm.openFile(FILE_BASE + c.file);
        break;
      }
      case 'brk': {
        const m = proc(c.p);
        if (m === undefined) break;
        const want = m.brk + c.delta;
        const oldTop = Math.ceil(m.brk / PAGE_SIZE);
        const newTop = Math.ceil(want / PAGE_SIZE);
        let ok = want >= m.brkStart;
        if (ok) for (let p = oldTop; p < newTop; p++) if (m.pages.has(p)) ok = false;
        const res = vm.brk(m.id, want);
        eq(res, ok ? want : m.brk, 'brk');
        if (!ok) break;
        for (let p = oldTop; p < newTop; p++) m.pages.set(p, { prot: Prot.READ | Prot.WRITE, shared: false, cow: false, cell: { data: null, seg: -1, file: -1, index: 0 } });
        unmapModel(m, newTop, oldTop);
        m.brk = want;
        break;
      }
    }
    check();
  }
  step = cmds.length;
  for (const m of procs) vm.exit(m.id);
  procs.length = 0;
  check();
  for (let f = 0; f < FILES; f++) {
    vm.closeFile(FILE_BASE + f);
    for (let i = 0; i < FILE_PAGES; i++) {
      if (!Buffer.from(r.files.contents.get(FILE_BASE + f)!.get(i)!).equals(fileCells[f]![i]!.data!)) fail(`file ${f} page ${i} was not written back`);
    }
  }
  const unattached = [...segs.values()].filter((g) => !g.attached).length;
  eq(vm.stats().files, 1 + unattached, 'vm files left: /dev/zero and segments never attached');
  eq(r.frames.freeCount, r.baseline, 'free frames after every process exited');
  return { ...r, maxDepth };
}
