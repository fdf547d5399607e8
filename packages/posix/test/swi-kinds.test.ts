import { describe, expect, it } from 'vitest';
import { Asm } from '../../../scripts/test-kit/arm-asm.js';
import { buildElf } from '../../../scripts/test-kit/elf-builder.js';
import { boot } from './helpers/boot.js';

const CODE = 0x10000;

/**
 * Calls getpid the old ABI's way (`swi 0x900014`, the call number in the instruction),
 * then exits the EABI's way with what that SWI left in r0.
 */
function oabiProgram(): Uint8Array {
  const a = new Asm(CODE)
    .mov(0, 5)
    .swi(0x900014) // OABI getpid
    .mov(7, 248) // exit_group(r0)
    .swi(0);
  return buildElf([{ vaddr: CODE, bytes: a.bytes(), flags: 5 }], CODE);
}

describe('SWIs that are not EABI system calls', () => {
  it('an old-ABI SWI returns -ENOSYS, is reported with --trace, and the process goes on', () => {
    const lines: string[] = [];
    const r = boot({ files: { '/bin/oabi': oabiProgram() }, init: '/bin/oabi', bootLines: false, trace: (l) => lines.push(l) });
    expect(r.exit.reason).toBe('exited');
    // exit_group(-38): the status is its low byte
    expect(r.exit.status).toBe(-38 & 0xff);
    expect(lines).toContain('[1] unsupported SWI 0xef900014');
  });
});
