import { describe, expect, it } from 'vitest';
import { CapFlags, CapRequest, CapType, Errno as E, Exregs, MapFlags, Syscall, ThreadAction, receive, send, syscall } from '../src/index.js';
import type { ServerCall, ServerContext } from '../src/index.js';
import { Asm } from '../../../scripts/test-kit/arm-asm.js';
import { machine } from './helpers/machine.js';

const USER = 0x400; // first user-pool frame with the default 16 MiB platform
const END = 0x1000;
const DESC = 0x200; // byte offset of the descriptor in a server's memory
const OUT = 0x400; // byte offset of READ's output

function describeCap(self: ServerContext, type: number, access: number, start: number, end: number, target = 0): void {
  self.memory.set([type, access, start, end, target, 0, 0, 0], DESC / 4);
}

function* readCaps(self: ServerContext): Generator<ServerCall, number[][], number> {
  yield syscall(Syscall.CapabilityControl, CapRequest.NCaps, 0, OUT);
  const n = self.memory[OUT / 4]!;
  yield syscall(Syscall.CapabilityControl, CapRequest.Read, 0, OUT);
  const out: number[][] = [];
  for (let i = 0; i < n; i++) out.push(Array.from(self.memory.subarray(OUT / 4 + i * 8, OUT / 4 + i * 8 + 4)));
  return out;
}

const physCaps = (caps: number[][]): number[][] => caps.filter((c) => c[0] === CapType.PhysMem && c[1] === 0);

describe('capability_control SPLIT, NARROW, GRANT', () => {
  it('splits a capability, narrows it away, and grants (copy or move) a range to a thread it pages', () => {
    const m = machine();
    const log: unknown[] = [];
    let child = 0;
    const parent = m.kernel.spawnServer(function* (self) {
      describeCap(self, CapType.PhysMem, 0, USER + 16, USER + 32);
      log.push(['split', yield syscall(Syscall.CapabilityControl, CapRequest.Split, 0, DESC)]);
      log.push(['after split', physCaps(yield* readCaps(self))]);
      // The child gave up its own user memory and is waiting; grant it 16 pages (a copy).
      yield receive(child);
      describeCap(self, CapType.PhysMem, 0, USER + 16, USER + 32, child);
      log.push(['grant', yield syscall(Syscall.CapabilityControl, CapRequest.Grant, 0, DESC)]);
      // Then move the next 16 pages: the parent can no longer map them.
      describeCap(self, CapType.PhysMem, 0, USER + 32, USER + 48, child);
      log.push(['move', yield syscall(Syscall.CapabilityControl, CapRequest.Grant, CapFlags.Move, DESC)]);
      log.push(['parent maps moved', yield syscall(Syscall.Map, (USER + 40) * 4096, 0x100000, 1, MapFlags.UserRw, self.tid)]);
      log.push(['parent maps kept', yield syscall(Syscall.Map, (USER + 20) * 4096, 0x100000, 1, MapFlags.UserRw, self.tid)]);
      yield send(child);
    });
    child = m.kernel.spawnServer(
      function* (self) {
        describeCap(self, CapType.PhysMem, 0, USER, END);
        log.push(['narrow', yield syscall(Syscall.CapabilityControl, CapRequest.Narrow, 0, DESC)]);
        log.push(['child maps before', yield syscall(Syscall.Map, (USER + 20) * 4096, 0x100000, 1, MapFlags.UserRw, self.tid)]);
        yield send(parent);
        yield receive(parent);
        log.push(['child phys', physCaps(yield* readCaps(self))]);
        log.push(['child maps granted', yield syscall(Syscall.Map, (USER + 20) * 4096, 0x100000, 1, MapFlags.UserRw, self.tid)]);
        log.push(['child maps moved', yield syscall(Syscall.Map, (USER + 40) * 4096, 0x101000, 1, MapFlags.UserRw, self.tid)]);
        log.push(['child maps outside', yield syscall(Syscall.Map, (USER + 50) * 4096, 0x102000, 1, MapFlags.UserRw, self.tid)]);
      },
      { pager: parent },
    );
    expect(m.kernel.run(10_000)).toBe('idle');
    expect(log).toEqual([
      ['narrow', 0],
      ['child maps before', -E.ENOCAP],
      ['split', 7], // its index in READ order: after the root capabilities and the two remainders
      [
        'after split',
        [
          [CapType.PhysMem, 0, USER, USER + 16],
          [CapType.PhysMem, 0, USER + 32, END],
          [CapType.PhysMem, 0, USER + 16, USER + 32],
        ],
      ],
      ['grant', 0],
      ['move', 0],
      ['parent maps moved', -E.ENOCAP],
      ['parent maps kept', 0],
      [
        'child phys',
        [
          [CapType.PhysMem, 0, USER + 16, USER + 32],
          [CapType.PhysMem, 0, USER + 32, USER + 48],
        ],
      ],
      ['child maps granted', 0],
      ['child maps moved', 0],
      ['child maps outside', -E.ENOCAP],
    ]);
  });

  it('refuses bad requests, ranges it does not hold, bad targets and bad buffers', () => {
    const m = machine();
    const out: number[] = [];
    let other = 0;
    m.kernel.spawnServer(function* (self) {
      const cc = (req: number, flags = 0, buf = DESC): ServerCall => syscall(Syscall.CapabilityControl, req, flags, buf);
      out.push(yield cc(5));
      describeCap(self, 0, 0, 1, 2);
      out.push(yield cc(CapRequest.Split));
      describeCap(self, CapType.PhysMem, 0, USER + 2, USER + 2);
      out.push(yield cc(CapRequest.Narrow));
      describeCap(self, CapType.PhysMem, 0, USER - 1, USER + 2); // the kernel pool is not ours
      out.push(yield cc(CapRequest.Split));
      describeCap(self, CapType.PhysMem, 1, USER, USER + 2); // wrong access bits
      out.push(yield cc(CapRequest.Narrow));
      describeCap(self, CapType.PhysMem, 0, USER, USER + 2, 999);
      out.push(yield cc(CapRequest.Grant));
      describeCap(self, CapType.PhysMem, 0, USER, USER + 2, self.tid);
      out.push(yield cc(CapRequest.Grant));
      describeCap(self, CapType.PhysMem, 0, USER, USER + 2, other);
      out.push(yield cc(CapRequest.Grant, 2));
      // Without a thread-control capability over `other` (not our child) a grant is refused.
      describeCap(self, CapType.ThreadControl, 0, 0, 0x100000000 - 1);
      out.push(yield cc(CapRequest.Narrow));
      describeCap(self, CapType.PhysMem, 0, USER, USER + 2, other);
      out.push(yield cc(CapRequest.Grant));
      out.push(yield cc(CapRequest.Split, 0, 0x10000)); // outside its memory
    });
    other = m.kernel.spawnServer(function* () {
      yield receive();
    });
    m.kernel.run(10_000);
    expect(out).toEqual([-E.EINVAL, -E.EINVAL, -E.EINVAL, -E.ENOCAP, -E.ENOCAP, -E.ESRCH, -E.EINVAL, -E.EINVAL, 0, -E.EPERM, -E.EFAULT]);
  });
});

describe('rights given up stay given up', () => {
  it('after NARROW of its IPC capability over a thread, IPC to it fails with -ENOCAP; other threads still answer', () => {
    const m = machine();
    const out: number[] = [];
    const a = m.kernel.spawnServer(function* () {
      for (;;) yield receive();
    });
    const b = m.kernel.spawnServer(function* () {
      for (;;) yield receive();
    });
    m.kernel.spawnServer(function* (self) {
      describeCap(self, CapType.Ipc, 0, a, a + 1);
      out.push(yield syscall(Syscall.CapabilityControl, CapRequest.Narrow, 0, DESC));
      out.push(yield send(a), yield send(b));
      // Nor can it take the right back: it holds nothing that covers it.
      describeCap(self, CapType.Ipc, 0, a, a + 1, self.tid);
      out.push(yield syscall(Syscall.CapabilityControl, CapRequest.Split, 0, DESC));
    });
    m.kernel.run(10_000);
    expect(out).toEqual([0, -E.ENOCAP, 0, -E.ENOCAP]);
  });
});

describe('exchange_registers -EAGAIN', () => {
  it('is returned while another thread is suspending the target; the call succeeds once it stopped', () => {
    const m = machine();
    const out: (string | number)[] = [];
    // The target (tid 1) is an ARM thread yielding in a loop; it is running when the others
    // start, so a SUSPEND has to wait until it reaches a safe point. Its pager will be tid 3.
    const code = new Asm(0x10000).label('loop').sys(Syscall.ThreadSwitch).b('loop');
    const target = m.kernel.spawnProgram({ image: code.bytes(), loadAddress: 0x10000, pager: 3 });
    expect(m.kernel.run(1000)).toBe('budget');
    // Spawned threads go to the front of the runqueue: the suspender runs first, then the other.
    let suspender = 0;
    const other = m.kernel.spawnServer(function* (self) {
      const x = self.memory.subarray(0x80, 0x80 + Exregs.Size / 4);
      x[Exregs.Flags] = Exregs.Read;
      x[Exregs.ValidVector] = 1;
      out.push('exregs', yield syscall(Syscall.ExchangeRegisters, 0x200, target));
      yield receive(suspender); // sleeps until the suspend is done
      out.push('exregs', yield syscall(Syscall.ExchangeRegisters, 0x200, target));
      m.kernel.stop();
    });
    suspender = m.kernel.spawnServer(function* (self) {
      self.memory[0x40] = target;
      out.push('suspend', yield syscall(Syscall.ThreadControl, ThreadAction.Suspend, 0x100));
      yield send(other);
    });
    expect([other, suspender]).toEqual([2, 3]);
    m.kernel.run(10_000);
    expect(out).toEqual(['exregs', -E.EAGAIN, 'suspend', 0, 'exregs', 0]);
  });
});
