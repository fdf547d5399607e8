import { expect, it } from 'vitest';
import { disassembleArm, disassembleThumb, formatListingLine } from '../src/index.js';

it('runs the disassembler README example', () => {
  const printed: string[] = [];
  const log = (...parts: unknown[]): void => {
    printed.push(parts.map(String).join(' '));
  };
  // --- README example ---
  const ldr = disassembleArm(0xe59f0004, 0x8010);
  log(ldr.mnemonic, ldr.operands, ldr.comment);
  const bl = disassembleThumb([0xf000, 0xf800], 0x8002);
  log(bl.target?.toString(16), bl.length);
  log(formatListingLine(bl, true));
  // --- end ---
  expect(printed).toEqual(['ldr r0, [pc, #4] 0x801c', '8006 4', '00008002: f000 f800  bl\t0x8006']);
});
