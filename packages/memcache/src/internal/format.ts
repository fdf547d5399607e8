/** Formats an address for error messages: hex for plausible addresses, as-is otherwise. */
export function hex(address: number): string {
  return Number.isSafeInteger(address) && address >= 0 ? `0x${address.toString(16)}` : String(address);
}
