import { describe, expect, it } from 'vitest';
import { BoardError, L4System, bootL4, l4ProgramFromElf } from '../src/index.js';
import { Asm } from '../../../scripts/test-kit/arm-asm.js';
import { buildElf } from '../../../scripts/test-kit/elf-builder.js';
import { exit, getId, guestOutput, helloProgram, mapDevice, print, sp804IrqProgram } from './l4-programs.js';
import { PB926_ADDRESS } from '../src/index.js';

const MiB = 1024 * 1024;
const DATA = 0x20000;

/** Text at 0x8000 (read/execute) printing the string in a data segment at 0x20000 (read/write + bss). */
function twoSegmentElf(text: string): Uint8Array {
  const code = new Asm(0x8000);
  getId(code);
  mapDevice(code, PB926_ADDRESS.uart0);
  // A word of bss is zero and writable: store 1 there, then print.
  code.ldr(0, DATA + 0x1000).ldrw(1, 0, 0).add(1, 1, 0x21).strw(1, 0, 0);
  print(code, 'msg', DATA);
  exit(code, 3);
  const data = new TextEncoder().encode(`${text}\0`);
  return buildElf(
    [
      { vaddr: 0x8000, bytes: code.bytes(), flags: 5 },
      { vaddr: DATA, bytes: data, memSize: 0x2000, flags: 6 },
    ],
    0x8000,
  );
}

describe('bootL4', () => {
  it('loads an ELF by its segments and runs it as the first pager until nothing can run: status 0', () => {
    const result = bootL4({ ramSize: 16 * MiB, elf: twoSegmentElf('from an ELF\n') });
    expect(result).toMatchObject({ status: 0, outcome: 'idle' });
    expect(guestOutput(result.console)).toBe('from an ELF\n');
    expect(result.instructions).toBeGreaterThan(50);
    expect(result.instructions).toBeLessThan(1000);
  });

  it('turns ELF segments into the program shape and rejects what is not an ARM executable', () => {
    const p = l4ProgramFromElf(twoSegmentElf('x'));
    expect(p.entry).toBe(0x8000);
    expect(p.segments.map((s) => [s.vaddr, s.memSize, s.flags])).toEqual([
      [0x8000, p.segments[0]!.data.length, 5],
      [DATA, 0x2000, 6],
    ]);
    const code = (fn: () => unknown): string => {
      try {
        fn();
        return 'none';
      } catch (e) {
        return e instanceof BoardError ? e.code : 'other';
      }
    };
    expect(code(() => l4ProgramFromElf(new Uint8Array([1, 2, 3])))).toBe('bad-image');
    expect(code(() => l4ProgramFromElf(buildElf([], 0x8000)))).toBe('bad-image');
    expect(code(() => l4ProgramFromElf(buildElf([{ vaddr: 0xbf000000, bytes: new Uint8Array(4), flags: 5 }], 0xbf000000)))).toBe('bad-image');
    expect(code(() => bootL4({}))).toBe('bad-image');
    expect(code(() => bootL4({ image: new Uint8Array(4), loadAddress: 0x10004 }))).toBe('bad-image');
  });

  it('streams the console byte by byte while it runs', () => {
    const seen: number[] = [];
    const system = new L4System({ ramSize: 16 * MiB, image: helloProgram('stream\n'), console: (b) => seen.push(b) });
    const boot = seen.length;
    expect(system.run(40)).toBe('budget');
    expect(seen.length - boot).toBeLessThan(7);
    expect(system.run(10_000)).toBe('idle');
    expect(guestOutput(String.fromCharCode(...seen))).toBe('stream\n');
    expect(system.console).toBe(String.fromCharCode(...seen));
    expect(system.run(10)).toBe('idle');
    expect(system.finished).toBe('idle');
  });

  it('stops at the instruction limit with status 124', () => {
    const spin = new Asm(0x10000).label('s').b('s').bytes();
    expect(bootL4({ ramSize: 16 * MiB, image: spin, maxInstructions: 100_000 })).toMatchObject({ status: 124, outcome: 'budget', instructions: 100_000 });
  });
});

describe('bootL4 on the wall clock', () => {
  it('runs the same program with guest time from the host clock', () => {
    const result = bootL4({ ramSize: 16 * MiB, clock: 'wall', image: helloProgram('wall\n') });
    expect(result).toMatchObject({ status: 0, outcome: 'idle' });
    expect(guestOutput(result.console)).toBe('wall\n');
  });

  it('sleeps the host while a user-level driver waits for the spare SP804', () => {
    const result = bootL4({ ramSize: 16 * MiB, clock: 'wall', image: sp804IrqProgram(3) });
    expect(result.status).toBe(0);
    expect(guestOutput(result.console)).toBe('irq done\n');
  });
});
