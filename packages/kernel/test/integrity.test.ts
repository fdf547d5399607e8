import { describe, expect, it } from 'vitest';
import { Syscall, ThreadIds, getMr, receive, send } from '../src/index.js';
import { Asm } from '../../../scripts/test-kit/arm-asm.js';
import { machine } from './helpers/machine.js';

describe('Kernel.checkIntegrity', () => {
  it('finds nothing wrong on a fresh kernel, while ARM threads call a server, and after every thread is killed', () => {
    const m = machine();
    expect(m.kernel.checkIntegrity()).toEqual([]);
    const echo = m.kernel.spawnServer(function* (self) {
      for (;;) {
        yield receive();
        yield send(getMr(self, 1));
      }
    });
    const code = new Asm(0x10000).label('loop').mov(0, echo).movr(1, 0).mov(2, 0).sys(Syscall.Ipc).b('loop').bytes();
    for (let i = 0; i < 3; i++) m.kernel.spawnProgram({ image: code, loadAddress: 0x10000 });
    // A receiver that waits for a thread that never sends, and a sender queued on it.
    const waiter = m.kernel.spawnProgram({ image: new Asm(0x10000).mov(0, ThreadIds.Nil).mov(1, 1).mov(2, 0).sys(Syscall.Ipc).label('e').b('e').bytes(), loadAddress: 0x10000 });
    expect(m.kernel.checkIntegrity()).toEqual([]);
    for (let k = 0; k < 20; k++) {
      expect(m.kernel.run(5_000)).not.toBe('panic');
      expect(m.kernel.checkIntegrity()).toEqual([]);
    }
    expect(m.kernel.thread(waiter)).toBeDefined();
    for (const tid of m.kernel.threadIds()) m.kernel.kill(tid);
    expect(m.kernel.checkIntegrity()).toEqual([]);
  });
});
