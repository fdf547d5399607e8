/**
 * Small hand-assembled L4 programs for the platform tests (see asm.ts). Each starts as the
 * first thread (tid 1) with the root capabilities; registers r10 (getid buffer) and r11
 * (a mapped device) survive system calls.
 */
import { IrqRequest, MapFlags, Syscall, ThreadAction } from '@codezero-ts/kernel';
import { PB926_ADDRESS } from '../src/index.js';
import { Asm } from '../../../scripts/test-kit/arm-asm.js';

/** Where the programs load. */
export const LOAD = 0x10000;
/** Where the programs map a device window. */
export const DEVICE_VA = 0x20000000;

/** LDRB rd, [rn], #1. */
const ldrbPost = (rd: number, rn: number): number => 0xe4d00001 | (rn << 16) | (rd << 12);
/** TST rn, #imm (imm < 256). */
const tst = (rn: number, imm: number): number => 0xe3100000 | (rn << 16) | imm;
/** BNE back by `words` instructions from this one. */
const bneBack = (words: number): number => (0x1a000000 | ((-(words + 2)) & 0xffffff)) >>> 0;

/** getid into a buffer 64 bytes below the stack (address in r10). */
export function getId(a: Asm): Asm {
  return a.sub(10, 13, 64).movr(0, 10).sys(Syscall.GetId);
}

/** map(phys, DEVICE_VA, 1, USR_IO, own tid); device pointer in r11. */
export function mapDevice(a: Asm, phys: number): Asm {
  return a.mov(0, phys).mov(1, DEVICE_VA).mov(2, 1).mov(3, MapFlags.UserIo).ldrw(4, 10, 0).sys(Syscall.Map).mov(11, DEVICE_VA);
}

/** Prints the NUL-terminated string at label `msg` on the UART mapped at r11, honouring FR.TXFF. */
export function print(a: Asm, msg: string, at: number | string = msg): Asm {
  return a
    .ldr(2, at)
    .label(`${msg}-loop`)
    .word(ldrbPost(0, 2))
    .cmp(0, 0)
    .b(`${msg}-done`, 0x00000000)
    .ldrw(5, 11, 0x18)
    .word(tst(5, 0x20))
    .word(bneBack(2))
    .strw(0, 11, 0)
    .b(`${msg}-loop`)
    .label(`${msg}-done`);
}

/** Destroys the calling thread (ids at r10) with exit code `code`. */
export function exit(a: Asm, code = 0): Asm {
  return a.mov(0, ThreadAction.Destroy | code).movr(1, 10).sys(Syscall.ThreadControl);
}

/** NUL-terminated string data at label `name`. */
function data(a: Asm, name: string, text: string): Asm {
  a.label(name);
  const bytes = new TextEncoder().encode(`${text}\0`);
  for (let i = 0; i < bytes.length; i += 4) {
    let w = 0;
    for (let b = 0; b < 4 && i + b < bytes.length; b++) w |= bytes[i + b]! << (8 * b);
    a.word(w);
  }
  return a;
}

/** Maps UART0, prints `text`, and exits. */
export function helloProgram(text: string): Uint8Array {
  const a = new Asm(LOAD);
  getId(a);
  mapDevice(a, PB926_ADDRESS.uart0);
  print(a, 'msg');
  exit(a);
  data(a, 'msg', text);
  return a.bytes();
}

/**
 * A user-level driver of the spare SP804 (timers 2/3, VIC 5): maps it, registers for
 * irq 5 in notify slot 0, runs counter 0 periodic at `loadTicks` µs, and waits for
 * `count` interrupts (writing INTCLR after each); the running count is kept in r9 and each
 * wait's result in r8. Then it stops the timer, prints "irq done\n" on UART0 and exits,
 * or with `exitAtEnd = false` spins.
 */
export function sp804IrqProgram(count: number, loadTicks = 1000, exitAtEnd = true): Uint8Array {
  const a = new Asm(LOAD);
  getId(a);
  mapDevice(a, PB926_ADDRESS.timer23);
  a.mov(0, IrqRequest.Register).mov(1, 0).mov(2, 5).sys(Syscall.IrqControl).movr(7, 0);
  a.mov(0, loadTicks).strw(0, 11, 0x00).mov(0, 0xe2).strw(0, 11, 0x08).mov(9, 0);
  a.label('wait').mov(0, IrqRequest.Wait).mov(1, 0).mov(2, 5).sys(Syscall.IrqControl).movr(8, 0);
  a.strw(0, 11, 0x0c).word(0xe0899000 | 8); // add r9, r9, r8
  a.cmp(9, count).b('wait', 0xb0000000);
  a.mov(0, 0).strw(0, 11, 0x08);
  if (!exitAtEnd) return a.label('spin').b('spin').bytes();
  mapDevice(a, PB926_ADDRESS.uart0); // remaps DEVICE_VA to UART0
  print(a, 'done');
  exit(a);
  data(a, 'done', 'irq done\n');
  return a.bytes();
}

/** Increments r1 forever. */
export function spinner(): Uint8Array {
  return new Asm(LOAD).label('spin').add(1, 1, 1).b('spin').bytes();
}

/**
 * Calls thread `server` with MR0 = 41 (short IPC), keeps the reply's MR0 in r9, then does
 * getid into r10's buffer and loads tid/spid/tgid into r5/r6/r7, and spins.
 */
export function clientProgram(server: number): Uint8Array {
  const a = new Asm(LOAD);
  a.mov(3, 41).mov(0, server).movr(1, 0).mov(2, 0).sys(Syscall.Ipc).movr(9, 3).movr(8, 0);
  getId(a);
  a.movr(4, 0).ldrw(5, 10, 0).ldrw(6, 10, 4).ldrw(7, 10, 8);
  return a.label('spin').b('spin').bytes();
}

/** Receives from anyone, answers MR0 + 1 to the sender (MR1), forever. */
export function echoServerProgram(): Uint8Array {
  const a = new Asm(LOAD);
  a.label('loop').mov(0, 0xffffffff).mov(1, 0xfffffffe).mov(2, 0).sys(Syscall.Ipc);
  a.add(3, 3, 1).movr(0, 4).mov(1, 0xffffffff).mov(2, 0).sys(Syscall.Ipc);
  return a.b('loop').bytes();
}

/** The console without the kernel's boot lines (`code0: …`). */
export function guestOutput(text: string): string {
  return text
    .split(/(?<=\n)/)
    .filter((l) => !l.startsWith('code0: '))
    .join('');
}

/**
 * A user-level UART3 driver: UART3 sits on SIC input 6, platform interrupt 38 (through the
 * SIC cascade on VIC 31). Maps it, unmasks its RX interrupt, registers irq 38, waits once
 * (result in r8), reads the received byte into r9 and spins.
 */
export function uart3IrqProgram(): Uint8Array {
  const a = new Asm(LOAD);
  getId(a);
  mapDevice(a, PB926_ADDRESS.uart3);
  a.mov(0, 0x10).strw(0, 11, 0x38); // IMSC: RX
  a.mov(0, IrqRequest.Register).mov(1, 0).mov(2, 38).sys(Syscall.IrqControl).movr(7, 0);
  a.mov(0, IrqRequest.Wait).mov(1, 0).mov(2, 38).sys(Syscall.IrqControl).movr(8, 0);
  a.ldrw(9, 11, 0);
  return a.label('spin').b('spin').bytes();
}
