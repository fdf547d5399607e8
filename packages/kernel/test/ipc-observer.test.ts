import { describe, expect, it } from 'vitest';
import type { ServerContext } from '../src/index.js';
import { IpcFlags, IpcTag, Syscall, call, getMr, receive, send, setMr } from '../src/index.js';
import { Asm } from '../../../scripts/test-kit/arm-asm.js';
import { machine } from './helpers/machine.js';

const CODE = 0x10000;

describe('the IPC observer', () => {
  it('sees every transfer with from, to, tag, type and result, and nothing once removed', () => {
    const m = machine();
    const seen: number[][] = [];
    m.kernel.setIpcObserver((from, to, tag, type, result) => seen.push([from, to, tag, type, result]));
    const echo = m.kernel.spawnServer(function* (self: ServerContext) {
      for (;;) {
        yield receive();
        const from = getMr(self, 1);
        setMr(self, 0, getMr(self, 0) + 1);
        yield send(from, IpcFlags.Full);
      }
    });
    const done: number[] = [];
    const client = m.kernel.spawnServer(function* (self: ServerContext) {
      setMr(self, 0, 40);
      done.push(yield call(echo));
      done.push(getMr(self, 0));
    });
    expect(m.kernel.run(0)).toBe('idle');
    expect(done).toEqual([0, 41]);
    expect(seen).toEqual([
      [client, echo, 40, IpcFlags.Short, 0],
      [echo, client, 41, IpcFlags.Full, 0],
    ]);
    m.kernel.setIpcObserver(null);
    m.kernel.spawnServer(function* (self: ServerContext) {
      setMr(self, 0, 7);
      yield call(echo);
    });
    m.kernel.run(0);
    expect(seen).toHaveLength(2);
  });

  it('reports kernel-made fault messages from the faulting thread, tag PFAULT', () => {
    const m = machine();
    const seen: number[][] = [];
    m.kernel.setIpcObserver((from, to, tag, type, result) => seen.push([from, to, tag, type, result]));
    const pager = m.kernel.spawnServer(function* () {
      yield receive();
    });
    const a = new Asm(CODE).ldr(0, 0x20000000).ldrw(1, 0, 0).label('end').b('end');
    const tid = m.kernel.spawnProgram({ image: a.bytes(), loadAddress: CODE, pager });
    m.kernel.run(10_000);
    expect(seen).toEqual([[tid, pager, IpcTag.PageFault, IpcFlags.Short, 0]]);
  });
});

describe('awaitsMessageFrom', () => {
  it('is true only while a thread sleeps receiving from that thread or from any', () => {
    const m = machine();
    const states: boolean[] = [];
    let server = 0;
    let sender = 0;
    let caller = 0;
    server = m.kernel.spawnServer(function* () {
      yield receive();
      yield receive();
      states.push(m.kernel.awaitsMessageFrom(caller, server), m.kernel.awaitsMessageFrom(sender, server), m.kernel.awaitsMessageFrom(caller, 999));
      states.push(m.kernel.awaitsMessageFrom(12345, server));
      yield send(caller);
    });
    caller = m.kernel.spawnServer(function* () {
      const r: number = yield call(server);
      states.push(r === 0);
    });
    sender = m.kernel.spawnServer(function* () {
      yield send(server);
    });
    m.kernel.run(0);
    expect(states).toEqual([true, false, false, false, true]);
  });

  it('is true for a thread receiving from any thread', () => {
    const m = machine();
    let any = 0;
    const seen: boolean[] = [];
    any = m.kernel.spawnServer(function* () {
      yield receive();
    });
    m.kernel.spawnServer(function* () {
      yield { call: Syscall.ThreadSwitch, args: [] };
      seen.push(m.kernel.awaitsMessageFrom(any, 77));
    });
    m.kernel.run(0);
    expect(seen).toEqual([true]);
  });
});

describe('kernelMessageTag', () => {
  it('names the fault a thread has in flight, and -1 for an ordinary IPC carrying the same tag', () => {
    const m = machine();
    const seen: number[][] = [];
    const after: number[] = [];
    let forger = 0;
    const pager = m.kernel.spawnServer(function* (self: ServerContext) {
      for (let i = 0; i < 2; i++) {
        yield receive();
        const from = getMr(self, 1);
        seen.push([from, getMr(self, 0), m.kernel.kernelMessageTag(from)]);
      }
      after.push(m.kernel.kernelMessageTag(forger), m.kernel.kernelMessageTag(99_999));
    });
    forger = m.kernel.spawnServer(function* (self: ServerContext) {
      setMr(self, 0, IpcTag.PageFault);
      yield send(pager);
    });
    const a = new Asm(CODE).ldr(0, 0x20000000).ldrw(1, 0, 0).label('end').b('end');
    const program = m.kernel.spawnProgram({ image: a.bytes(), loadAddress: CODE, pager });
    m.kernel.run(10_000);
    expect(seen.sort((x, y) => x[0]! - y[0]!)).toEqual(
      [
        [program, IpcTag.PageFault, IpcTag.PageFault],
        [forger, IpcTag.PageFault, -1],
      ].sort((x, y) => x[0]! - y[0]!),
    );
    expect(after).toEqual([-1, -1]);
  });
});
