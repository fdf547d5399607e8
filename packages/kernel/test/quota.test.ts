import { describe, expect, it } from 'vitest';
import { Errno, MutexOp, Syscall, ThreadAction, ThreadFlags, syscall } from '../src/index.js';
import { machine } from './helpers/machine.js';

describe('quotas', () => {
  it('threads, spaces and mutex queues are limited per program and come back when released', () => {
    const m = machine();
    const out: number[] = [];
    m.kernel.spawnServer(
      function* (self) {
        const create = (flags: number) => syscall(Syscall.ThreadControl, ThreadAction.Create | flags, 0x100);
        out.push(yield create(ThreadFlags.NewSpace)); // 2 threads, 2 spaces
        const child = self.memory[0x40]!;
        out.push(yield create(ThreadFlags.NewSpace)); // no space left
        out.push(yield create(ThreadFlags.ShareSpace)); // 3 threads (spid from the last create)
        out.push(yield create(ThreadFlags.ShareSpace)); // no thread left
        self.memory[0x40] = child;
        out.push(yield syscall(Syscall.ThreadControl, ThreadAction.Destroy, 0x100));
        out.push(yield create(ThreadFlags.ShareSpace));
        out.push(yield syscall(Syscall.MutexControl, 0x200, MutexOp.Unlock | 1));
        out.push(yield syscall(Syscall.MutexControl, 0x300, MutexOp.Unlock | 1));
        out.push(yield syscall(Syscall.MutexControl, 0x200, MutexOp.Lock));
        out.push(yield syscall(Syscall.MutexControl, 0x300, MutexOp.Unlock | 1));
      },
      { quota: { threads: 3, spaces: 2, mutexes: 1 } },
    );
    m.kernel.run();
    const C = -Errno.ENOCAP;
    expect(out).toEqual([0, C, 0, C, 0, 0, 0, C, 0, 0]);
  });
});
