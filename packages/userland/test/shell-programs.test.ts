import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findShellProgram, shellPrograms, shellSessions, UserlandError } from '../src/index.js';
import { readElfSummary } from './elf-header.js';

const shellDir = new URL('../shell/', import.meta.url);

/** True when the ELF has a PT_INTERP or PT_DYNAMIC program header (not static). */
function isDynamic(bytes: Uint8Array): boolean {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const phoff = v.getUint32(28, true);
  const phentsize = v.getUint16(42, true);
  const phnum = v.getUint16(44, true);
  for (let i = 0; i < phnum; i++) {
    const type = v.getUint32(phoff + i * phentsize, true);
    if (type === 2 || type === 3) return true;
  }
  return false;
}

describe('shell programs manifest', () => {
  it('lists every binary in shell/bin and every source in shell/src, sh first', () => {
    const names = shellPrograms.map((p) => p.name);
    expect(names[0]).toBe('sh');
    expect([...names].sort()).toEqual(readdirSync(new URL('bin/', shellDir)).sort());
    expect([...names].sort()).toEqual(
      readdirSync(new URL('src/', shellDir))
        .filter((f) => f.endsWith('.c'))
        .map((f) => f.slice(0, -2))
        .sort(),
    );
    for (const p of shellPrograms) expect(p.description.length).toBeGreaterThan(20);
  });

  for (const program of shellPrograms) {
    it(`${program.name} is a static 32-bit little-endian ARM executable`, () => {
      const bytes = program.readBinary();
      const elf = readElfSummary(bytes);
      expect(elf.magicOk).toBe(true);
      expect([elf.elfClass, elf.dataEncoding, elf.type, elf.machine]).toEqual([1, 1, 2, 40]);
      expect(isDynamic(bytes)).toBe(false);
      // EABI version 5, soft-float: the flags Debian's armel toolchain writes.
      const flags = new DataView(bytes.buffer, bytes.byteOffset).getUint32(36, true);
      expect(flags >>> 24).toBe(5);
    });
  }

  it('finds programs by name and rejects unknown names with a typed error', () => {
    expect(findShellProgram('ls').path).toMatch(/shell\/bin\/ls$/);
    expect(() => findShellProgram('bash')).toThrow(UserlandError);
    try {
      findShellProgram('bash');
    } catch (e) {
      expect((e as UserlandError).code).toBe('E_UNKNOWN_IMAGE');
    }
  });
});

describe('shell sessions', () => {
  it('has one golden per session and no stray files', () => {
    const inputs = readdirSync(new URL('sessions/', shellDir)).sort();
    const goldens = readdirSync(new URL('golden/', shellDir)).sort();
    expect(shellSessions.map((s) => `${s.name}.txt`).sort()).toEqual(inputs);
    expect(goldens).toEqual(inputs);
  });

  for (const session of shellSessions) {
    it(`${session.name}: the golden is a transcript of its input ending with the exit status`, () => {
      expect(existsSync(session.goldenPath)).toBe(true);
      const golden = session.readGolden();
      expect(golden).toMatch(/\n\[exit \d+\]\n$/);
      // Every input line appears after a prompt, in order (the shell runs with -t).
      let at = 0;
      for (const line of session.readInput().split('\n').slice(0, -1)) {
        const i = golden.indexOf(`$ ${line}\n`, at);
        expect(i, line).toBeGreaterThanOrEqual(at);
        at = i + line.length + 3;
      }
    });
  }

  it('the goldens show the features the sessions exercise', () => {
    const all = shellSessions.map((s) => s.readGolden()).join('');
    for (const expected of ['status 127', 'sh: no-such-command: not found', 'three stages', '[1] Done echo background > bg.txt', 'second line', '[exit 3]']) {
      expect(all).toContain(expected);
    }
    expect(readFileSync(new URL('toolchain.txt', shellDir), 'utf8')).toMatch(/^arm-linux-gnueabi-gcc/);
  });
});
