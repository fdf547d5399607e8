/**
 * The hostile guest: ARM machine code, generated from a seed, that loops forever issuing
 * random system calls through the syscall page with random and adversarial arguments, plus
 * SWIs outside the page, undefined instructions, wild loads, stores and jumps. Every thread
 * of every space runs the same loop; an in-guest xorshift generator (r11) picks the next
 * operation and the argument values, each from a small table chosen at generation time, so
 * the loop never repeats itself and no two threads follow the same path.
 *
 * Registers: r9 = the thread's own id (from getid at entry), r10 = store base, r11 = the
 * random state, r12 = table index / syscall address. A thread started by the host gets its
 * seed in r0; children created by the loop start at `child` with a seed the creator wrote.
 */
import { CacheOp, Exregs, IpcFlags, KernelLayout, MapFlags, MutexOp, Syscall, ThreadAction, ThreadFlags, ThreadIds } from '../../src/index.js';
import type { Entry } from './arm-gen.js';
import { ArmGen, C, Op, Sh } from './arm-gen.js';

/** Where the guest lives, and the regions its pager may map on demand. */
export const Layout = {
  Code: 0x00010000,
  Data: 0x00080000,
  DataSize: 0x4000,
  /** getid result of the thread (tid, space, group). */
  Self: 0x00080000,
  /** thread_control ids buffer. */
  Ids: 0x00080010,
  /** exchange_registers buffer (80 bytes). */
  Exr: 0x00080040,
  /** A general buffer for pointers (time, getid, capability_control). */
  Buf: 0x00080100,
  /** Extended IPC buffers. */
  Ext: 0x00080800,
  /** Mutex words. */
  Mutex: 0x00083000,
  /** The playground: map and unmap work here; its pages are mapped on demand. */
  Play: 0x40000000,
  PlaySize: 0x00400000,
  Utcb: 0x7f000000,
  StackTop: 0x80000000,
  StackSize: 0x4000,
} as const;

/** A deterministic 32-bit generator for generation-time choices (mulberry32). */
export class Prng {
  #s: number;
  constructor(seed: number) {
    this.#s = seed >>> 0;
  }
  next(): number {
    this.#s = (this.#s + 0x6d2b79f5) >>> 0;
    let t = this.#s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** 0 ≤ n < max. */
  below(max: number): number {
    return this.next() % max;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.below(xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() / 0x100000000 < p;
  }
}

/** Values computed at run time instead of taken from a table. */
type Special = 'self' | 'rand' | 'randPage' | 'randSmall' | 'randScratch' | 'ids';
type Value = number | Special | { readonly label: string };

/** What the generator needs to know of the machine it targets. */
export interface GuestTargets {
  /** The pager thread (hostile IPC to it is always a short call, so it can always reply). */
  readonly keeper: number;
  /** First physical address of the scratch frames the pager maps (1 MiB aligned). */
  readonly scratch: number;
  /** A device window (USR_IO mappings). */
  readonly device: number;
}

/** The generated program and its entry points. */
export interface HostileImage {
  readonly code: Uint8Array;
  /** Start of host-spawned threads (seed in r0). */
  readonly entry: number;
  /** Where children and reset threads start. */
  readonly child: number;
  /** A loop that waits forever for a message from the keeper (the anchor thread). */
  readonly park: number;
  /** Bytes of code rounded up to pages. */
  readonly codePages: number;
}

const NIL = ThreadIds.Nil;
const ANY = ThreadIds.Any;
const L = Layout;
const SYS = KernelLayout.SyscallPage;
const KIP = KernelLayout.Kip;

/** The operations of the loop and their weights (out of 256 dispatch slots). */
const WEIGHTS: readonly [string, number][] = [
  ['ipc', 34],
  ['recvAny', 12],
  ['switch', 8],
  ['threadControl', 14],
  ['spawn', 7],
  ['exregs', 14],
  ['map', 16],
  ['unmap', 10],
  ['getid', 8],
  ['cap', 6],
  ['time', 8],
  ['mutex', 14],
  ['cache', 6],
  ['irq', 8],
  ['misc', 12],
  ['swi', 6],
  ['undef', 6],
  ['wild', 20],
  ['jump', 3],
  ['fillUtcb', 6],
  ['destroySelf', 1],
];

/** Builds the hostile program for `targets` from `seed`. */
export function buildHostileImage(seed: number, tg: GuestTargets): HostileImage {
  const g = new ArmGen(L.Code);
  const rnd = new Prng(seed);

  const pools = {
    tid: [NIL, ANY, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 16, tg.keeper, 0x10000, 0x7fffffff, 'self', 'self', 'self', 'randSmall', 'randSmall', 'rand'],
    ptr: [
      L.Buf, L.Buf, L.Buf + 0x40, L.Ids, L.Self, L.Ext, L.Data + 0xffc, L.Data + L.DataSize - 4, L.Data + L.DataSize, L.Play, L.Play + 0x1000, L.Play + 0x800,
      L.Utcb, L.Utcb + 0x28, L.StackTop - 0x100, L.Code, L.Code + 0x100, KIP, KIP + 0x50, SYS, KernelLayout.Vectors, KernelLayout.KernelBase, 0xf0000000, 0, 4, 3, L.Buf + 2,
      0xfffffffc, 0x30000000, 'randPage', 'rand',
    ],
    va: [
      L.Play, L.Play + 0x1000, L.Play + 0x2000, L.Play + 0x100000, L.Play + L.PlaySize - 0x1000, L.Data, L.Data + 0x1000, L.Code, L.Utcb, L.StackTop - L.StackSize, 0x1000, 0,
      0xbefff000, KernelLayout.KernelBase, SYS, L.Play + 0x800, 0x60000000, 'randPage', 'randPage', 'randPage', 'rand',
    ],
    npages: [0, 1, 1, 1, 2, 3, 4, 16, 255, 256, 0x100000, 0xffffffff, 0x80000000, 'randSmall', 'randSmall'],
    phys: [tg.scratch, tg.scratch + 0x1000, tg.scratch + 0x2000, tg.scratch + 0x80000, 0x1000, 0x100000, 0, tg.scratch + 0x100000, 0xfffff000, tg.scratch + 0x800, 0x400000, 0x401000, tg.device, 'randScratch', 'randScratch', 'randScratch', 'rand'],
    mapFlags: [MapFlags.UserRw, MapFlags.UserRw, MapFlags.UserRo, MapFlags.UserIo, MapFlags.UserRwx, MapFlags.UserRx, 0, 3, 5, 7, 9, 0x10, 0xffffffff, 'randSmall'],
    ipcFlags: [
      IpcFlags.Short, IpcFlags.Short, IpcFlags.Short, IpcFlags.Full, IpcFlags.Full, 3, 15, 0xfffffff0, 'rand',
      ...[2, 3, 4, 5, 6, 10, 59, 60].flatMap((mr) => [0, 1, 64, 100, 2048, 2049].map((size) => IpcFlags.Extended | (mr << IpcFlags.ExtMrShift) | (size << IpcFlags.ExtSizeShift))),
    ],
    tcAction: [
      ...[ThreadFlags.ShareSpace, ThreadFlags.CopySpace, ThreadFlags.NewSpace, 0, ThreadFlags.ShareSpace | ThreadFlags.CopySpace, ThreadFlags.SpaceMask].flatMap((k) =>
        [0, ThreadFlags.ShareCaps, ThreadFlags.ShareUtcb, ThreadFlags.ShareGroup, ThreadFlags.ShareCaps | ThreadFlags.ShareUtcb | ThreadFlags.ShareGroup, 0x00800000].map((f) => ThreadAction.Create | k | f),
      ),
      ThreadAction.Run, ThreadAction.Run, ThreadAction.Suspend, ThreadAction.Suspend, ThreadAction.Destroy | 7, ThreadAction.Destroy, ThreadAction.Recycle, ThreadAction.Wait, ThreadAction.Wait,
      0x60000000, 0xf0000000, 'rand',
    ],
    spawn: [
      ThreadFlags.ShareSpace, ThreadFlags.ShareSpace | ThreadFlags.ShareCaps, ThreadFlags.ShareSpace | ThreadFlags.ShareUtcb, ThreadFlags.ShareSpace | ThreadFlags.ShareGroup,
      ThreadFlags.CopySpace, ThreadFlags.CopySpace | ThreadFlags.ShareCaps, ThreadFlags.NewSpace, ThreadFlags.NewSpace | ThreadFlags.ShareCaps,
    ],
    valid: [0, 0xffff, 0x8000, 0xa800, 0x0fff, 0x2000, 0x1, 'rand'],
    exFlags: [0, 0, Exregs.SetPager, Exregs.SetUtcb, 3, Exregs.Read, Exregs.Read, 5, 6, 7, 'rand'],
    utcb: [L.Utcb, L.Utcb + 0x100, L.Utcb + 0x200, L.Utcb + 0xf00, 0, L.Utcb + 1, L.Buf, 0x30000000, KIP, 'rand'],
    pc: [{ label: 'child' }, { label: 'child' }, { label: 'loop' }, 0, KIP, SYS + 0x24, L.Data, 'rand', L.Code + 4 * rnd.below(64)],
    sp: [L.StackTop, L.StackTop - 0x1000, 0, L.Data + 0x1000, 'rand'],
    capReq: [0, 0, 1, 1, 2, 'rand'],
    timeSet: [0, 0, 0, 1, 'rand'],
    mutexAddr: [L.Play + 0x800, L.Play + 0x804, L.Play + 0x1800, L.Mutex, L.Mutex + 4, L.Utcb + 0x20, KIP, KIP + 4, SYS, 0, 2, L.Play + 0x802, 0x30000000, 0xf0000000],
    mutexOp: [MutexOp.Lock, MutexOp.Lock, MutexOp.Unlock, MutexOp.Unlock | 1, MutexOp.Unlock | 2, MutexOp.Unlock | 0xfff, 0, 0x30000000, 'rand'],
    cacheOp: [CacheOp.InvalidateICache, CacheOp.InvalidateDCache, CacheOp.CleanDCache, CacheOp.CleanInvalidateDCache, CacheOp.InvalidateTlb, 0, 6, 'rand'],
    irqReq: [0, 0, 1, 2, 2, 3, 'rand'],
    slot: [0, 1, 2, 7, 8, 'randSmall', 'rand'],
    irq: [0, 1, 2, 3, 5, 8, 16, 31, 32, 'randSmall', 'rand'],
    value: [0, 1, 0xffffffff, 0x80000000, tg.keeper, 'rand', 'rand', 'self', L.Play, L.Buf, 0x7fffffff, 2, IpcFlags.Full],
    jump: [KIP, 0, SYS + 0x3c, KernelLayout.Vectors, L.Data, L.Play, 0x30000000, 'rand', L.Code + 2, KIP + 0xffc],
  } satisfies Record<string, readonly Value[]>;

  /** Advances the in-guest generator in r11 (xorshift32; a zero state is reseeded). */
  const rng = (): void => {
    g.dpi(Op.CMP, 0, 11, 0);
    g.dpi(Op.MOV, 11, 0, 0xa5, C.EQ);
    g.dpr(Op.EOR, 11, 11, 11, Sh.LSL, 13);
    g.dpr(Op.EOR, 11, 11, 11, Sh.LSR, 17);
    g.dpr(Op.EOR, 11, 11, 11, Sh.LSL, 5);
  };

  const special = (rd: number, s: Special): void => {
    switch (s) {
      case 'self':
        g.dpr(Op.MOV, rd, 0, 9);
        return;
      case 'rand':
        rng();
        g.dpr(Op.MOV, rd, 0, 11);
        return;
      case 'randPage':
        rng();
        g.dpr(Op.MOV, rd, 0, 11, Sh.LSR, 22);
        g.dpr(Op.MOV, rd, 0, rd, Sh.LSL, 12);
        g.dpi(Op.ADD, rd, rd, L.Play);
        return;
      case 'randSmall':
        rng();
        g.dpi(Op.AND, rd, 11, 31);
        return;
      case 'randScratch':
        rng();
        g.dpr(Op.MOV, rd, 0, 11, Sh.LSR, 24);
        g.dpr(Op.MOV, rd, 0, rd, Sh.LSL, 12);
        g.dpi(Op.ADD, rd, rd, tg.scratch);
        return;
      case 'ids':
        // the first word of the thread_control ids buffer: after a create, the child
        g.mov(rd, L.Ids);
        g.mem(true, rd, rd, 0);
        return;
    }
  };

  /** Marks a table entry to be replaced by the thread's own id at run time. */
  const SELF_MARK = 0xfffffffd;

  /** A generation-time stand-in for a run-time special value in a table. */
  const fixed = (s: Special): number => {
    switch (s) {
      case 'self':
        return SELF_MARK;
      case 'rand':
        return rnd.next();
      case 'randPage':
        return L.Play + rnd.below(L.PlaySize / 4096) * 4096;
      case 'randSmall':
        return rnd.below(32);
      case 'randScratch':
        return tg.scratch + rnd.below(256) * 4096;
      case 'ids':
        return rnd.below(16); // only ever used alone, so read at run time (see special)
    }
  };

  /**
   * rd = an argument from `pool`: mostly one of 16 values drawn now from the pool and chosen
   * at run time; sometimes a single fixed value; sometimes a value computed at run time.
   */
  const arg = (rd: number, pool: readonly Value[]): void => {
    const roll = pool.length === 1 ? 0 : rnd.below(10);
    if (roll === 0) {
      const v = rnd.pick(pool);
      if (typeof v === 'string') special(rd, v);
      else if (typeof v === 'number') g.mov(rd, v);
      else g.movLabel(rd, v.label);
      return;
    }
    const specials = pool.filter((v): v is Special => typeof v === 'string');
    if (roll === 1 && specials.length > 0) {
      special(rd, rnd.pick(specials));
      return;
    }
    let self = false;
    const entries: Entry[] = [];
    for (let i = 0; i < 16; i++) {
      const v = rnd.pick(pool);
      if (v === 'self') self = true;
      entries.push(typeof v === 'string' ? fixed(v) : v);
    }
    rng();
    g.dpi(Op.AND, 12, 11, 15);
    g.table(rd, entries);
    if (self) {
      g.dpi(Op.CMN, 0, rd, 3);
      g.dpr(Op.MOV, rd, 0, 9, Sh.LSL, 0, C.EQ);
    }
  };

  const sys = (off: number): void => {
    g.mov(12, (SYS + off) >>> 0);
    g.blx(12);
  };

  /** Stores r0 at `base + offset` using r10 as the base. */
  const store = (address: number): void => {
    g.mov(10, address);
    g.mem(false, 0, 10, 0);
  };

  const ops = new Map<string, () => void>([
    [
      'ipc',
      () => {
        for (let r = 3; r <= 8; r++) arg(r, rnd.chance(0.5) ? pools.ptr : pools.value);
        const shape = rnd.below(20);
        arg(0, shape < 14 ? pools.tid : [NIL]);
        if (shape < 7) g.dpr(Op.MOV, 1, 0, 0); // a call
        else if (shape < 12) g.mov(1, NIL); // a send
        else arg(1, shape < 17 ? [ANY, ANY, ...pools.tid] : pools.tid); // a receive, or anything
        arg(2, pools.ipcFlags);
        // Anything sent to the keeper is a short call, so the keeper's reply never blocks it.
        g.mov(12, tg.keeper);
        g.dpr(Op.CMP, 0, 0, 12);
        g.dpr(Op.MOV, 1, 0, 0, Sh.LSL, 0, C.EQ);
        g.dpi(Op.MOV, 2, 0, 0, C.EQ);
        sys(Syscall.Ipc);
      },
    ],
    [
      'recvAny',
      () => {
        g.mov(0, NIL);
        g.mov(1, ANY);
        arg(2, rnd.chance(0.7) ? [IpcFlags.Short, IpcFlags.Full] : pools.ipcFlags);
        sys(Syscall.Ipc);
      },
    ],
    [
      'switch',
      () => {
        sys(Syscall.ThreadSwitch);
      },
    ],
    [
      'threadControl',
      () => {
        arg(0, pools.tid);
        store(L.Ids);
        arg(0, pools.value);
        store(L.Ids + 4);
        arg(0, pools.tid);
        store(L.Ids + 8);
        arg(0, pools.tcAction);
        arg(1, rnd.chance(0.8) ? [L.Ids] : pools.ptr);
        sys(Syscall.ThreadControl);
      },
    ],
    [
      'spawn',
      () => {
        g.mov(0, L.Ids);
        sys(Syscall.GetId);
        arg(0, pools.spawn);
        g.mov(1, L.Ids);
        sys(Syscall.ThreadControl);
        g.dpi(Op.CMP, 0, 0, 0);
        g.b('child', C.NE); // a failed create, or the COPY_SPACE child (r0 = the action word)
        const exr = (w: number): number => L.Exr + w * 4;
        arg(0, rnd.chance(0.8) ? [{ label: 'child' }] : pools.pc);
        store(exr(15));
        arg(0, rnd.chance(0.8) ? [L.StackTop - 0x800 * (1 + rnd.below(6))] : pools.sp);
        store(exr(13));
        special(0, 'rand');
        store(exr(11));
        arg(0, rnd.chance(0.8) ? [0xa800] : pools.valid);
        store(exr(Exregs.ValidVector));
        arg(0, rnd.chance(0.6) ? [Exregs.SetUtcb] : pools.exFlags);
        store(exr(Exregs.Flags));
        arg(0, pools.utcb);
        store(exr(Exregs.UtcbAddress));
        g.mov(0, L.Exr);
        g.mov(1, L.Ids);
        g.mem(true, 1, 1, 0);
        sys(Syscall.ExchangeRegisters);
        g.mov(0, ThreadAction.Run);
        g.mov(1, L.Ids);
        sys(Syscall.ThreadControl);
        if (rnd.chance(0.7)) {
          // Hand the child to the keeper, which serves its faults (the creator would not).
          g.mov(0, tg.keeper);
          store(exr(Exregs.Pager));
          g.mov(0, Exregs.SetPager);
          store(exr(Exregs.Flags));
          g.mov(0, 0);
          store(exr(Exregs.ValidVector));
          g.mov(0, L.Exr);
          g.mov(1, L.Ids);
          g.mem(true, 1, 1, 0);
          sys(Syscall.ExchangeRegisters);
        }
      },
    ],
    [
      'exregs',
      () => {
        for (let k = 0; k < 3; k++) {
          const w = rnd.below(16);
          arg(0, w === 15 ? pools.pc : w === 13 ? pools.sp : pools.value);
          store(L.Exr + w * 4);
        }
        arg(0, pools.valid);
        store(L.Exr + Exregs.ValidVector * 4);
        arg(0, pools.exFlags);
        store(L.Exr + Exregs.Flags * 4);
        arg(0, rnd.chance(0.5) ? [tg.keeper] : pools.tid);
        store(L.Exr + Exregs.Pager * 4);
        arg(0, pools.utcb);
        store(L.Exr + Exregs.UtcbAddress * 4);
        arg(0, rnd.chance(0.8) ? [L.Exr] : pools.ptr);
        arg(1, pools.tid);
        sys(Syscall.ExchangeRegisters);
      },
    ],
    [
      'map',
      () => {
        arg(0, pools.phys);
        arg(1, pools.va);
        arg(2, pools.npages);
        arg(3, pools.mapFlags);
        // mostly its own space; often the space of the thread it last created (which it
        // pages, so the call can succeed while that space is not the running one)
        arg(4, rnd.chance(0.6) ? ['self'] : rnd.chance(0.5) ? ['ids'] : pools.tid);
        sys(Syscall.Map);
      },
    ],
    [
      'unmap',
      () => {
        arg(0, pools.va);
        arg(1, pools.npages);
        arg(2, rnd.chance(0.6) ? ['self'] : rnd.chance(0.5) ? ['ids'] : pools.tid);
        sys(Syscall.Unmap);
      },
    ],
    [
      'getid',
      () => {
        arg(0, pools.ptr);
        sys(Syscall.GetId);
      },
    ],
    [
      'cap',
      () => {
        arg(0, pools.capReq);
        arg(1, pools.value);
        arg(2, pools.ptr);
        sys(Syscall.CapabilityControl);
      },
    ],
    [
      'time',
      () => {
        arg(0, pools.ptr);
        arg(1, pools.timeSet);
        sys(Syscall.Time);
      },
    ],
    [
      'mutex',
      () => {
        arg(0, pools.mutexAddr);
        arg(1, pools.mutexOp);
        sys(Syscall.MutexControl);
      },
    ],
    [
      'cache',
      () => {
        arg(0, pools.value);
        arg(1, pools.value);
        arg(2, pools.cacheOp);
        sys(Syscall.CacheControl);
      },
    ],
    [
      'irq',
      () => {
        arg(0, pools.irqReq);
        arg(1, pools.slot);
        arg(2, pools.irq);
        sys(Syscall.IrqControl);
      },
    ],
    [
      'misc',
      () => {
        for (let r = 0; r < 5; r++) arg(r, pools.value);
        // The calls with no arguments to speak of, offsets past the last call, a misaligned
        // slot, and (rarely) a jump into the page in Thumb state.
        const offsets = [Syscall.Schedule, Syscall.IpcControl, Syscall.ContainerControl, 0x3c, 0x40, 0x100, 0xffc, 2, rnd.chance(0.1) ? 1 : Syscall.Schedule];
        arg(5, offsets.map((o) => (SYS + o) >>> 0));
        g.blx(5);
      },
    ],
    ['swi', () => g.w(0xef000000 | (rnd.next() & 0xffffff))],
    [
      'undef',
      () => {
        g.w(
          rnd.pick([
            0xe7f000f0 | (rnd.next() & 0x000fff0f),
            0xee110f10, // mrc p15, 0, r0, c1, c0, 0 (privileged)
            0xee070f90, // mcr p15, 0, r0, c7, c0, 4 (wait for interrupt, privileged)
            0xee000010 | ((rnd.next() & 0xe) << 8), // mcr to an absent coprocessor
            0xec800000 | ((rnd.next() & 0xe) << 8), // stc to an absent coprocessor
            0xe6000010 | (rnd.next() & 0x000fff00),
            0xf7f000f0,
            rnd.next(),
          ]),
        );
      },
    ],
    [
      'wild',
      () => {
        arg(0, rnd.chance(0.6) ? pools.ptr : pools.va);
        arg(1, pools.value);
        g.w(
          rnd.pick([
            0xe5902000, // ldr r2, [r0]
            0xe5801000, // str r1, [r0]
            0xe5d02000, // ldrb r2, [r0]
            0xe5c01000, // strb r1, [r0]
            0xe1d020b0, // ldrh r2, [r0]
            0xe1c010b0, // strh r1, [r0]
            0xe890003c, // ldm r0, {r2-r5}
            0xe880001e, // stm r0, {r1-r4}
            0xe1002091, // swp r2, r1, [r0]
            0xe1402091, // swpb r2, r1, [r0]
            0xe1c020d0, // ldrd r2, r3, [r0]
            0xe1c020f0, // strd r2, r3, [r0]
            0xe5101004, // ldr r1, [r0, #-4]
          ]),
        );
      },
    ],
    [
      'jump',
      () => {
        arg(0, pools.jump);
        g.blx(0);
      },
    ],
    [
      'fillUtcb',
      () => {
        arg(0, pools.value);
        g.mov(10, L.Utcb + 0x28 + 4 * rnd.below(54));
        g.mem(false, 0, 10, 0);
      },
    ],
    [
      'destroySelf',
      () => {
        g.dpr(Op.MOV, 0, 0, 9);
        store(L.Ids);
        g.mov(0, ThreadAction.Destroy | rnd.below(0x10000));
        g.mov(1, L.Ids);
        sys(Syscall.ThreadControl);
      },
    ],
  ]);

  // Entry points, then the dispatcher, then the operations (three variants of each).
  g.label('entry');
  g.dpr(Op.MOV, 11, 0, 0);
  g.label('child');
  g.mov(0, L.Self);
  sys(Syscall.GetId);
  g.mov(1, L.Self);
  g.mem(true, 9, 1, 0);
  g.label('loop');
  rng();
  g.dpr(Op.MOV, 12, 0, 11, Sh.LSR, 24);
  g.w(0xe79ff10c); // ldr pc, [pc, r12, lsl #2]
  g.w(0xe1a00000); // nop: the table starts 8 bytes after the load
  const variants: string[] = [];
  let n = 0;
  for (const [name, weight] of WEIGHTS) {
    for (let v = 0; v < 3; v++) variants.push(`${name}.${v}`);
    n += weight;
  }
  const slots: string[] = [];
  for (const [name, weight] of WEIGHTS) for (let i = 0; i < Math.round((weight * 256) / n); i++) slots.push(`${name}.${i % 3}`);
  while (slots.length < 256) slots.push('ipc.0');
  slots.length = 256;
  for (const s of slots) g.addr(s);
  g.label('park');
  g.mov(0, NIL);
  g.mov(1, tg.keeper);
  g.mov(2, 0);
  sys(Syscall.Ipc);
  g.b('park');
  for (const v of variants) {
    g.label(v);
    ops.get(v.slice(0, v.indexOf('.')))!();
    g.b('loop');
  }
  const code = g.bytes();
  return { code, entry: g.addressOf('entry'), child: g.addressOf('child'), park: g.addressOf('park'), codePages: Math.ceil(code.length / 4096) };
}
