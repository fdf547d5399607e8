import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/index.js';
import { parseMemorySize, runMachine } from '../src/commands/machine.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'codezero-machine-'));
function file(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}
/** A minimal ELF32 header for `machine` with one PT_LOAD of `size` bytes at `paddr`. */
function elf(machine: number, paddr: number, size: number): Uint8Array {
  const b = new Uint8Array(0x54 + size);
  const v = new DataView(b.buffer);
  b.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1]);
  v.setUint16(16, 2, true);
  v.setUint16(18, machine, true);
  v.setUint32(20, 1, true);
  v.setUint32(24, paddr, true);
  v.setUint32(28, 0x34, true);
  v.setUint16(40, 0x34, true);
  v.setUint16(42, 0x20, true);
  v.setUint16(44, 1, true);
  v.setUint16(46, 0x28, true);
  v.setUint32(0x34, 1, true);
  v.setUint32(0x38, 0x54, true);
  v.setUint32(0x3c, paddr, true);
  v.setUint32(0x40, paddr, true);
  v.setUint32(0x44, size, true);
  v.setUint32(0x48, size, true);
  v.setUint32(0x4c, 5, true);
  return b;
}

/** A committed userland image and its QEMU golden (read from the workspace, not imported: cli does not depend on userland). */
function userlandImage(name: string): { path: string; loadGolden: () => Promise<string> } {
  const images = new URL('../../userland/images/', import.meta.url);
  return {
    path: fileURLToPath(new URL(`${name}.elf`, images)),
    loadGolden: () => readFile(new URL(`${name}.golden.txt`, images), 'utf8'),
  };
}

const SVC = 0xef123456;
const hello = userlandImage('hello');
const semihostingImage = userlandImage('uart-semihosting');

describe('codezero machine', () => {
  it('runs a userland image: the console on stdout, the golden output, status 0', async () => {
    const c = capture();
    const result = await runCli(['machine', '--semihosting', '--stats', hello.path], c.io);
    expect(result.exitCode).toBe(0);
    expect(c.out.join('')).toBe(await hello.loadGolden());
    expect(c.err.join('')).toMatch(/^instructions: \d+, seconds: [0-9.]+, MIPS: [0-9.]+\n$/);
  });

  it('mixes semihosting output into stdout in program order', async () => {
    const c = capture();
    const result = await runCli(['machine', '--semihosting', semihostingImage.path], c.io);
    expect(result.exitCode).toBe(0);
    expect(c.out.join('')).toBe(await semihostingImage.loadGolden());
  });

  it('stops at --max-instructions with status 0 and says so on stderr', async () => {
    const c = capture();
    const result = await runCli(['machine', '--semihosting', '--max-instructions', '500', hello.path], c.io);
    expect(result.exitCode).toBe(0);
    expect(c.err.join('')).toContain('instruction limit (500)');
    expect(c.out.join('')).not.toContain('END hello');
  });

  it('stops when the guest waits for an interrupt that nothing can raise', async () => {
    // mov r0, #0; mcr p15, 0, r0, c7, c0, 4 (wait for interrupt); b .
    const bytes = new Uint8Array(new Uint32Array([0xe3a00000, 0xee070f90, 0xeafffffe]).buffer);
    const c = capture();
    const result = await runCli(['machine', '--memory', '1M', file('wfi.bin', bytes)], c.io);
    expect(result.exitCode).toBe(0);
    expect(c.err.join('')).toContain('waits for an interrupt');
  });

  it('returns the guest exit status of SYS_EXIT_EXTENDED', async () => {
    // mov r0, #0x20; adr r1, block; svc 0x123456; b .; block: .word 0x20026, 7
    const words = [0xe3a00020, 0xe28f1004, 0xef123456, 0xeafffffe, 0x20026, 7];
    const bytes = new Uint8Array(new Uint32Array(words).buffer);
    const c = capture();
    const status = await runMachine(
      { image: file('exit7.bin', bytes), ramSize: 1 << 20, semihosting: true, maxInstructions: 1000, realtime: false, stats: false },
      c.io,
      null,
    );
    expect(status).toBe(7);
    const viaCli = await runCli(['machine', '--semihosting', '--memory', '1M', file('exit7b.bin', bytes)], c.io);
    expect(viaCli.exitCode).toBe(7);
  });

  it('feeds input to UART0: an echo guest prints what it receives', async () => {
    // r4 = UART0; wait for RXFE clear; read DR; write DR; until 'q'; then SYS_EXIT
    const words = [0xe59f402c, 0xe5941018, 0xe3110010, 0x1afffffc, 0xe5940000, 0xe5840000, 0xe3500071, 0x1afffff8,
      0xe3a00018, 0xe59f1004, SVC, 0xeafffffe, 0x20026, 0x101f1000];
    const c = capture();
    const feeder: { feed: ((b: Uint8Array) => void) | null } = { feed: null };
    const input = {
      start: (onData: (b: Uint8Array) => void) => { feeder.feed = onData; },
      stop: () => undefined,
    };
    const options = { image: file('echo.bin', new Uint8Array(new Uint32Array(words).buffer)), ramSize: 1 << 20, semihosting: true, maxInstructions: Infinity, realtime: false, stats: false };
    const running = runMachine(options, c.io, input);
    await new Promise((r) => setTimeout(r, 20));
    feeder.feed?.(new TextEncoder().encode('echo!q'));
    expect(await running).toBe(0);
    expect(c.out.join('')).toBe('echo!q');
  });

  it('errors: one line on stderr, status 2', async () => {
    const cases: [string[], RegExp][] = [
      [['machine', join(dir, 'missing.elf')], /cannot read .*missing\.elf.*no such file/],
      [['machine', file('x86.elf', elf(3, 0x10000, 16))], /not 40 \(ARM\)/],
      [['machine', file('trunc.elf', elf(40, 0x10000, 16).subarray(0, 30))], /malformed ELF/],
      [['machine', file('dev.elf', elf(40, 0x10000000, 16))], /overlaps the device area/],
      [['machine', '--memory', '1M', file('big.elf', elf(40, 0x100000, 16))], /beyond RAM/],
      [['machine', '--memory', '64K', file('raw.bin', new Uint8Array(0x20000))], /beyond RAM/],
      [['machine', '--memory', 'lots', hello.path], /bad --memory/],
      [['machine', '--max-instructions', '-3', hello.path], /bad --max-instructions/],
      [['machine', '--board', 'realview', hello.path], /unknown board/],
    ];
    for (const [argv, pattern] of cases) {
      const c = capture();
      const result = await runCli(argv, c.io);
      expect(result.exitCode, argv.join(' ')).toBe(2);
      const err = c.err.join('');
      expect(err, argv.join(' ')).toMatch(pattern);
      expect(err.trimEnd().split('\n'), argv.join(' ')).toHaveLength(1);
    }
  });

  it('parses memory sizes', () => {
    expect(parseMemorySize('128M')).toBe(128 << 20);
    expect(parseMemorySize('64MiB')).toBe(64 << 20);
    expect(parseMemorySize('0x100000')).toBe(1 << 20);
    expect(parseMemorySize('512k')).toBe(512 << 10);
    expect(parseMemorySize('12 parsecs')).toBeNull();
  });
});
