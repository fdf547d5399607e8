import { describe, expect, it } from 'vitest';
import { KernelError, KernelLayout } from '../src/index.js';
import { Asm } from '../../../scripts/test-kit/arm-asm.js';
import { machine } from './helpers/machine.js';

const CODE = 0x10000;

/** Little-endian bytes of `words` placed at byte `offset` of a page. */
function page(offset: number, words: readonly number[]): Uint8Array {
  const w = new Uint32Array(1024);
  w.set(words, offset / 4);
  return new Uint8Array(w.buffer);
}

describe('setUserVectorPage', () => {
  it('maps user code at 0xFFFF0000 in spaces that already exist; user writes to it still fault', () => {
    const m = machine();
    const a = new Asm(CODE)
      .ldr(12, KernelLayout.Vectors + 0xfe0)
      .blx(12) // r0 = 42
      .movr(5, 0)
      .ldr(1, KernelLayout.Vectors)
      .strw(5, 1, 0) // read-only: a fault, no pager: destroyed
      .label('end')
      .b('end');
    const tid = m.kernel.spawnProgram({ image: a.bytes(), loadAddress: CODE });
    m.kernel.setUserVectorPage(page(0xfe0, [0xe3a0002a /* mov r0, #42 */, 0xe12fff1e /* bx lr */]));
    expect(m.kernel.peek(tid, KernelLayout.Vectors + 0xfe0)).toBe(0xe3a0002a);
    m.kernel.run(10_000);
    expect(m.log).toEqual([`Thread (${tid}) raised exception 0 at 0x${(CODE + 16).toString(16)} with no pager; destroyed.`]);
  });

  it('moves a thread preempted inside the restart range back to its start', () => {
    // 0xFC0: add r2, r2, #1; 0xFC4: add r3, r3, #1; 0xFC8: b 0xFC0. Without the fixup r2 - r3
    // is 0 or 1; with [0xFC0, 0xFC8) restartable, every slice that ends between the two adds
    // runs the first add again.
    const loop = page(0xfc0, [0xe2822001, 0xe2833001, 0xeafffffc]);
    const run = (restart: boolean): number => {
      const m = machine();
      m.kernel.setUserVectorPage(loop, restart ? { start: KernelLayout.Vectors + 0xfc0, end: KernelLayout.Vectors + 0xfc8 } : undefined);
      const a = new Asm(CODE).ldr(12, KernelLayout.Vectors + 0xfc0).blx(12);
      const tid = m.kernel.spawnProgram({ image: a.bytes(), loadAddress: CODE });
      m.kernel.run(1_000_000);
      const r = m.kernel.thread(tid)!.registers;
      return r[2]! - r[3]!;
    };
    expect(run(false)).toBeLessThanOrEqual(1);
    expect(run(true)).toBeGreaterThan(10);
  });

  it('holds exactly the bytes given, little-endian, zero after them; a second call replaces the page', () => {
    const m = machine();
    const tid = m.kernel.spawnProgram({ image: new Asm(CODE).label('l').b('l').bytes(), loadAddress: CODE });
    const full = new Uint8Array(4096).map((_, i) => (i * 37 + 11) & 0xff);
    m.kernel.setUserVectorPage(full);
    const word = (i: number): number => (full[i]! | (full[i + 1]! << 8) | (full[i + 2]! << 16) | (full[i + 3]! << 24)) >>> 0;
    for (let i = 0; i < 4096; i += 4) expect(m.kernel.peek(tid, KernelLayout.Vectors + i)).toBe(word(i));
    m.kernel.setUserVectorPage(new Uint8Array([1, 2, 3, 4, 5, 6]));
    expect(m.kernel.peek(tid, KernelLayout.Vectors)).toBe(0x04030201);
    expect(m.kernel.peek(tid, KernelLayout.Vectors + 4)).toBe(0x0605);
    for (let i = 8; i < 4096; i += 4) expect(m.kernel.peek(tid, KernelLayout.Vectors + i)).toBe(0);
  });

  it('refuses more than a page and ranges outside it', () => {
    const m = machine();
    const code = (f: () => void): unknown => {
      try {
        f();
        return 'ok';
      } catch (e) {
        return e instanceof KernelError ? e.code : e;
      }
    };
    expect(code(() => { m.kernel.setUserVectorPage(new Uint8Array(4097)); })).toBe('bad-argument');
    expect(code(() => { m.kernel.setUserVectorPage(new Uint8Array(4), { start: 0xffff0ff0, end: 0xffff1004 }); })).toBe('bad-argument');
    expect(code(() => { m.kernel.setUserVectorPage(new Uint8Array(4), { start: 0xffff0ff0, end: 0xffff0ff0 }); })).toBe('bad-argument');
    expect(code(() => { m.kernel.setUserVectorPage(new Uint8Array(4), { start: 0xffff0ff0, end: 0xffff0ff8 }); })).toBe('ok');
  });
});
