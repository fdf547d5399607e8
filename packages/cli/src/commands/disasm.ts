import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { disassembleArm, disassembleThumb, formatListingLine, symbolizeAddress } from '@codezero-ts/arm-core';
import type { DisassembleOptions, DisasmSymbol } from '@codezero-ts/arm-core';
import { ElfError, SHF_EXECINSTR, SHT_NOBITS, isElf, parseElf } from '@codezero-ts/elf';
import type { ElfFile, ElfSection } from '@codezero-ts/elf';
import type { CliIo } from '../api.js';

/** What the bytes at an address are, as mapping symbols say. */
type Kind = 'a' | 't' | 'd';

/** A run of bytes decoded one way. */
interface Region {
  readonly kind: Kind;
  readonly start: number;
  readonly end: number;
}

const HELP_AFTER = `
Output: one line per instruction, "address: word  text", where address is 8 hex digits,
word is the raw encoding as objdump shows it (8 hex digits for ARM, 4 for a Thumb
halfword, "xxxx yyyy" for a Thumb BL/BLX pair) and text is exactly what
arm-none-eabi-objdump -d prints for the instruction (a tab after the mnemonic, "@ ..." comments).

A raw binary is decoded from --base (default 0) as ARM, or as Thumb with --thumb.
An ELF file (recognised by its magic) has its executable sections decoded at their
addresses; $a/$t/$d mapping symbols choose ARM, Thumb or data (.word/.short/.byte)
as objdump does, and --thumb only sets the state used before the first mapping symbol.
Errors (missing file, bad --base, malformed ELF) print one line and exit with status 2.
`;

const hex8 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');

/** Parses `--base`: decimal or 0x-prefixed hex, within 32 bits. */
function parseBase(text: string): number | null {
  const t = text.trim();
  const ok = /^0x[0-9a-f]+$/i.test(t) || /^[0-9]+$/.test(t);
  if (!ok) return null;
  const value = Number(t);
  return Number.isSafeInteger(value) && value <= 0xffffffff ? value : null;
}

/** Data lines in objdump's style: `.word` for aligned words, `.short`, then `.byte`. */
function dataLines(bytes: Uint8Array, base: number, start: number, end: number, out: string[]): void {
  let off = start;
  while (off < end) {
    const addr = (base + off) >>> 0;
    if (end - off >= 4 && (addr & 3) === 0) {
      const w = (bytes[off]! | (bytes[off + 1]! << 8) | (bytes[off + 2]! << 16) | (bytes[off + 3]! << 24)) >>> 0;
      out.push(`${hex8(addr)}: ${hex8(w)}  .word\t0x${hex8(w)}`);
      off += 4;
    } else if (end - off >= 2 && (addr & 1) === 0) {
      const h = bytes[off]! | (bytes[off + 1]! << 8);
      const digits = h.toString(16).padStart(4, '0');
      out.push(`${hex8(addr)}: ${digits}  .short\t0x${digits}`);
      off += 2;
    } else {
      const digits = bytes[off]!.toString(16).padStart(2, '0');
      out.push(`${hex8(addr)}: ${digits}  .byte\t0x${digits}`);
      off += 1;
    }
  }
}

/** Disassembles `bytes[start, end)` (offsets) located at address `base + offset`. */
function decodeRegion(bytes: Uint8Array, base: number, region: Region, options: DisassembleOptions, out: string[]): void {
  const { start, end } = region;
  if (region.kind === 'd') {
    dataLines(bytes, base, start, end, out);
    return;
  }
  let off = start;
  if (region.kind === 'a') {
    while (end - off >= 4) {
      const w = (bytes[off]! | (bytes[off + 1]! << 8) | (bytes[off + 2]! << 16) | (bytes[off + 3]! << 24)) >>> 0;
      out.push(formatListingLine(disassembleArm(w, (base + off) >>> 0, options), false));
      off += 4;
    }
  } else {
    while (end - off >= 2) {
      const first = bytes[off]! | (bytes[off + 1]! << 8);
      const halfwords = end - off >= 4 ? [first, bytes[off + 2]! | (bytes[off + 3]! << 8)] : [first];
      const insn = disassembleThumb(halfwords, (base + off) >>> 0, options);
      out.push(formatListingLine(insn, true));
      off += insn.length;
    }
  }
  if (off < end) dataLines(bytes, base, off, end, out);
}

/** The mapping-symbol regions of one section, defaulting to `initial` before the first. */
function regionsOf(elf: ElfFile, section: ElfSection, initial: Kind): Region[] {
  const marks = elf.symbols
    .filter((s) => s.shndx === section.index && /^\$[atd](\.|$)/.test(s.name) && s.value >= section.addr && s.value < section.addr + section.size)
    .map((s) => ({ kind: s.name[1] as Kind, offset: s.value - section.addr }))
    .sort((a, b) => a.offset - b.offset);
  const regions: Region[] = [];
  let kind = initial;
  let start = 0;
  for (const mark of marks) {
    if (mark.offset > start) regions.push({ kind, start, end: mark.offset });
    kind = mark.kind;
    start = Math.max(start, mark.offset);
  }
  if (start < section.size) regions.push({ kind, start, end: section.size });
  return regions;
}

/** objdump's preference among symbols at one address (after larger sizes): functions, objects, globals, weak, locals. */
function symbolRank(s: ElfFile['symbols'][number]): number {
  const kind = s.type === 2 ? 0 : s.type === 1 ? 1 : 2;
  const bind = s.bind === 1 ? 0 : s.bind === 2 ? 1 : 2;
  return kind * 3 + bind;
}

/** Symbols worth naming in `<name+off>` spellings, in objdump's order of preference: larger first, then by kind and binding, then by name. */
function labelSymbols(elf: ElfFile): DisasmSymbol[] {
  return elf.symbols
    .filter((s) => s.name !== '' && !s.name.startsWith('$') && s.type !== 3 && s.type !== 4 && s.shndx !== 0)
    .sort((a, b) => b.size - a.size || symbolRank(a) - symbolRank(b) || Number(a.name.startsWith('.')) - Number(b.name.startsWith('.')) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((s) => ({ name: s.name, address: s.type === 2 ? s.value & ~1 : s.value }));
}

function disassembleElf(elf: ElfFile, thumb: boolean): string[] {
  const out: string[] = [];
  const symbols = labelSymbols(elf);
  const options: DisassembleOptions = { formatAddress: symbolizeAddress(symbols) };
  for (const section of elf.sections) {
    if ((section.flags & SHF_EXECINSTR) === 0 || section.type === SHT_NOBITS || section.size === 0) continue;
    out.push('', `Disassembly of section ${section.name}:`);
    const data = elf.sectionData(section);
    // One label per address: the symbol objdump would name it by.
    const labels = new Map<number, string>();
    for (const s of symbols) {
      if (s.address >= section.addr && s.address < section.addr + section.size && !labels.has(s.address)) labels.set(s.address, s.name);
    }
    for (const region of regionsOf(elf, section, thumb ? 't' : 'a')) {
      // Split each region at labelled addresses so labels print before their first line.
      const cuts = [...labels.keys()].map((a) => a - section.addr).filter((o) => o >= region.start && o < region.end).sort((a, b) => a - b);
      let start = region.start;
      for (const cut of [...cuts, region.end]) {
        if (cut > start) decodeRegion(data, section.addr, { kind: region.kind, start, end: cut }, options, out);
        if (cut < region.end) {
          const name = labels.get(section.addr + cut);
          if (name !== undefined) out.push('', `${hex8(section.addr + cut)} <${name}>:`);
        }
        start = Math.max(start, cut);
      }
    }
  }
  if (out.length === 0) out.push('(no executable sections)');
  return out;
}

/** Registers `codezero disasm [--thumb] [--base ADDR] FILE`. */
export function registerDisasm(program: Command, io: CliIo): void {
  const cmd = program
    .command('disasm')
    .description('disassemble a raw ARM/Thumb binary or the executable sections of an ARM ELF file, as objdump -d spells it')
    .argument('<file>', 'raw binary or ELF file')
    .option('--thumb', 'decode as Thumb (ELF: before the first mapping symbol)')
    .option('--base <addr>', 'address of the first byte of a raw binary (decimal or 0x hex)', '0')
    .addHelpText('after', HELP_AFTER)
    .showHelpAfterError(false);
  cmd.action((file: string, opts: { thumb?: boolean; base: string }) => {
    const fail = (message: string): never => cmd.error(`codezero disasm: ${message}`, { exitCode: 2, code: 'codezero.disasm' });
    const base = parseBase(opts.base);
    if (base === null) fail(`bad --base '${opts.base}': expected a decimal or 0x-prefixed hex address below 2^32`);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(file));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (code ?? 'unreadable');
      return fail(`cannot read '${file}': ${why}`);
    }
    let lines: string[];
    if (isElf(bytes)) {
      let elf: ElfFile;
      try {
        elf = parseElf(bytes);
      } catch (e) {
        if (e instanceof ElfError) return fail(`'${file}' is a malformed ELF file (${e.code}): ${e.message}`);
        throw e;
      }
      lines = disassembleElf(elf, opts.thumb === true);
    } else {
      lines = [];
      decodeRegion(bytes, base ?? 0, { kind: opts.thumb === true ? 't' : 'a', start: 0, end: bytes.length }, {}, lines);
    }
    while (lines[0] === '') lines.shift();
    io.stdout(lines.length > 0 ? `${lines.join('\n')}\n` : '');
    return undefined;
  });
}
