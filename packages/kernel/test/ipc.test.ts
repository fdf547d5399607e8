import { describe, expect, it } from 'vitest';
import type { ServerBody, ServerContext } from '../src/index.js';
import { Errno, IpcFlags, Syscall, ThreadAction, ThreadFlags, ThreadIds, call, getMr, ipc, receive, send, setMr, syscall, threadSwitch } from '../src/index.js';
import { Asm } from '../../../scripts/test-kit/arm-asm.js';
import { collector, machine } from './helpers/machine.js';
import type { Received } from './helpers/machine.js';

const NIL = ThreadIds.Nil;
const ANY = ThreadIds.Any;
const mrs = (self: ServerContext, n = 6): number[] => Array.from({ length: n }, (_, i) => getMr(self, i));
const fill = (self: ServerContext, base: number, n = 6): void => {
  for (let i = 0; i < n; i++) setMr(self, i, base + i);
};

describe('IPC between server threads', () => {
  for (const order of ['receiver first', 'sender first'] as const) {
    it(`short send/receive, ${order}`, () => {
      const m = machine();
      const seen: unknown[] = [];
      let a = -1;
      let b = -1;
      const sender: ServerBody = function* (self) {
        fill(self, 10);
        seen.push(['send', yield send(b)]);
      };
      const receiver: ServerBody = function* (self) {
        const r: number = yield receive(a);
        seen.push(['recv', r, mrs(self)]);
      };
      // Started last runs first.
      if (order === 'receiver first') {
        a = m.kernel.spawnServer(sender);
        b = m.kernel.spawnServer(receiver);
      } else {
        b = m.kernel.spawnServer(receiver);
        a = m.kernel.spawnServer(sender);
      }
      expect(m.kernel.run()).toBe('idle');
      const recv = ['recv', 0, [10, 11, 12, 13, 14, 15]];
      // The side that completes the rendezvous keeps running (a wakeup does not preempt).
      expect(seen).toEqual(order === 'receiver first' ? [['send', 0], recv] : [recv, ['send', 0]]);
    });
  }

  it('receive from ANYTHREAD gets the sender in MR1; call and reply', () => {
    const m = machine();
    const out: unknown[] = [];
    const echo = m.kernel.spawnServer(function* (self) {
      for (let i = 0; i < 2; i++) {
        yield receive();
        const from = getMr(self, 1);
        out.push(['from', from]);
        setMr(self, 0, getMr(self, 0) + 1);
        out.push(['reply', yield send(from)]);
      }
    });
    const client = m.kernel.spawnServer(function* (self) {
      for (let i = 0; i < 2; i++) {
        setMr(self, 0, 100 * i);
        const r: number = yield call(echo);
        out.push(['got', r, getMr(self, 0)]);
      }
    });
    expect(m.kernel.run()).toBe('idle');
    expect(out).toEqual([
      ['from', client],
      ['reply', 0],
      ['got', 0, 1],
      ['from', client],
      ['reply', 0],
      ['got', 0, 101],
    ]);
  });

  it('full IPC moves MR0..MR59 when either side asks; short moves only MR0..MR5', () => {
    for (const [sf, rf, whole] of [
      [IpcFlags.Short, IpcFlags.Short, false],
      [IpcFlags.Full, IpcFlags.Short, true],
      [IpcFlags.Short, IpcFlags.Full, true],
      [IpcFlags.Full, IpcFlags.Full, true],
    ] as const) {
      const m = machine();
      let got: number[] = [];
      const r = m.kernel.spawnServer(function* (self) {
        yield receive(ANY, rf);
        got = mrs(self, 60);
      });
      m.kernel.spawnServer(function* (self) {
        fill(self, 1000, 60);
        yield send(r, sf);
      });
      m.kernel.run();
      const expected = Array.from({ length: 60 }, (_, i) => (i === 1 ? got[1]! : i < 6 || whole ? 1000 + i : 0));
      expect(got).toEqual(expected);
    }
  });

  it('extended IPC copies the buffer; extended against non-extended gives -ENOIPC to the sleeping side', () => {
    const m = machine();
    const out: unknown[] = [];
    const ext = (size: number): number => IpcFlags.Extended | (2 << IpcFlags.ExtMrShift) | (size << IpcFlags.ExtSizeShift);
    const r = m.kernel.spawnServer(function* (self) {
      setMr(self, 2, 0x801);
      out.push(['ext', yield receive(ANY, ext(200))]);
      out.push(['bytes', Array.from(new Uint8Array(self.memory.buffer, 0x801, 5))]);
      out.push(['mismatch', yield receive(ANY, IpcFlags.Short)]);
    });
    m.kernel.spawnServer(function* (self) {
      new Uint8Array(self.memory.buffer).set([1, 2, 3, 4, 5], 0x402);
      setMr(self, 2, 0x402);
      out.push(['send', yield send(r, ext(5))]);
      setMr(self, 2, 0x402);
      out.push(['send2', yield send(r, ext(5))]);
    });
    m.kernel.run();
    expect(out).toEqual([
      ['ext', 0],
      ['bytes', [1, 2, 3, 4, 5]],
      ['send', 0],
      ['send2', 0],
      ['mismatch', -Errno.ENOIPC],
    ]);
  });

  it('checks its arguments', () => {
    const m = machine();
    const results: number[] = [];
    const other = m.kernel.spawnServer(function* () {
      yield receive(ThreadIds.Nil - 5);
    });
    m.kernel.spawnServer(function* (self) {
      results.push(yield ipc(NIL, NIL));
      results.push(yield ipc(other, 999));
      results.push(yield ipc(self.tid, NIL));
      results.push(yield ipc(NIL, self.tid));
      results.push(yield ipc(999, NIL));
      results.push(yield ipc(NIL, 999));
      results.push(yield ipc(ANY, NIL));
      results.push(yield ipc(other, NIL, 3));
      results.push(yield ipc(other, NIL, IpcFlags.Extended | (2049 << IpcFlags.ExtSizeShift)));
      results.push(yield ipc(other, NIL, IpcFlags.Extended | (60 << IpcFlags.ExtMrShift)));
      results.push(yield syscall(0x1c));
    });
    m.kernel.run();
    const E = Errno;
    expect(results).toEqual([-E.EINVAL, -E.ENOSYS, -E.EINVAL, -E.EINVAL, -E.ESRCH, -E.ESRCH, -E.EINVAL, -E.EINVAL, -E.EINVAL, -E.EINVAL, -E.ENOSYS]);
  });

  it('a page fault goes to the pager as IPC; destroying the thread interrupts its IPC partners with -EINTR', () => {
    const m = machine();
    const out: unknown[] = [];
    let b = -1;
    b = m.kernel.spawnServer(function* (self) {
      const r: number = yield receive();
      const x = getMr(self, 0);
      out.push(['b got x', r]);
      out.push(['b waits for x', yield receive(x)]);
    });
    const p = m.kernel.spawnServer(function* (self) {
      const ids = 0x100;
      const r: number = yield syscall(Syscall.ThreadControl, ThreadAction.Create | ThreadFlags.NewSpace, ids);
      const x = self.memory[ids / 4]!;
      out.push(['create', r, x === p + 1]);
      out.push(['run', yield syscall(Syscall.ThreadControl, ThreadAction.Run, ids)]);
      setMr(self, 0, x);
      yield send(b);
      yield receive();
      out.push(['fault', mrs(self)]);
      out.push(['destroy', yield syscall(Syscall.ThreadControl, ThreadAction.Destroy, ids)]);
    });
    expect(m.kernel.run()).toBe('idle');
    const x = p + 1;
    expect(out).toEqual([
      ['create', 0, true],
      ['run', 0],
      ['b got x', 0],
      ['fault', [0, x, 0, 0x5, 0, 0]],
      ['destroy', 0],
      ['b waits for x', -Errno.EINTR],
    ]);
    expect(m.log).toEqual([`Thread (${x}) page-faulted and got interrupted by its pager.`]);
  });
});

describe('IPC between ARM threads and server threads', () => {
  it('an ARM thread calls a server (short and full) and reports to a collector', () => {
    const m = machine();
    const got: Received[] = [];
    const col = m.kernel.spawnServer(collector(got), { name: 'collector' });
    const echo = m.kernel.spawnServer(function* (self) {
      for (;;) {
        yield receive(ANY, IpcFlags.Full);
        const from = getMr(self, 1);
        setMr(self, 0, getMr(self, 0) + 1);
        setMr(self, 2, getMr(self, 59));
        setMr(self, 58, 0x5858);
        yield send(from, IpcFlags.Full);
      }
    });
    const utcb = 0x7f000000;
    const a = new Asm(0x10000)
      .mov(3, 41)
      .ldr(1, utcb)
      .ldr(2, 0x12345678)
      .strw(2, 1, (10 + 59 - 6) * 4) // MR59
      .mov(0, echo)
      .mov(1, echo)
      .mov(2, IpcFlags.Full)
      .sys(Syscall.Ipc)
      .movr(6, 0)
      .ldr(1, utcb)
      .ldrw(7, 1, (10 + 58 - 6) * 4) // MR58 of the reply
      .mov(0, col)
      .mov(1, NIL)
      .mov(2, 0)
      .sys(Syscall.Ipc)
      .label('end')
      .b('end');
    const tid = m.kernel.spawnProgram({ image: a.bytes(), loadAddress: 0x10000, utcb });
    expect(m.kernel.run(200_000)).toBe('budget');
    expect(got).toEqual([{ result: 0, mr: [42, tid, 0x12345678, 0, 0x5858, 0] }]);
  });

  it('thread_switch from ARM threads alternates them deterministically', () => {
    const run = (): { order: number[]; instructions: number } => {
      const m = machine();
      const got: Received[] = [];
      const col = m.kernel.spawnServer(collector(got));
      for (let k = 0; k < 2; k++) {
        const a = new Asm(0x10000)
          .mov(9, 3)
          .label('loop')
          .movr(3, 9)
          .mov(0, col)
          .mov(1, NIL)
          .mov(2, 0)
          .sys(Syscall.Ipc)
          .sys(Syscall.ThreadSwitch)
          .sub(9, 9, 1)
          .cmp(9, 0)
          .b('loop', 0x10000000)
          .label('end')
          .b('end');
        m.kernel.spawnProgram({ image: a.bytes(), loadAddress: 0x10000, priority: 4 });
      }
      m.kernel.run(50_000);
      return { order: got.map((g) => g.mr[1]! * 10 + g.mr[0]!), instructions: m.kernel.instructions };
    };
    const first = run();
    // Each thread counts down 3, 2, 1; the interleaving is the scheduler's and never changes.
    expect(first.order).toEqual([33, 23, 22, 32, 21, 31]);
    expect(run()).toEqual(first);
  });

  it('server threads yield to each other', () => {
    const m = machine();
    const order: string[] = [];
    for (const name of ['a', 'b']) {
      m.kernel.spawnServer(function* () {
        for (let i = 0; i < 3; i++) {
          order.push(`${name}${i}`);
          yield threadSwitch();
        }
      });
    }
    m.kernel.run();
    expect(order).toEqual(['b0', 'a0', 'b1', 'a1', 'b2', 'a2']);
  });
});

describe('extended IPC between ARM threads', () => {
  it('2 KiB starting 3/4 into a page with unmapped pages on both sides: each side faults to its pager, then the copy happens', () => {
    const m = machine();
    const faults: number[][] = [];
    const POOL = 0x900000;
    // Frames the pager hands out, pre-filled with a pattern (byte = low byte of its address + 1).
    for (let pa = POOL; pa < POOL + 0x8000; pa += 4) {
      const b = (k: number): number => ((pa + k + 1) & 0xff) << (8 * k);
      m.platform.memory.write32(pa, (b(0) | b(1) | b(2) | b(3)) >>> 0);
    }
    let next = POOL;
    const pager = m.kernel.spawnServer(function* (self) {
      for (;;) {
        yield receive();
        const tid = self.utcb[1]!;
        const far = self.utcb[4]!;
        faults.push([tid, far]);
        yield syscall(Syscall.Map, next, far & ~0xfff, 1, 1, tid);
        next += 0x1000;
        yield send(tid);
      }
    });
    const ext = IpcFlags.Extended | (2 << IpcFlags.ExtMrShift) | (2048 << IpcFlags.ExtSizeShift);
    const side = (buf: number, to: number, from: number): Uint8Array =>
      new Asm(0x10000).ldr(5, buf).ldr(0, to).ldr(1, from).ldr(2, ext).sys(Syscall.Ipc).movr(9, 0).label('end').b('end').bytes();
    const receiver = m.kernel.spawnProgram({ image: side(0x30c00, NIL, pager + 2), loadAddress: 0x10000, pager });
    const sender = m.kernel.spawnProgram({ image: side(0x20c00, receiver, NIL), loadAddress: 0x10000, pager });
    m.kernel.run(100_000);
    expect(faults.slice().sort((x, y) => x[1]! - y[1]!)).toEqual([
      [sender, 0x20c00],
      [sender, 0x21000],
      [receiver, 0x30c00],
      [receiver, 0x31000],
    ]);
    expect(m.kernel.thread(sender)!.registers[9]).toBe(0);
    expect(m.kernel.thread(receiver)!.registers[9]).toBe(0);
    for (let off = 0; off < 2048; off += 4) expect(m.kernel.peek(receiver, 0x30c00 + off)).toBe(m.kernel.peek(sender, 0x20c00 + off));
    expect(m.kernel.peek(receiver, 0x30c00)).not.toBe(0);
  });
});
