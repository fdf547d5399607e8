/**
 * The kuser helpers page of ARM Linux, as user code the kernel maps at 0xFFFF0000
 * (`Kernel.setUserVectorPage`). ARMv5 glibc calls three helpers:
 *
 * - `__kuser_memory_barrier` (0xFFFF0FA0): nothing to order on one CPU, `bx lr`.
 * - `__kuser_cmpxchg` (0xFFFF0FC0): `ldr r3, [r2]; subs r3, r3, r0; streq r1, [r2];
 *   rsbs r0, r3, #0; bx lr`: r0 = 0 and C set when the word held r0 and now holds r1. The
 *   load-compare-store is a restartable sequence: a thread stopped inside it (preempted, or
 *   faulting on the store) starts it again, so it is atomic on one CPU.
 * - `__kuser_get_tls` (0xFFFF0FE0): the thread's TLS pointer, which the pager keeps at
 *   +0x100 in the thread's UTCB page; the KIP publishes the current UTCB at 0xFF000050:
 *   `mov r0, #0xFF000000; ldr r0, [r0, #0x50]; ldr r0, [r0, #0x100]; bx lr`.
 *
 * `__kuser_helper_version` (0xFFFF0FFC) is 3 (the three helpers above).
 */
const words: [number, number][] = [
  [0xfa0, 0xe12fff1e], // bx lr
  [0xfc0, 0xe5923000], // ldr r3, [r2]
  [0xfc4, 0xe0533000], // subs r3, r3, r0
  [0xfc8, 0x05821000], // streq r1, [r2]
  [0xfcc, 0xe2730000], // rsbs r0, r3, #0
  [0xfd0, 0xe12fff1e], // bx lr
  [0xfe0, 0xe3a004ff], // mov r0, #0xff000000
  [0xfe4, 0xe5900050], // ldr r0, [r0, #0x50]
  [0xfe8, 0xe5900100], // ldr r0, [r0, #0x100]
  [0xfec, 0xe12fff1e], // bx lr
  [0xffc, 3], // __kuser_helper_version
];

/** Offset of the TLS word in a thread's UTCB page. */
export const UTCB_TLS_OFFSET = 0x100;

/** The restartable cmpxchg sequence `[start, end)`. */
export const KUSER_RESTART = { start: 0xffff0fc0, end: 0xffff0fcc } as const;

/** The 4 KiB page. */
export function kuserPage(): Uint8Array {
  const page = new Uint8Array(4096);
  const dv = new DataView(page.buffer);
  for (const [off, w] of words) dv.setUint32(off, w >>> 0, true);
  return page;
}
