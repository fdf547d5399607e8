import type { DisassembledInstruction } from './types.js';

const UNDEFINED_PREFIX = '\t\t@ <UNDEFINED> instruction: ';

/**
 * Builds the structured result from objdump's text: the mnemonic runs to the first tab,
 * the operands to the next tab, and whatever follows `@ ` is the comment.
 */
export function makeResult(address: number, word: number, length: 2 | 4, text: string, target: number | null, unpredictable: boolean): DisassembledInstruction {
  const isUndefined = text.startsWith(UNDEFINED_PREFIX);
  let mnemonic = text;
  let operands = '';
  let comment: string | null = null;
  const tab = text.indexOf('\t');
  if (tab >= 0) {
    mnemonic = text.slice(0, tab);
    const rest = text.slice(tab + 1);
    const at = rest.indexOf('@ ');
    if (at >= 0) {
      comment = rest.slice(at + 2);
      operands = rest.slice(0, at).replace(/\t+$/, '');
    } else {
      operands = rest;
    }
  }
  return { address: address >>> 0, word: word >>> 0, length, mnemonic, operands, comment, target, undefined: isUndefined, unpredictable, text };
}

/** objdump's text for an encoding it does not recognise. */
export function undefinedText(word: number, digits: number): string {
  return `${UNDEFINED_PREFIX}0x${(word >>> 0).toString(16).padStart(digits, '0')}`;
}
