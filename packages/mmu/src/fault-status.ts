/**
 * ARMv5 fault status codes (FSR bits [3:0]), as the ARM926EJ-S reports them. The domain
 * goes in FSR bits [7:4]; see {@link faultStatusRegister}.
 */
export const FaultStatus = {
  /** Alignment fault (0b0001; 0b0011 is the alternative encoding). */
  Alignment: 0b0001,
  /** External abort on a first-level table walk. */
  ExternalFirstLevel: 0b1100,
  /** External abort on a second-level table walk. */
  ExternalSecondLevel: 0b1110,
  /** Translation fault, section (first-level descriptor invalid). */
  TranslationSection: 0b0101,
  /** Translation fault, page (second-level descriptor invalid). */
  TranslationPage: 0b0111,
  /** Domain fault, section. */
  DomainSection: 0b1001,
  /** Domain fault, page. */
  DomainPage: 0b1011,
  /** Permission fault, section. */
  PermissionSection: 0b1101,
  /** Permission fault, page. */
  PermissionPage: 0b1111,
} as const;

/** A fault status code. */
export type FaultStatus = (typeof FaultStatus)[keyof typeof FaultStatus];

/** The FSR value for a fault `status` in `domain`: `domain << 4 | status`. */
export function faultStatusRegister(status: number, domain: number): number {
  return ((domain & 0xf) << 4) | (status & 0xf);
}
