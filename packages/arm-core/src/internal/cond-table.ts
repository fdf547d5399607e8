/**
 * Builds the condition check table: `table[((cond ^ 14) << 4) | nzcv]` is 1 when condition `cond`
 * (instruction bits 31:28) passes with flags `nzcv` (N in bit 3 … V in bit 0); decoded ops
 * store the condition as `cond ^ 14` (see `mkop`).
 * Condition 15 (NV) never passes here; instructions that use the NV space on ARMv5
 * (BLX immediate, PLD, the *2 coprocessor forms) are decoded with condition AL.
 */
export function conditionTable(): Uint8Array {
  const t = new Uint8Array(256);
  for (let cond = 0; cond < 16; cond++) {
    for (let f = 0; f < 16; f++) {
      const n = (f >> 3) & 1;
      const z = (f >> 2) & 1;
      const c = (f >> 1) & 1;
      const v = f & 1;
      let ok: boolean;
      switch (cond) {
        case 0: ok = z === 1; break;
        case 1: ok = z === 0; break;
        case 2: ok = c === 1; break;
        case 3: ok = c === 0; break;
        case 4: ok = n === 1; break;
        case 5: ok = n === 0; break;
        case 6: ok = v === 1; break;
        case 7: ok = v === 0; break;
        case 8: ok = c === 1 && z === 0; break;
        case 9: ok = c === 0 || z === 1; break;
        case 10: ok = n === v; break;
        case 11: ok = n !== v; break;
        case 12: ok = z === 0 && n === v; break;
        case 13: ok = z === 1 || n !== v; break;
        case 14: ok = true; break;
        default: ok = false;
      }
      t[((cond ^ 14) << 4) | f] = ok ? 1 : 0;
    }
  }
  return t;
}
