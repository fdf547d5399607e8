/**
 * The detach key of an attached console: Ctrl-] (0x1D, as in telnet). The host terminal is
 * in raw mode while the guest owns it, so ^C goes to the guest; this key is never passed
 * on and ends the run instead.
 */
export const DETACH_KEY = 0x1d;

/** Exit status of a run ended with the {@link DETACH_KEY}. */
export const DETACH_STATUS = 125;

/** The one-line hint printed on standard error when a terminal is attached. */
export const DETACH_HINT = `codezero: console attached; Ctrl-] detaches (exit status ${String(DETACH_STATUS)})\n`;

/** The index of the detach key in `bytes`, or -1. */
export function detachKeyIndex(bytes: Uint8Array): number {
  return bytes.indexOf(DETACH_KEY);
}
