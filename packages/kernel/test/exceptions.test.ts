import { describe, expect, it } from 'vitest';
import { IpcTag, receive, send } from '../src/index.js';
import { Asm } from '../../../scripts/test-kit/arm-asm.js';
import { machine } from './helpers/machine.js';

describe('exceptions as IPC to the pager', () => {
  it('an undefined instruction sends UNDEF_FAULT; after the reply execution continues after it', () => {
    const m = machine();
    const seen: number[][] = [];
    const pager = m.kernel.spawnServer(function* (self) {
      for (;;) {
        yield receive();
        seen.push(Array.from(self.utcb.subarray(0, 4)));
        yield send(self.utcb[1]!);
      }
    });
    const a = new Asm(0x10000).mov(3, 7).udf().mov(1, 1).swi(0x900001).mov(2, 2).label('end').b('end');
    const tid = m.kernel.spawnProgram({ image: a.bytes(), loadAddress: 0x10000, pager });
    m.kernel.run(10_000);
    expect(seen).toEqual([
      [IpcTag.UndefFault, tid, 0x10004, 0xe7f000f0],
      [IpcTag.SwiException, tid, 0x1000c, 0xef900001],
    ]);
    const r = m.kernel.thread(tid)!.registers;
    // The fault messages borrowed r3..r8; the thread gets its own registers back.
    expect([r[1], r[2], r[3], r[15]]).toEqual([1, 2, 7, 0x10014]);
  });
});
