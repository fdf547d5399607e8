import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'codezero-disasm-'));
function file(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}
function words32(...ws: number[]): Uint8Array {
  const b = new Uint8Array(ws.length * 4);
  const v = new DataView(b.buffer);
  ws.forEach((w, i) => { v.setUint32(i * 4, w, true); });
  return b;
}
function words16(...hs: number[]): Uint8Array {
  const b = new Uint8Array(hs.length * 2);
  const v = new DataView(b.buffer);
  hs.forEach((h, i) => { v.setUint16(i * 2, h, true); });
  return b;
}
// What arm-none-eabi-objdump -d prints for tiny.elf, in this command's line format.
const TINY_LISTING: readonly string[] = [
  'Disassembly of section .text:',
  '',
  '00008000 <twice>:',
  '00008000: 4a03  ldr\tr2, [pc, #12]\t@ (8010 <twice+0x10>)',
  '00008002: 2303  movs\tr3, #3',
  '00008004: 4003  ands\tr3, r0',
  '00008006: 009b  lsls\tr3, r3, #2',
  '00008008: 0040  lsls\tr0, r0, #1',
  '0000800a: 589b  ldr\tr3, [r3, r2]',
  '0000800c: 18c0  adds\tr0, r0, r3',
  '0000800e: 4770  bx\tlr',
  '00008010: 00008050  .word\t0x00008050',
  '',
  '00008014 <main>:',
  '00008014: e92d4010  push\t{r4, lr}',
  '00008018: e59f400c  ldr\tr4, [pc, #12]\t@ 802c <main+0x18>',
  '0000801c: e5940000  ldr\tr0, [r4]',
  '00008020: eb000006  bl\t8040 <__twice_from_arm>',
  '00008024: e5840000  str\tr0, [r4]',
  '00008028: e8bd8010  pop\t{r4, pc}',
  '0000802c: 00009060  .word\t0x00009060',
  '',
  '00008030 <_start>:',
  '00008030: e92d4010  push\t{r4, lr}',
  '00008034: ebfffff6  bl\t8014 <main>',
  '00008038: eafffffe  b\t8038 <_start+0x8>',
  '0000803c: 00000000  andeq\tr0, r0, r0',
  '',
  '00008040 <__twice_from_arm>:',
  '00008040: e59fc000  ldr\tip, [pc]\t@ 8048 <__twice_from_arm+0x8>',
  '00008044: e12fff1c  bx\tip',
  '00008048: 00008001  .word\t0x00008001',
  '0000804c: 00000000  .word\t0x00000000',
];

const tinyElf = new URL('../../elf/test/data/tiny.elf', import.meta.url).pathname;

async function run(...argv: string[]) {
  const c = capture();
  const r = await runCli(['disasm', ...argv], c.io);
  return { code: r.exitCode, out: c.out.join(''), err: c.err.join('') };
}

describe('codezero disasm', () => {
  it('disassembles a raw ARM binary from --base', async () => {
    const r = await run('--base', '0x8000', file('a.bin', words32(0xe3a00001, 0xeafffffe, 0xe59f0004, 0xe1a00000)));
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        '00008000: e3a00001  mov\tr0, #1',
        '00008004: eafffffe  b\t0x8004',
        '00008008: e59f0004  ldr\tr0, [pc, #4]\t@ 0x8014',
        '0000800c: e1a00000  nop\t\t\t@ (mov r0, r0)',
        '',
      ].join('\n'),
    );
  });

  it('disassembles raw Thumb with BL pairs as one line and starts at 0 by default', async () => {
    const r = await run('--thumb', file('t.bin', words16(0x2001, 0xf000, 0xf800, 0x4770, 0xf000)));
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual([
      '00000000: 2001  movs\tr0, #1',
      '00000002: f000 f800  bl\t0x6',
      '00000006: 4770  bx\tlr',
      '00000008: f000  \t\t@ <UNDEFINED> instruction: 0xf000',
      '',
    ]);
  });

  it('prints trailing bytes of a raw binary as data', async () => {
    const r = await run(file('odd.bin', new Uint8Array([0x01, 0x00, 0xa0, 0xe3, 0x7f])));
    expect(r.out.split('\n').slice(0, 2)).toEqual(['00000000: e3a00001  mov\tr0, #1', '00000004: 7f  .byte\t0x7f']);
  });

  it('disassembles the executable sections of an ELF file using mapping symbols', async () => {
    const r = await run(tinyElf);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('Disassembly of section .text:');
    expect(lines).toContain('00008000 <twice>:');
    expect(lines).toContain('00008000: 4a03  ldr\tr2, [pc, #12]\t@ (8010 <twice+0x10>)');
    expect(lines).toContain('00008010: 00008050  .word\t0x00008050');
    expect(lines).toContain('00008014: e92d4010  push\t{r4, lr}');
    expect(lines).toContain('00008020: eb000006  bl\t8040 <__twice_from_arm>');
    expect(lines).toContain('00008038: eafffffe  b\t8038 <_start+0x8>');
    expect(lines.some((l) => l.includes('.rodata'))).toBe(false);
    expect(lines.slice(0, -1)).toEqual(TINY_LISTING);
  });

  it('fails with one line and status 2 for a missing file', async () => {
    const r = await run(join(dir, 'nope.bin'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^codezero disasm: cannot read '.*nope\.bin': no such file\n$/);
    expect(r.out).toBe('');
  });

  it('fails with one line and status 2 for a bad --base', async () => {
    for (const bad of ['zz', '0x1_0000', '-4', '0x100000000']) {
      const r = await run('--base', bad, file('b.bin', words32(0)));
      expect(r.code).toBe(2);
      expect(r.err).toBe(`codezero disasm: bad --base '${bad}': expected a decimal or 0x-prefixed hex address below 2^32\n`);
    }
  });

  it('fails with one line and status 2 for a malformed ELF file', async () => {
    const bytes = new Uint8Array(64);
    bytes.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
    const r = await run(file('bad.elf', bytes));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^codezero disasm: '.*bad\.elf' is a malformed ELF file \(wrong-class\): EI_CLASS is 2, not 1 \(ELF32\)\n$/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('documents the output format in --help', async () => {
    const c = capture();
    const r = await runCli(['disasm', '--help'], c.io);
    expect(r.exitCode).toBe(0);
    const text = c.out.join('');
    expect(text).toContain('--base <addr>');
    expect(text).toContain('"address: word  text"');
  });
});
