import { describe, expect, it } from 'vitest';
import { CapRequest, CapType, KernelError, KernelLayout, KipOffset, MapFlags, Syscall } from '../src/index.js';
import { Asm } from '../../../scripts/test-kit/arm-asm.js';
import { machine } from './helpers/machine.js';

const TEXT = 0x8000;
const DATA = 0x9010; // not page aligned, as a linker places .data

describe('spawnProgram with segments', () => {
  it('maps read-only text and read/write data with zeroed bss; text writes fault', () => {
    const m = machine();
    const a = new Asm(TEXT)
      .ldr(0, DATA)
      .ldrw(1, 0, 0) // data word 0 (from the file)
      .ldrw(2, 0, 8) // bss word (zero)
      .mov(3, 0x55)
      .strw(3, 0, 0x1000) // write into the second data page
      .ldr(4, TEXT)
      .label('end')
      .strw(3, 4, 0) // write into text: a fault (no pager → destroyed)
      .b('end');
    const data = new Uint8Array([0x78, 0x56, 0x34, 0x12, 0xaa, 0xbb, 0xcc, 0xdd]);
    const tid = m.kernel.spawnProgram({
      segments: [
        { address: TEXT, bytes: a.bytes(), memSize: a.bytes().length, executable: true },
        { address: DATA, bytes: data, memSize: 0x1100, writable: true },
      ],
      entry: TEXT,
    });
    expect(m.kernel.peek(tid, DATA)).toBe(0x12345678);
    expect(m.kernel.peek(tid, DATA + 4)).toBe(0xddccbbaa);
    expect(m.kernel.peek(tid, 0xa000)).toBe(0);
    expect(m.kernel.peek(tid, 0xb000)).toBeUndefined();
    m.kernel.run(1000);
    expect(m.kernel.peek(tid, 0xa010)).toBeUndefined(); // destroyed with its space
    expect(m.log).toEqual([`Thread (${tid}) raised exception 0 at 0x8018 with no pager; destroyed.`]); // the store into text
  });

  it('makes a page shared by a read-only and a writable segment writable', () => {
    const m = machine();
    const a = new Asm(TEXT).ldr(0, TEXT + 0x800).mov(1, 9).strw(1, 0, 0).label('end').b('end');
    const tid = m.kernel.spawnProgram({
      segments: [
        { address: TEXT, bytes: a.bytes(), memSize: 0x100 },
        { address: TEXT + 0x800, bytes: new Uint8Array([1, 2, 3]), memSize: 0x10, writable: true },
      ],
    });
    expect(m.kernel.peek(tid, TEXT + 0x800)).toBe(0x030201);
    expect(m.kernel.run(1000)).toBe('budget');
    expect(m.log).toEqual([]);
    expect(m.kernel.peek(tid, TEXT + 0x800)).toBe(9);
  });

  it('gives the program physical-memory capabilities over free frames only', () => {
    const m = machine();
    const before = m.kernel.memoryStats().userFreeFrames;
    const a = new Asm(TEXT).ldr(2, 0x7f000100).mov(0, CapRequest.Read).sys(Syscall.CapabilityControl).label('end').b('end');
    const tid = m.kernel.spawnProgram({ segments: [{ address: TEXT, bytes: a.bytes(), memSize: 0x3000 }] });
    const used = before - m.kernel.memoryStats().userFreeFrames;
    expect(used).toBe(3 + 4 + 1); // text, the 16 KiB stack, the UTCB page
    m.kernel.run(1000);
    const caps: number[][] = [];
    for (let i = 0; ; i++) {
      const w = [0, 1, 2, 3].map((k) => m.kernel.peek(tid, 0x7f000100 + (i * CapRequest.Words + k) * 4)!);
      if (w[0] === 0) break;
      caps.push(w);
    }
    const phys = caps.filter((c) => c[0] === CapType.PhysMem && c[1] === 0);
    const covered = phys.reduce((n, c) => n + c[3]! - c[2]!, 0);
    expect(covered).toBe(m.kernel.memoryStats().userFreeFrames);
    expect(caps.some((c) => c[0] === CapType.VirtMem)).toBe(true);
  });

  it('rejects bad segment lists', () => {
    const m = machine();
    const bytes = new Uint8Array(4);
    const bad = (o: Parameters<typeof m.kernel.spawnProgram>[0]): unknown => {
      try {
        m.kernel.spawnProgram(o);
        return 'ok';
      } catch (e) {
        return e instanceof KernelError ? e.code : e;
      }
    };
    expect(bad({ segments: [] })).toBe('bad-argument');
    expect(bad({ segments: [{ address: TEXT, bytes, memSize: 4 }], image: bytes })).toBe('bad-argument');
    expect(bad({ segments: [{ address: TEXT, bytes, memSize: 2 }] })).toBe('bad-argument');
    expect(bad({ segments: [{ address: 0x10, bytes, memSize: 4 }] })).toBe('bad-argument');
    expect(bad({ segments: [{ address: 0xbefff000, bytes, memSize: 0x2000 }] })).toBe('bad-argument');
    expect(bad({ segments: [{ address: 0x7fffc000, bytes, memSize: 4 }] })).toBe('bad-argument'); // the stack
    expect(bad({ loadAddress: TEXT })).toBe('bad-argument');
    // Nothing leaked by the failures.
    expect(m.kernel.memoryStats().threads).toBe(0);
    expect(m.kernel.memoryStats().spaces).toBe(0);
  });
});

describe('the console UART for user-level drivers', () => {
  it('is published in the KIP; a program maps it with USR_IO and writes to it', () => {
    const m = machine();
    const VA = 0x200000;
    const a = new Asm(TEXT)
      .ldr(0, KernelLayout.Kip)
      .ldrw(0, 0, KipOffset.ConsoleDevice)
      .ldr(1, VA)
      .mov(2, 1)
      .mov(3, MapFlags.UserIo)
      .mov(4, 1) // own tid (the first thread)
      .sys(Syscall.Map)
      .ldr(1, VA)
      .ldrw(5, 1, 0x18) // FR
      .mov(2, 0x4f)
      .strw(2, 1, 0)
      .mov(2, 0x4b)
      .strw(2, 1, 0)
      .label('end')
      .b('end');
    const tid = m.kernel.spawnProgram({ segments: [{ address: TEXT, bytes: a.bytes(), memSize: 0x100 }] });
    expect(tid).toBe(1);
    m.kernel.run(1000);
    expect(m.platform.consoleOutput).toBe('OK');
    expect(m.kernel.thread(tid)?.registers[0]).toBe(0);
    expect(m.kernel.thread(tid)?.registers[5]).toBe(0x90); // TX empty, RX empty
    expect(m.kernel.peek(tid, 0)).toBeUndefined();
  });
});
