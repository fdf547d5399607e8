/**
 * Register banking. Bank ids: 0 usr/sys, 1 fiq, 2 irq, 3 svc, 4 abt, 5 und, -1 for a mode
 * number that is not an ARMv5 mode.
 *
 * Layout of the bank store (Int32Array(22)): [0..6] usr r8–r14, [7..13] fiq r8–r14,
 * then r13/r14 pairs of irq [14,15], svc [16,17], abt [18,19], und [20,21].
 */
export function bankOf(mode: number): number {
  switch (mode) {
    case 0x10:
    case 0x1f:
      return 0;
    case 0x11:
      return 1;
    case 0x12:
      return 2;
    case 0x13:
      return 3;
    case 0x17:
      return 4;
    case 0x1b:
      return 5;
    default:
      return -1;
  }
}

/** Copies the live r8–r14 into the store of bank `b`. */
export function saveBank(r: Int32Array, store: Int32Array, b: number): void {
  if (b === 1) {
    for (let i = 0; i < 7; i++) store[7 + i] = r[8 + i]!;
    return;
  }
  for (let i = 0; i < 5; i++) store[i] = r[8 + i]!;
  const o = b === 0 ? 5 : 14 + 2 * (b - 2);
  store[o] = r[13]!;
  store[o + 1] = r[14]!;
}

/** Loads r8–r14 of bank `b` from the store into the live registers. */
export function loadBank(r: Int32Array, store: Int32Array, b: number): void {
  if (b === 1) {
    for (let i = 0; i < 7; i++) r[8 + i] = store[7 + i]!;
    return;
  }
  for (let i = 0; i < 5; i++) r[8 + i] = store[i]!;
  const o = b === 0 ? 5 : 14 + 2 * (b - 2);
  r[13] = store[o]!;
  r[14] = store[o + 1]!;
}
