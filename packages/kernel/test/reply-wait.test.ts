import { describe, expect, it } from 'vitest';
import type { ServerContext } from '../src/index.js';
import { Errno, Syscall, ThreadIds, call, getMr, receive, replyWait, send, setMr } from '../src/index.js';
import { Asm } from '../../../scripts/test-kit/arm-asm.js';
import { machine } from './helpers/machine.js';

const CODE = 0x10000;

describe('replyWait (a server replies and receives in one step)', () => {
  it('serves clients with one call per request after the first receive, as receive + send would', () => {
    const m = machine();
    let steps = 0;
    const server = m.kernel.spawnServer(function* (self: ServerContext) {
      yield receive();
      steps++;
      for (;;) {
        const from = getMr(self, 1);
        setMr(self, 0, getMr(self, 0) * 2);
        yield replyWait(from);
        steps++;
      }
    });
    const got: number[] = [];
    for (const v of [3, 5, 7]) {
      m.kernel.spawnServer(function* (self: ServerContext) {
        setMr(self, 0, v);
        const r: number = yield call(server);
        got.push(r, getMr(self, 0));
      });
    }
    expect(m.kernel.run(0)).toBe('idle');
    expect(got).toEqual([0, 6, 0, 10, 0, 14]);
    expect(steps).toBe(3);
  });

  it('waits for a client that is not receiving yet, then receives from anyone', () => {
    const m = machine();
    const log: string[] = [];
    let client = 0;
    const server = m.kernel.spawnServer(function* (self: ServerContext) {
      yield receive();
      client = getMr(self, 1);
      setMr(self, 0, 99);
      // The client only sent (no call): the reply waits until it receives.
      yield replyWait(client);
      log.push(`server got ${getMr(self, 0)} from ${getMr(self, 1) === client ? 'client' : 'other'}`);
    });
    m.kernel.spawnServer(function* (self: ServerContext) {
      setMr(self, 0, 1);
      yield send(server);
      yield receive(server);
      log.push(`client got ${getMr(self, 0)}`);
      setMr(self, 0, 2);
      yield send(server);
    });
    expect(m.kernel.run(0)).toBe('idle');
    expect(log).toEqual(['client got 99', 'server got 2 from client']);
  });

  it('drops a reply to a thread that is gone and still receives', () => {
    const m = machine();
    const results: number[] = [];
    const server = m.kernel.spawnServer(function* (self: ServerContext) {
      const r: number = yield replyWait(0x7777);
      results.push(r, getMr(self, 0));
    });
    m.kernel.spawnServer(function* (self: ServerContext) {
      setMr(self, 0, 42);
      yield send(server);
    });
    expect(m.kernel.run(0)).toBe('idle');
    expect(results).toEqual([0, 42]);
  });

  it('stays -ENOSYS for ARM threads (to ≠ from)', () => {
    const m = machine();
    const got: number[] = [];
    const pager = m.kernel.spawnServer(function* (self: ServerContext) {
      yield receive();
      got.push(getMr(self, 0) | 0);
    });
    // r0 = ipc(pager, any, short); then send it to the pager in MR0 (r3).
    const a = new Asm(CODE)
      .ldr(0, pager).ldr(1, ThreadIds.Any).mov(2, 0).sys(Syscall.Ipc)
      .movr(3, 0).ldr(0, pager).ldr(1, ThreadIds.Nil).mov(2, 0).sys(Syscall.Ipc)
      .label('end').b('end');
    m.kernel.spawnProgram({ image: a.bytes(), loadAddress: CODE, pager });
    m.kernel.run(10_000);
    expect(got).toEqual([-Errno.ENOSYS]);
  });
});
