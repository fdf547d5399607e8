import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ElfError, PT_LOAD, parseElf } from '../src/index.js';

it('runs the README example', () => {
  const lines: string[] = [];
  // --- README example ---
  const bytes = new Uint8Array(readFileSync(new URL('./data/tiny.elf', import.meta.url)));
  try {
    const elf = parseElf(bytes);
    lines.push(`entry 0x${elf.entry.toString(16)}`);
    for (const seg of elf.programHeaders.filter((p) => p.type === PT_LOAD)) {
      lines.push(`load 0x${seg.vaddr.toString(16)} file ${seg.filesz} mem ${seg.memsz}`);
    }
    const main = elf.symbols.find((s) => s.name === 'main');
    lines.push(`main at 0x${(main?.value ?? 0).toString(16)}`);
  } catch (e) {
    if (e instanceof ElfError) lines.push(`bad ELF (${e.code}): ${e.message}`);
    else throw e;
  }
  // --- end ---
  expect(lines).toEqual(['entry 0x8030', 'load 0x8000 file 96 mem 96', 'load 0x9060 file 0 mem 4', 'main at 0x8014']);
});
