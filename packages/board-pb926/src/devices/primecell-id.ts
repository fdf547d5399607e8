/**
 * Reads the PrimeCell identification block (PeriphID0–3, PCellID0–3 at 0xFE0–0xFFC):
 * the byte for `offset`, or -1 when `offset` is outside the block.
 */
export function primeCellId(id: readonly number[], offset: number): number {
  if (offset < 0xfe0 || offset >= 0x1000) return -1;
  return id[(offset - 0xfe0) >> 2] ?? 0;
}

/** The PrimeCell identification bytes shared by every ARM PrimeCell (PCellID0–3). */
export const PCELL_ID = [0x0d, 0xf0, 0x05, 0xb1] as const;
