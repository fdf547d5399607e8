import { describe, expect, it } from 'vitest';
import type { ServerBody } from '../src/index.js';
import { CacheOp, CapRequest, Errno, Exregs, KernelLayout, MapFlags, MutexOp, Syscall, ThreadAction, ThreadFlags, receive, send, syscall, threadSwitch } from '../src/index.js';
import { Asm } from '../../../scripts/test-kit/arm-asm.js';
import { machine } from './helpers/machine.js';

const E = Errno;
const USER = 0x400000; // first user-pool frame with the default 16 MiB platform (4 MiB kernel pool)

/** Runs one server body to completion and returns what it recorded. */
function runServer(body: (out: number[][]) => ServerBody): number[][] {
  const m = machine();
  const out: number[][] = [];
  m.kernel.spawnServer(body(out));
  expect(m.kernel.run()).toBe('idle');
  return out;
}

describe('map and unmap', () => {
  it('follow the error table', () => {
    const out = runServer((o) =>
      function* (self) {
        const me = self.tid;
        const map = (p: number, v: number, n: number, f: number, t = me) => syscall(Syscall.Map, p, v, n, f, t);
        const r: number[] = [];
        r.push(yield map(USER, 0x100000, 4, MapFlags.UserRw));
        r.push(yield map(USER, 0x100000, 4, MapFlags.UserRo));
        r.push(yield map(USER + 0x1000, 0x100000, 1, MapFlags.UserRx));
        r.push(yield map(0x100000, 0x200000, 1, MapFlags.UserRw)); // kernel pool
        r.push(yield map(0x1000000, 0x200000, 1, MapFlags.UserRw)); // beyond RAM
        r.push(yield map(USER, 0x200000, 0, MapFlags.UserRw));
        r.push(yield map(0, 0x200000, 1, MapFlags.UserRw));
        r.push(yield map(USER, 0, 1, MapFlags.UserRw));
        r.push(yield map(USER, 0x200000, 0xffffffff, MapFlags.UserRw));
        r.push(yield map(USER, 0x200000, 0x100000, MapFlags.UserRw));
        for (const f of [0, 3, 5, 7, 9, 10]) r.push(yield map(USER, 0x200000, 1, f));
        r.push(yield map(USER, 0xfffff000, 2, MapFlags.UserRw));
        for (const v of [KernelLayout.KernelBase, KernelLayout.Vectors, KernelLayout.Kip, KernelLayout.SyscallPage]) r.push(yield map(USER, v, 1, MapFlags.UserRo));
        r.push(yield map(USER, 0x200000, 1, MapFlags.UserRw, 999));
        o.push(r);
        const u: number[] = [];
        u.push(yield syscall(Syscall.Unmap, 0x100000, 4, me));
        u.push(yield syscall(Syscall.Unmap, 0x100000, 4, me));
        u.push(yield syscall(Syscall.Unmap, 0x100000, 0, me));
        u.push(yield syscall(Syscall.Unmap, KernelLayout.Kip, 1, me));
        u.push(yield syscall(Syscall.Unmap, KernelLayout.SyscallPage, 1, me));
        u.push(yield syscall(Syscall.Unmap, 0x100000, 1, 999));
        o.push(u);
      },
    );
    expect(out).toEqual([
      [0, 0, 0, -E.ENOCAP, -E.ENOCAP, -E.EINVAL, -E.EINVAL, -E.EINVAL, -E.EINVAL, -E.EINVAL, ...Array<number>(6).fill(-E.EINVAL), -E.EINVAL, -E.ENOCAP, -E.ENOCAP, -E.ENOCAP, -E.ENOCAP, -E.ESRCH],
      [0, -E.ENOMAP, -E.EINVAL, -E.EINVAL, -E.EINVAL, -E.ESRCH],
    ]);
  });

  it('a pager serves a fault by mapping the page and replying; the thread retries the load', () => {
    const m = machine();
    const faults: number[][] = [];
    const pager = m.kernel.spawnServer(function* (self) {
      yield receive();
      faults.push(Array.from(self.utcb.subarray(0, 6)));
      const tid = self.utcb[1]!;
      yield syscall(Syscall.Map, 0x800000, 0x300000, 1, MapFlags.UserRo, tid);
      yield send(tid);
    });
    const a = new Asm(0x10000).ldr(0, 0x300000).ldrw(1, 0, 0).label('end').b('end');
    const tid = m.kernel.spawnProgram({ image: a.bytes(), loadAddress: 0x10000, pager });
    m.platform.memory.write32(0x800000, 0xcafe);
    m.kernel.run(10_000);
    expect(faults).toEqual([[0, tid, 0x10004, 0x5, 0x300000, 0]]);
    expect(m.kernel.thread(tid)?.registers[1]).toBe(0xcafe);
    expect(m.kernel.peek(tid, 0x300000)).toBe(0xcafe);
    expect(m.kernel.peek(tid, 0x301000)).toBeUndefined();
  });

  it('a pager remapping a page of a space that is not running: the space sees the new frame', () => {
    // A reads its page in a loop (its translation cache keeps the page). B, another space,
    // spins and then faults; the pager, reached from B (so A's space is not the CPU's),
    // moves A's page to another frame. A must see the new frame when it runs again.
    const m = machine();
    const NEW = 0x801000;
    let a = 0;
    const pager = m.kernel.spawnServer(function* (self) {
      yield receive();
      const first = self.utcb[1]!;
      yield syscall(Syscall.Map, 0x800000, 0x300000, 1, MapFlags.UserRo, first);
      yield send(first);
      yield receive(); // B's fault: B is the space the CPU last ran
      yield syscall(Syscall.Unmap, 0x300000, 1, a);
      yield syscall(Syscall.Map, NEW, 0x300000, 1, MapFlags.UserRo, a);
      for (;;) yield receive(); // B waits for ever
    });
    const progA = new Asm(0x10000).ldr(0, 0x300000).label('l').ldrw(1, 0, 0).b('l');
    a = m.kernel.spawnProgram({ image: progA.bytes(), loadAddress: 0x10000, pager });
    m.platform.memory.write32(0x800000, 0x1111);
    m.platform.memory.write32(NEW, 0x2222);
    m.kernel.run(20_000);
    expect(m.kernel.thread(a)?.registers[1]).toBe(0x1111);
    const progB = new Asm(0x10000).mov(2, 0).label('s').add(2, 2, 1).cmp(2, 200).b('s', 0xb).ldr(0, 0x500000).ldrw(1, 0, 0).label('e').b('e');
    const b = m.kernel.spawnProgram({ image: progB.bytes(), loadAddress: 0x10000, pager });
    m.kernel.run(3_000_000); // slices of many ticks: B's turn comes, then A's again
    expect(m.kernel.thread(b)?.registers[15]).toBe(0x10014); // B waits at its faulting load
    expect(m.kernel.peek(a, 0x300000)).toBe(0x2222);
    expect(m.kernel.thread(a)?.registers[1]).toBe(0x2222);
    expect(m.kernel.checkIntegrity()).toEqual([]);
  });
});

describe('small calls', () => {
  it('getid, time, cache_control, capability_control, schedule, container_control', () => {
    const out = runServer((o) =>
      function* (self) {
        o.push([yield syscall(Syscall.GetId, 0x100), ...self.memory.subarray(0x40, 0x43)]);
        o.push([yield syscall(Syscall.Time, 0x100, 1)]);
        o.push([yield syscall(Syscall.Time, 0x100, 0), self.memory[0x40]!, self.memory[0x41]!]);
        const c: number[] = [];
        for (const op of [CacheOp.InvalidateICache, CacheOp.InvalidateDCache, CacheOp.CleanDCache, CacheOp.CleanInvalidateDCache, CacheOp.InvalidateTlb, 0, 6]) {
          c.push(yield syscall(Syscall.CacheControl, 0, 0x1000, op));
        }
        o.push(c);
        o.push([yield syscall(Syscall.CapabilityControl, CapRequest.NCaps, 0, 0x200), self.memory[0x80]!]);
        o.push([yield syscall(Syscall.CapabilityControl, CapRequest.Read, 0, 0x200), ...self.memory.subarray(0x80, 0x84)]);
        o.push([yield syscall(Syscall.CapabilityControl, 7, 0, 0x200)]);
        o.push([yield syscall(Syscall.Schedule), yield syscall(Syscall.ContainerControl), yield syscall(Syscall.IpcControl)]);
        o.push([yield syscall(Syscall.GetId, 0x10000)]);
      },
    );
    expect(out).toEqual([
      [0, 1, 1, 1],
      [-E.ENOSYS],
      [0, 0, 0],
      [0, 0, 0, 0, 0, -E.EINVAL, -E.EINVAL],
      [0, 6], // user memory, virtual memory, IPC, thread control, irqs, the console UART page
      [0, 1, 0, USER / 4096, 4096],
      [-E.EINVAL],
      [0, 0, -E.ENOSYS],
      [-E.EFAULT],
    ]);
  });

  it('getid(NULL) from an ARM thread faults to its pager', () => {
    const m = machine();
    const seen: number[][] = [];
    const pager = m.kernel.spawnServer(function* (self) {
      yield syscall(Syscall.Ipc, 0xffffffff, 0xfffffffe, 0);
      seen.push(Array.from(self.utcb.subarray(0, 6)));
    });
    const a = new Asm(0x10000).mov(0, 0).sys(Syscall.GetId).label('end').b('end');
    const tid = m.kernel.spawnProgram({ image: a.bytes(), loadAddress: 0x10000, pager });
    m.kernel.run(10_000);
    // MR0 = PFAULT, sender, pc of the SWI in the syscall page, FSR (page translation), FAR 0, no PTE.
    expect(seen).toEqual([[0, tid, KernelLayout.SyscallPage + Syscall.GetId, 0x7, 0, 0]]);
  });
});

describe('thread_control', () => {
  it('checks create flags, ids and rights', () => {
    const m = machine();
    const out: number[] = [];
    const other = m.kernel.spawnServer(function* () {
      yield threadSwitch();
    });
    m.kernel.spawnServer(function* (self) {
      const tc = (action: number) => syscall(Syscall.ThreadControl, action, 0x100);
      out.push(yield tc(ThreadAction.Create));
      out.push(yield tc(ThreadAction.Create | ThreadFlags.NewSpace | ThreadFlags.CopySpace));
      out.push(yield tc(ThreadAction.Create | ThreadFlags.NewSpace | ThreadFlags.ShareUtcb));
      out.push(yield tc(ThreadAction.Create | ThreadFlags.NewSpace | 0x1));
      self.memory[0x41] = 999;
      out.push(yield tc(ThreadAction.Create | ThreadFlags.ShareSpace));
      self.memory[0x40] = 999;
      out.push(yield tc(ThreadAction.Run));
      self.memory[0x40] = other;
      out.push(yield tc(ThreadAction.Run));
      out.push(yield tc(ThreadAction.Destroy));
      out.push(yield tc(0x70000000));
      out.push(yield syscall(Syscall.ThreadControl, ThreadAction.Run, 0x10000));
      out.push(yield tc(ThreadAction.Create | ThreadFlags.NewSpace));
      out.push(self.memory[0x40] === self.tid + 1 ? 1 : 0);
      out.push(yield tc(ThreadAction.Destroy));
    });
    m.kernel.run();
    expect(out).toEqual([-E.EINVAL, -E.EINVAL, -E.EINVAL, -E.EINVAL, -E.ESRCH, -E.ESRCH, -E.EPERM, -E.EPERM, -E.EPERM, -E.EFAULT, 0, 1, 0]);
    expect(m.kernel.memoryStats().threads).toBe(0);
  });

  it('WAIT returns the exit code of a child that yields five times and exits with 5', () => {
    const m = machine();
    const out: number[] = [];
    const parent = m.kernel.spawnServer(function* (self) {
      self.memory[0x40] = parent + 1;
      out.push(yield syscall(Syscall.ThreadControl, ThreadAction.Wait, 0x100));
      out.push(yield syscall(Syscall.ThreadControl, ThreadAction.Wait, 0x100));
    });
    const a = new Asm(0x10000).mov(9, 5).label('loop').sys(Syscall.ThreadSwitch).sub(9, 9, 1).cmp(9, 0).b('loop', 0x10000000);
    a.ldr(0, 0x11000).sys(Syscall.GetId).ldr(0, ThreadAction.Destroy | 5).ldr(1, 0x11000).sys(Syscall.ThreadControl).label('end').b('end');
    const child = m.kernel.spawnProgram({ image: a.bytes(), loadAddress: 0x10000, bssSize: 0x1000, pager: parent });
    expect(child).toBe(parent + 1);
    expect(m.kernel.run()).toBe('idle');
    expect(out).toEqual([5, -E.ESRCH]);
    expect(m.kernel.threadIds()).toEqual([]);
  });

  it('SUSPEND stops a spinning ARM thread at a tick; exchange_registers writes and reads its context; RUN resumes it', () => {
    const m = machine({ instructionsPerSecond: 1_000_000 });
    const out: number[][] = [];
    const parent = m.kernel.spawnServer(function* (self) {
      self.memory[0x40] = parent + 1;
      out.push([yield syscall(Syscall.ThreadControl, ThreadAction.Suspend, 0x100)]);
      const x = self.memory.subarray(0x80, 0x80 + Exregs.Size / 4);
      x.fill(0xffffffff);
      x[Exregs.ValidVector] = 0xffff;
      x[Exregs.Flags] = 0;
      out.push([yield syscall(Syscall.ExchangeRegisters, 0x200, parent + 1)]);
      x.fill(0);
      x[Exregs.ValidVector] = 0xffff;
      x[Exregs.Flags] = Exregs.Read;
      out.push([yield syscall(Syscall.ExchangeRegisters, 0x200, parent + 1), ...x.subarray(0, 16)]);
      x[Exregs.ValidVector] = 1 << 15;
      x[Exregs.Flags] = 0;
      x[15] = 0x10000;
      out.push([yield syscall(Syscall.ExchangeRegisters, 0x200, parent + 1)]);
      out.push([yield syscall(Syscall.ExchangeRegisters, 0x200, 999)]);
      out.push([yield syscall(Syscall.ThreadControl, ThreadAction.Run, 0x100)]);
      out.push([yield syscall(Syscall.ThreadControl, ThreadAction.Destroy, 0x100)]);
    });
    const a = new Asm(0x10000).label('spin').add(1, 1, 1).b('spin');
    m.kernel.spawnProgram({ image: a.bytes(), loadAddress: 0x10000, pager: parent });
    expect(m.kernel.run(1_000_000)).toBe('idle');
    // The pc reads back as written (the CPU gets it word-aligned when the thread runs).
    expect(out).toEqual([[0], [0], [0, ...Array<number>(16).fill(0xffffffff)], [0], [-E.ESRCH], [0], [0]]);
  });
});

describe('mutex_control', () => {
  it('LOCK sleeps until UNLOCK; an UNLOCK before the LOCK is kept; bad arguments are refused', () => {
    const m = machine();
    const out: string[] = [];
    m.kernel.spawnServer(function* () {
      out.push(`b unlock ${yield syscall(Syscall.MutexControl, 0x200, MutexOp.Unlock | 1)}`);
      out.push(`b unlock ${yield syscall(Syscall.MutexControl, 0x300, MutexOp.Unlock | 1)}`);
    });
    m.kernel.spawnServer(function* () {
      out.push(`a lock ${yield syscall(Syscall.MutexControl, 0x200, MutexOp.Lock)}`);
      out.push(`a lock ${yield syscall(Syscall.MutexControl, 0x300, MutexOp.Lock)}`);
      out.push(`a bad ${yield syscall(Syscall.MutexControl, 0x202, MutexOp.Lock)} ${yield syscall(Syscall.MutexControl, 0x200, 0)}`);
    });
    m.kernel.run();
    expect(out).toEqual(['b unlock 0', 'b unlock 0', 'a lock 0', 'a lock 0', `a bad ${-E.EINVAL} ${-E.EINVAL}`]);
  });
});
