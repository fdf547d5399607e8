import { describe, expect, it } from 'vitest';
import { findBareMetalImage } from '@codezero-ts/userland';
import { BoardError, PB926_ADDRESS, Pb926Machine } from '../src/index.js';

/** Little-endian bytes of ARM words. */
const code = (...words: number[]): Uint8Array => new Uint8Array(new Uint32Array(words).buffer);

function machineWith(options: ConstructorParameters<typeof Pb926Machine>[0] = {}) {
  let out = '';
  const m = new Pb926Machine({ ramSize: 1 << 20, ...options, console: (b) => { out += String.fromCharCode(b); } });
  return { m, out: () => out };
}

const SVC_SEMI = 0xef123456;
const B_SELF = 0xeafffffe;

describe('Pb926Machine loading', () => {
  it('boots a raw image as QEMU does: stub at 0, r0=0 r1=387 r2=0x100, ATAGs, start in SVC with IRQ/FIQ masked', () => {
    const { m } = machineWith({ ramSize: 8 << 20 });
    const image = m.loadImage(code(B_SELF));
    expect(image.format).toBe('raw');
    expect(m.getReg(15)).toBe(0);
    expect(m.getCpsr() & 0xff).toBe(0xd3);
    m.run(4);
    expect([m.getReg(0), m.getReg(1), m.getReg(2), m.getReg(15)]).toEqual([0, 387, 0x100, 0x10000]);
    const tags = new Uint32Array(m.readMemory(0x100, 44).buffer);
    expect([...tags]).toEqual([5, 0x54410001, 1, 4096, 0, 4, 0x54410002, 8 << 20, 0, 0, 0]);
  });

  it('loads an ELF by its program headers and starts at its entry with the registers at 0', async () => {
    const { m } = machineWith({ ramSize: 128 << 20 });
    m.setReg(3, 99);
    const image = m.loadImage(await findBareMetalImage('hello').loadImage());
    expect(image.format).toBe('elf');
    expect(image.entry).toBe(0x10000);
    expect(m.getReg(15)).toBe(0x10000);
    expect(m.getReg(3)).toBe(0);
    expect(image.segments[0]?.start).toBe(0x10000);
  });

  it('rejects images beyond RAM with a BoardError', () => {
    const { m } = machineWith({ ramSize: 0x20000 });
    expect(() => m.loadImage(new Uint8Array(0x10004))).toThrow(BoardError);
    expect(() => m.loadImage(new Uint8Array(0))).toThrow(/empty/);
  });
});

describe('Pb926Machine semihosting', () => {
  it('SYS_WRITE0 and SYS_WRITEC reach the console; SYS_EXIT stops with status 0', () => {
    const { m, out } = machineWith({ semihosting: true });
    // raw at 0x10000: mov r0,#4; adr r1,msg; svc; mov r0,#0x18; ldr r1,=0x20026; svc; b .
    m.loadImage(
      code(0xe3a00004, 0xe28f1014, SVC_SEMI, 0xe3a00018, 0xe59f1004, SVC_SEMI, B_SELF, 0x20026, 0x0a6968, 0),
    );
    const r = m.run(1000);
    expect(r.reason).toBe('exit');
    expect(r.exitCode).toBe(0);
    expect(out()).toBe('hi\n');
    expect(m.run(10).reason).toBe('exit');
  });

  it('a Thumb SVC 0xAB is a semihosting call; LR_svc survives it', () => {
    const { m, out } = machineWith({ semihosting: true });
    // ARM: mov lr,#0x55; adr r2,thumb+1; bx r2; thumb: movs r0,#3; mov r1,sp; svc 0xab; b .
    m.loadImage(code(0xe3a0e055, 0xe28f2001, 0xe12fff12, 0x4669_2003, 0xe7fe_dfab));
    m.setReg(13, 0x8000);
    m.writeMemory(0x8000, new Uint8Array([0x21]));
    m.run(100);
    expect(out()).toBe('!');
    expect(m.getReg(14)).toBe(0x55);
  });

  it('without the option, and from user mode, SVC 0x123456 is an ordinary SWI', () => {
    const plain = machineWith();
    plain.m.loadImage(code(SVC_SEMI, B_SELF));
    plain.m.run(5);
    expect(plain.m.getReg(15)).toBe(0x8); // the SWI vector (startup code would be here)
    const user = machineWith({ semihosting: true });
    user.m.loadImage(code(0xe321f010, SVC_SEMI, B_SELF)); // msr cpsr_c, #0x10 (user mode)
    user.m.run(6);
    expect(user.m.getReg(15)).toBe(0x8);
    expect(user.m.getCpsr() & 0x1f).toBe(0x13);
  });

  it('SYS_EXIT_EXTENDED gives the status; other reasons of SYS_EXIT give 1', () => {
    const ext = machineWith({ semihosting: true });
    ext.m.loadImage(code(0xe3a00020, 0xe28f1004, SVC_SEMI, B_SELF, 0x20026, 42));
    expect(ext.m.run(100).exitCode).toBe(42);
    const other = machineWith({ semihosting: true });
    other.m.loadImage(code(0xe3a00018, 0xe3a01001, SVC_SEMI, B_SELF));
    expect(other.m.run(100).exitCode).toBe(1);
  });

  it('SYS_READC takes semihosting input; -1 when none is queued', () => {
    const { m } = machineWith({ semihosting: true, input: 'semihosting' });
    m.loadImage(code(0xe3a00007, SVC_SEMI, 0xe1a04000, 0xe3a00007, SVC_SEMI, B_SELF));
    m.sendInput([0x41]);
    m.run(20);
    expect(m.getReg(4)).toBe(0x41);
    expect(m.getReg(0) | 0).toBe(-1);
  });
});

describe('Pb926Machine run loop', () => {
  it('stops at the instruction limit, counting executed instructions', () => {
    const { m } = machineWith();
    m.loadImage(code(B_SELF));
    const r = m.run(12345);
    expect(r).toEqual({ reason: 'limit', instructions: 12345, exitCode: null });
    expect(m.instructions).toBe(12345);
  });

  it('takes a timer IRQ at the instruction the virtual clock predicts, and sleeps through WFI to it', () => {
    const { m } = machineWith();
    const T0 = PB926_ADDRESS.timer01;
    // Vector page: IRQ vector at 0x18: mov r5, #1; b .
    // At 0x10000: program VIC + timer (10 µs = 1000 instructions), unmask, WFI, b .
    const prog = code(
      0xe59f0030, // ldr r0, =VIC
      0xe3a01010, // mov r1, #0x10 (timer 0/1)
      0xe5801010, // str r1, [r0, #0x10] INTENABLE
      0xe59f0028, // ldr r0, =T0
      0xe3a0100a, // mov r1, #10
      0xe5801000, // str r1, [r0] LOAD
      0xe3a010e2, // mov r1, #0xe2
      0xe5801008, // str r1, [r0, #8] CTRL
      0xe321f053, // msr cpsr_c, #0x53 (IRQ on)
      0xe3a00000, // mov r0, #0
      0xee070f90, // wfi
      B_SELF,
      0, 0,
      PB926_ADDRESS.vic,
      T0,
    );
    m.loadImage(prog);
    m.run(4); // the boot stub at 0, whose last word lies where the IRQ vector goes
    m.writeMemory(0x18, code(0xe3a05001, B_SELF));
    const r = m.run(10_000);
    expect(r.reason).toBe('limit');
    expect(m.getReg(5)).toBe(1);
    expect(m.getCpsr() & 0x1f).toBe(0x12);
    // The clock reads the CPU's live instruction count, so the timer starts at the store
    // to CTRL, instruction 12, and expires at 12 + 1000; the WFI (instruction 15) sleeps
    // the 997 instructions to it. Guest time: 4 + 10 000 executed + 997 slept, 10 ns each.
    expect(m.guestNanoseconds).toBe((4 + 10_000 + 997) * 10);
  });

  it('reports halted when the guest waits for an interrupt nothing will raise', () => {
    const { m } = machineWith();
    m.loadImage(code(0xe3a00000, 0xee070f90, B_SELF));
    const r = m.run(1000);
    expect(r.reason).toBe('halted');
    expect(m.millisecondsToNextEvent()).toBe(Infinity);
  });

  it('reads and writes memory and devices; UART0 input reaches the receiver', () => {
    const { m } = machineWith();
    m.writeMemory(0x2000, new Uint8Array([1, 2, 3]));
    expect([...m.readMemory(0x2000, 3)]).toEqual([1, 2, 3]);
    expect([...m.readMemory(0x10000000, 4)]).toEqual([0x04, 0, 0, 0]);
    m.sendInput([0x7a]);
    expect(m.readMemory(PB926_ADDRESS.uart0, 1)[0]).toBe(0x7a);
    m.setCpsr(0x1df);
    expect(m.getCpsr() & 0x1f).toBe(0x1f);
  });

  it('wall-clock mode: the interrupts image, waiting on host time, still prints its golden', async () => {
    const image = findBareMetalImage('interrupts');
    const { m, out } = machineWith({ ramSize: 128 << 20, semihosting: true, clock: 'wall' });
    m.loadImage(await image.loadImage());
    let result = m.run(1_000_000);
    for (let i = 0; i < 10_000 && result.reason !== 'exit'; i++) {
      if (result.reason === 'halted') await new Promise((r) => setTimeout(r, Math.min(m.millisecondsToNextEvent(), 5)));
      result = m.run(1_000_000);
    }
    expect(result.exitCode).toBe(0);
    expect(out()).toBe(await image.loadGolden());
  });
});
