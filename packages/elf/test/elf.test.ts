import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ElfError, PT_LOAD, SHF_EXECINSTR, isElf, parseElf } from '../src/index.js';

const tiny = new Uint8Array(readFileSync(new URL('./data/tiny.elf', import.meta.url)));

function patched(edit: (b: Uint8Array, v: DataView) => void): Uint8Array {
  const copy = tiny.slice();
  edit(copy, new DataView(copy.buffer));
  return copy;
}

function codeOf(bytes: Uint8Array): string {
  try {
    parseElf(bytes);
    return 'ok';
  } catch (e) {
    if (e instanceof ElfError) return e.code;
    throw e;
  }
}

describe('parseElf on a real file', () => {
  const elf = parseElf(tiny);

  it('reads the header and entry point', () => {
    expect(isElf(tiny)).toBe(true);
    expect(elf.entry).toBe(0x8030);
    expect(elf.header).toMatchObject({ type: 2, machine: 40, phnum: 2, shnum: 11 });
  });

  it('reads program headers', () => {
    const loads = elf.programHeaders.filter((p) => p.type === PT_LOAD);
    expect(loads).toHaveLength(2);
    expect(loads[0]).toMatchObject({ vaddr: 0x8000, filesz: 0x60, memsz: 0x60, flags: 5 });
    expect(loads[1]).toMatchObject({ vaddr: 0x9060, filesz: 0, memsz: 4 });
    expect(elf.segmentData(loads[0]!).length).toBe(0x60);
  });

  it('reads sections with names', () => {
    expect(elf.sections.map((s) => s.name)).toEqual(['', '.text', '.rodata', '.persistent', '.bss', '.noinit', '.comment', '.ARM.attributes', '.symtab', '.strtab', '.shstrtab']);
    const text = elf.section('.text')!;
    expect(text).toMatchObject({ addr: 0x8000, size: 0x50 });
    expect(text.flags & SHF_EXECINSTR).toBe(SHF_EXECINSTR);
    expect(Array.from(elf.sectionData(text).subarray(0, 2))).toEqual([0x03, 0x4a]);
    expect(elf.sectionData(elf.section('.bss')!).length).toBe(0);
  });

  it('reads symbols, mapping symbols included', () => {
    const byName = new Map(elf.symbols.map((s) => [s.name, s]));
    expect(byName.get('main')).toMatchObject({ value: 0x8014, type: 2, bind: 1 });
    expect(byName.get('twice')).toMatchObject({ value: 0x8001, type: 2 });
    expect(byName.get('counter')).toMatchObject({ value: 0x9060, size: 4, type: 1 });
    const mapping = elf.symbols.filter((s) => /^\$[atd]$/.test(s.name)).map((s) => `${s.name}@${s.value.toString(16)}`);
    expect(mapping).toContain('$t@8000');
    expect(mapping).toContain('$a@8014');
    expect(mapping).toContain('$d@8010');
  });
});

describe('parseElf on malformed input', () => {
  it('rejects what is not ELF', () => {
    expect(codeOf(new Uint8Array([1, 2, 3, 4, 5]))).toBe('not-elf');
    expect(codeOf(new Uint8Array(0))).toBe('not-elf');
    expect(isElf(new Uint8Array([0x7f, 0x45]))).toBe(false);
  });

  it('rejects the wrong class, byte order and machine', () => {
    expect(codeOf(patched((b) => (b[4] = 2)))).toBe('wrong-class');
    expect(codeOf(patched((b) => (b[5] = 2)))).toBe('wrong-endianness');
    expect(codeOf(patched((_, v) => { v.setUint16(18, 3, true); }))).toBe('wrong-machine');
    expect(codeOf(patched((_, v) => { v.setUint32(20, 2, true); }))).toBe('bad-version');
  });

  it('rejects truncated files', () => {
    expect(codeOf(tiny.subarray(0, 30))).toBe('truncated');
    expect(codeOf(tiny.subarray(0, 200))).toBe('truncated');
    expect(codeOf(tiny.subarray(0, tiny.length - 1))).toBe('truncated');
  });

  it('rejects inconsistent tables', () => {
    expect(codeOf(patched((_, v) => { v.setUint16(50, 99, true); }))).toBe('inconsistent');
    expect(codeOf(patched((_, v) => { v.setUint16(42, 31, true); }))).toBe('inconsistent');
    expect(codeOf(patched((_, v) => { v.setUint16(50, 1, true); }))).toBe('inconsistent');
    const err = (() => {
      try {
        parseElf(patched((b) => (b[4] = 2)));
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(ElfError);
    expect((err as ElfError).message).toContain('ELF32');
  });

  it('never throws anything but ElfError on corrupted bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(tiny.length - 1), fc.nat(255)), { minLength: 1, maxLength: 8 }), (edits) => {
        const copy = tiny.slice();
        for (const [at, value] of edits) copy[at] = value;
        codeOf(copy);
        return true;
      }),
      { numRuns: 500 },
    );
  });
});
