import { describe, expect, it } from 'vitest';
import { Asm } from '../../../scripts/test-kit/arm-asm.js';
import { buildElf } from '../../../scripts/test-kit/elf-builder.js';
import { boot } from './helpers/boot.js';

const CODE = 0x10000;
// Raw encodings the test assembler lacks.
const MSR_CPSR_F_NZCV = 0xe328f4f0; // msr cpsr_f, #0xf0000000
const MRS_R1_CPSR = 0xe10f1000; // mrs r1, cpsr
const MOV_R0_R1_LSR_28 = 0xe1a00e21; // mov r0, r1, lsr #28
const MOV_R0_R0_LSR_8 = 0xe1a00420; // mov r0, r0, lsr #8

/**
 * Sets N, Z, C and V, forks, and reads the flags right after the SWI. The child exits with
 * its flags (NZCV as a number), the parent with the child's exit status: 15 when the child
 * resumed with the parent's CPSR, as on Linux.
 */
function forkFlagsProgram(): Uint8Array {
  const a = new Asm(CODE)
    .word(MSR_CPSR_F_NZCV)
    .mov(7, 2) // fork
    .swi(0)
    .word(MRS_R1_CPSR)
    .cmp(0, 0)
    .b('parent', 1) // NE: the parent
    .word(MOV_R0_R1_LSR_28)
    .mov(7, 1) // exit
    .swi(0)
    .label('parent')
    .sub(13, 13, 8)
    .mov(0, 0)
    .sub(0, 0, 1) // pid -1: any child
    .movr(1, 13) // status on the stack
    .mov(2, 0)
    .mov(3, 0)
    .mov(7, 114) // wait4
    .swi(0)
    .ldrw(0, 13, 0)
    .word(MOV_R0_R0_LSR_8)
    .mov(7, 248) // exit_group
    .swi(0);
  return buildElf([{ vaddr: CODE, bytes: a.bytes(), flags: 5 }], CODE);
}

/**
 * The same through clone(CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD) with a
 * new stack: the thread exits the whole process with its flags, the caller spins.
 */
function cloneFlagsProgram(): Uint8Array {
  const a = new Asm(CODE)
    .word(MSR_CPSR_F_NZCV)
    .ldr(0, 0x10f00)
    .sub(1, 13, 256)
    .mov(7, 120) // clone
    .swi(0)
    .word(MRS_R1_CPSR)
    .cmp(0, 0)
    .b('caller', 1) // NE: the caller
    .word(MOV_R0_R1_LSR_28)
    .mov(7, 248) // exit_group
    .swi(0)
    .label('caller')
    .b('caller');
  return buildElf([{ vaddr: CODE, bytes: a.bytes(), flags: 5 }], CODE);
}

describe('fork, clone and the condition flags', () => {
  it('a clone thread starts after the SWI with the caller\'s N, Z, C and V', () => {
    const r = boot({ files: { '/bin/flags': cloneFlagsProgram() }, init: '/bin/flags', bootLines: false }, 20_000_000);
    expect(r.exit.reason).toBe('exited');
    expect(r.exit.status).toBe(15);
  });

  it('the child resumes after the SWI with the parent\'s N, Z, C and V', () => {
    const r = boot({ files: { '/bin/flags': forkFlagsProgram() }, init: '/bin/flags', bootLines: false });
    expect(r.exit.reason).toBe('exited');
    expect(r.exit.status).toBe(15);
  });
});
