import { describe, expect, it } from 'vitest';
import { IpcFlags, Syscall, ThreadIds, receive, send, syscall } from '../src/index.js';
import { Asm } from '../../../scripts/test-kit/arm-asm.js';
import { machine } from './helpers/machine.js';

const NIL = ThreadIds.Nil;
const UNMAP_REQUEST = 99;

describe('extended IPC when a sleeping side lost a buffer page', () => {
  it('the sleeping receiver runs its receive again, faults the page back in, and the copy happens', () => {
    const m = machine();
    const faults: number[][] = [];
    let next = 0x900000;
    let receiver = 0;
    const pager = m.kernel.spawnServer(function* (self) {
      for (;;) {
        yield receive();
        const tid = self.utcb[1]!;
        if (self.utcb[0] === UNMAP_REQUEST) {
          yield syscall(Syscall.Unmap, 0x31000, 1, receiver);
          continue;
        }
        const far = self.utcb[4]!;
        faults.push([tid, far]);
        yield syscall(Syscall.Map, next, far & ~0xfff, 1, 1, tid);
        next += 0x1000;
        yield send(tid);
      }
    });
    const ext = IpcFlags.Extended | (2 << IpcFlags.ExtMrShift) | (2048 << IpcFlags.ExtSizeShift);
    const side = (buf: number, to: number, from: number, fill: boolean): Uint8Array => {
      const a = new Asm(0x10000).ldr(5, buf);
      if (fill) a.mov(6, 0x5a).strw(6, 5, 0).strw(6, 5, 0x7fc); // first and last words
      return a.ldr(0, to).ldr(1, from).ldr(2, ext).sys(Syscall.Ipc).movr(9, 0).label('end').b('end').bytes();
    };
    // The receiver faults its two buffer pages in and sleeps in its receive.
    receiver = m.kernel.spawnProgram({ image: side(0x30c00, NIL, ThreadIds.Any, false), loadAddress: 0x10000, pager });
    expect(m.kernel.run(100_000)).toBe('idle');
    // Its pager takes the second page away while it sleeps.
    m.kernel.spawnServer(function* (self) {
      self.utcb[0] = UNMAP_REQUEST;
      yield send(pager);
    });
    expect(m.kernel.run(100_000)).toBe('idle');
    expect(m.kernel.peek(receiver, 0x31000)).toBeUndefined();
    const sender = m.kernel.spawnProgram({ image: side(0x20c00, receiver, NIL, true), loadAddress: 0x10000, pager });
    m.kernel.run(100_000);
    expect(faults).toEqual([
      [receiver, 0x30c00],
      [receiver, 0x31000],
      [sender, 0x20c00],
      [sender, 0x213fc], // its store to the last word
      [receiver, 0x31000], // taken again, in its own context
    ]);
    expect(m.kernel.thread(sender)!.registers[9]).toBe(0);
    expect(m.kernel.thread(receiver)!.registers[9]).toBe(0);
    expect([m.kernel.peek(receiver, 0x30c00), m.kernel.peek(receiver, 0x30c00 + 0x7fc)]).toEqual([0x5a, 0x5a]);
  });

  it('a sleeping sender whose buffer lost a page sends again once its pager mapped it back', () => {
    const m = machine();
    const faults: number[][] = [];
    let next = 0x900000;
    let sender = 0;
    let receiver = 0;
    const GO = 98;
    const pager = m.kernel.spawnServer(function* (self) {
      for (;;) {
        yield receive();
        const tid = self.utcb[1]!;
        if (self.utcb[0] === UNMAP_REQUEST) {
          yield syscall(Syscall.Unmap, 0x21000, 1, sender);
        } else if (self.utcb[0] === GO) {
          yield send(receiver);
        } else {
          faults.push([tid, self.utcb[4]!]);
          yield syscall(Syscall.Map, next, self.utcb[4]! & ~0xfff, 1, 1, tid);
          next += 0x1000;
          yield send(tid);
        }
      }
    });
    const ext = IpcFlags.Extended | (2 << IpcFlags.ExtMrShift) | (2048 << IpcFlags.ExtSizeShift);
    // The receiver first waits for a short message from its pager, then receives extended.
    const r = new Asm(0x10000).mov(3, 0).ldr(0, NIL).ldr(1, pager).mov(2, 0).sys(Syscall.Ipc);
    r.ldr(5, 0x30c00).ldr(0, NIL).ldr(1, ThreadIds.Any).ldr(2, ext).sys(Syscall.Ipc).movr(9, 0).label('end').b('end');
    receiver = m.kernel.spawnProgram({ image: r.bytes(), loadAddress: 0x10000, pager });
    const snd = new Asm(0x10000).ldr(5, 0x20c00).mov(6, 0x5a).strw(6, 5, 0).strw(6, 5, 0x7fc);
    snd.ldr(0, receiver).ldr(1, NIL).ldr(2, ext).sys(Syscall.Ipc).movr(9, 0).label('end').b('end');
    sender = m.kernel.spawnProgram({ image: snd.bytes(), loadAddress: 0x10000, pager });
    expect(m.kernel.run(100_000)).toBe('idle'); // the sender sleeps in the receiver's queue
    const tell = (tag: number): void => {
      m.kernel.spawnServer(function* (self) {
        self.utcb[0] = tag;
        yield send(pager);
      });
      m.kernel.run(100_000);
    };
    tell(UNMAP_REQUEST);
    expect(m.kernel.peek(sender, 0x21000)).toBeUndefined();
    tell(GO);
    expect(faults).toEqual([
      [sender, 0x20c00],
      [sender, 0x213fc],
      [receiver, 0x30c00],
      [receiver, 0x31000],
      [sender, 0x21000], // taken again when the receiver found its buffer incomplete
    ]);
    expect(m.kernel.thread(sender)!.registers[9]).toBe(0);
    expect(m.kernel.thread(receiver)!.registers[9]).toBe(0);
    // The sender's second page is a fresh frame now: the receiver gets what it holds.
    expect([m.kernel.peek(receiver, 0x30c00), m.kernel.peek(receiver, 0x30c00 + 0x7fc)]).toEqual([0x5a, m.kernel.peek(sender, 0x20c00 + 0x7fc)]);
  });
});
