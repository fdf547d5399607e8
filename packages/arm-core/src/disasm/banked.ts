const USR_FIQ = ['R8_usr', 'R9_usr', 'R10_usr', 'R11_usr', 'R12_usr', 'SP_usr', 'LR_usr', null, 'R8_fiq', 'R9_fiq', 'R10_fiq', 'R11_fiq', 'R12_fiq', 'SP_fiq', 'LR_fiq', null];
const OTHER = ['LR_irq', 'SP_irq', 'LR_svc', 'SP_svc', 'LR_abt', 'SP_abt', 'LR_und', 'SP_und', null, null, null, null, 'LR_mon', 'SP_mon', 'ELR_hyp', 'SP_hyp'];
const SPSR: readonly (string | null)[] = [null, null, null, null, null, null, null, null, null, null, null, null, null, null, 'SPSR_fiq', null];
const SPSR_HIGH: readonly (string | null)[] = ['SPSR_irq', null, 'SPSR_svc', null, 'SPSR_abt', null, 'SPSR_und', null, null, null, null, null, 'SPSR_mon', null, 'SPSR_hyp', null];

/**
 * Name objdump gives a banked register of the ARMv7 virtualization MRS/MSR forms, which it
 * prints even for ARMv5TE words whose bit 9 is set; null when the SYSm value names none.
 */
export function bankedRegisterName(spsr: boolean, m1: boolean, m: number): string | null {
  if (spsr) return (m1 ? SPSR_HIGH : SPSR)[m] ?? null;
  return (m1 ? OTHER : USR_FIQ)[m] ?? null;
}
