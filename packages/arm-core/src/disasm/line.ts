import type { DisasmSymbol, DisassembledInstruction } from './types.js';
import { hexPad } from './names.js';

/**
 * The raw-bytes column objdump prints: 8 hex digits for an ARM word, 4 for a Thumb
 * halfword, `xxxx yyyy` for a 32-bit Thumb unit.
 */
export function rawColumn(insn: DisassembledInstruction, thumb: boolean): string {
  if (!thumb) return hexPad(insn.word, 8);
  if (insn.length === 2) return hexPad(insn.word, 4);
  return `${hexPad(insn.word >>> 16, 4)} ${hexPad(insn.word & 0xffff, 4)}`;
}

/**
 * One listing line `address: word  text`: the address as 8 hex digits, a colon, the raw
 * column, two spaces, then objdump's instruction text unchanged (tab after the mnemonic,
 * `\t@ ` before a comment).
 */
export function formatListingLine(insn: DisassembledInstruction, thumb: boolean): string {
  return `${hexPad(insn.address, 8)}: ${rawColumn(insn, thumb)}  ${insn.text}`;
}

/**
 * Address formatter in objdump's style for files with symbols: `8004 <main+0x4>`, naming the
 * nearest symbol at or below the address; plain hex digits when none is. Where several
 * symbols share an address the one earliest in `symbols` wins, so callers list them in
 * their order of preference.
 */
export function symbolizeAddress(symbols: readonly DisasmSymbol[]): (address: number) => string {
  const sorted = [...symbols].sort((a, b) => a.address - b.address);
  return (address: number): string => {
    let lo = 0;
    let hi = sorted.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.address <= address) {
        best = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    const digits = (address >>> 0).toString(16);
    if (best < 0) return digits;
    while (best > 0 && sorted[best - 1]!.address === sorted[best]!.address) best--;
    const sym = sorted[best]!;
    const off = address - sym.address;
    return off === 0 ? `${digits} <${sym.name}>` : `${digits} <${sym.name}+0x${off.toString(16)}>`;
  };
}
