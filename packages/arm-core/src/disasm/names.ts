/** Register names as objdump prints them by default (the GCC set). */
export const REG: readonly string[] = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9', 'sl', 'fp', 'ip', 'sp', 'lr', 'pc'];

/** Condition suffixes by condition field; AL prints as nothing. */
export const COND: readonly string[] = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', '', ''];

/** Shift names by the two-bit shift type. */
export const SHIFT: readonly string[] = ['lsl', 'lsr', 'asr', 'ror'];

/** Register name by number (0..15). */
export function reg(n: number): string {
  return REG[n & 15]!;
}

/** `0x` followed by lower-case hex digits of the unsigned 32-bit value. */
export function hex(value: number): string {
  return `0x${(value >>> 0).toString(16)}`;
}

/** Lower-case hex digits of the unsigned value, zero-padded to `width`. */
export function hexPad(value: number, width: number): string {
  return (value >>> 0).toString(16).padStart(width, '0');
}

/** objdump's default spelling of an address in a raw binary: `0x8004`. */
export function rawAddress(address: number): string {
  return hex(address);
}

/** Register list `{r0, r4, lr}` of a 16-bit mask, every register named (objdump uses no ranges). */
export function regList(mask: number): string {
  const names: string[] = [];
  for (let i = 0; i < 16; i++) if ((mask >>> i) & 1) names.push(REG[i]!);
  return `{${names.join(', ')}}`;
}
