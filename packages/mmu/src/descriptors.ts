/**
 * Bit layouts of ARMv5 translation table descriptors (ARM DDI 0100, chapter B3).
 *
 * First level (4096 entries, index = VA[31:20]): bits [1:0] are 00 fault, 01 coarse table
 * (base [31:10]), 10 section (base [31:20], AP [11:10]), 11 fine table (base [31:12]); the
 * domain is bits [8:5], C bit 3, B bit 2. Second level in a coarse table (256 entries,
 * index VA[19:12]) or a fine table (1024 entries, index VA[19:10]): 00 fault, 01 large page
 * (64 KiB, base [31:16]), 10 small page (4 KiB, base [31:12]), 11 tiny page (1 KiB, base
 * [31:10], fine tables only). Large and small pages carry four AP fields at [5:4], [7:6],
 * [9:8], [11:10], one per quarter of the page; a tiny page has one at [5:4].
 */
export const Descriptor = {
  /** First-level type field values. */
  L1Fault: 0b00,
  L1Coarse: 0b01,
  L1Section: 0b10,
  L1Fine: 0b11,
  /** Second-level type field values. */
  L2Fault: 0b00,
  L2Large: 0b01,
  L2Small: 0b10,
  L2Tiny: 0b11,
  /** Bit 4 of section and coarse descriptors: "should be one" on the ARM926EJ-S. */
  Bit4: 1 << 4,
  /** The C (cacheable) bit. */
  C: 1 << 3,
  /** The B (bufferable) bit. */
  B: 1 << 2,
} as const;

/** The 2-bit AP values. */
export const AccessPermission = {
  /** No access (or read-only, depending on c1.S and c1.R). */
  Special: 0b00,
  /** Privileged read-write, user no access. */
  PrivOnly: 0b01,
  /** Privileged read-write, user read-only. */
  UserRead: 0b10,
  /** Read-write for everyone. */
  Full: 0b11,
} as const;

/** Builds a section descriptor. */
export function sectionDescriptor(pa: number, ap: number, domain: number, cb: number): number {
  return ((pa & 0xfff00000) | ((ap & 3) << 10) | ((domain & 0xf) << 5) | Descriptor.Bit4 | ((cb & 3) << 2) | Descriptor.L1Section) >>> 0;
}

/** Builds a coarse-table first-level descriptor. */
export function coarseDescriptor(tablePa: number, domain: number): number {
  return ((tablePa & 0xfffffc00) | ((domain & 0xf) << 5) | Descriptor.Bit4 | Descriptor.L1Coarse) >>> 0;
}

/** Builds a small-page descriptor with the same AP in all four subpages. */
export function smallPageDescriptor(pa: number, ap: number, cb: number): number {
  const a = ap & 3;
  return ((pa & 0xfffff000) | (a << 10) | (a << 8) | (a << 6) | (a << 4) | ((cb & 3) << 2) | Descriptor.L2Small) >>> 0;
}
