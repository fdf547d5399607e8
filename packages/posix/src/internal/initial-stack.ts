/** Auxiliary vector keys used on ARM Linux. */
export const Auxv = {
  NULL: 0,
  PHDR: 3,
  PHENT: 4,
  PHNUM: 5,
  PAGESZ: 6,
  BASE: 7,
  FLAGS: 8,
  ENTRY: 9,
  UID: 11,
  EUID: 12,
  GID: 13,
  EGID: 14,
  PLATFORM: 15,
  HWCAP: 16,
  CLKTCK: 17,
  SECURE: 23,
  RANDOM: 25,
  HWCAP2: 26,
  EXECFN: 31,
} as const;

/** HWCAP bits of an ARM926EJ-S: SWP, HALF, THUMB, FAST_MULT, EDSP, JAVA. */
export const ARM926_HWCAP = 0x1 | 0x2 | 0x4 | 0x10 | 0x80 | 0x100;

/** What goes on a new process's stack. */
export interface StackContents {
  readonly argv: readonly string[];
  readonly envp: readonly string[];
  /** The path the program was executed as (AT_EXECFN). */
  readonly execfn: string;
  /** 16 bytes for AT_RANDOM. */
  readonly random: Uint8Array;
  /** AT_PHDR, AT_PHNUM, AT_ENTRY. */
  readonly phdr: number;
  readonly phnum: number;
  readonly entry: number;
}

/** The bytes of the top of the initial stack and the initial sp. */
export interface BuiltStack {
  /** Lowest address written (= the initial sp). */
  readonly sp: number;
  /** Bytes from `sp` up to the stack top. */
  readonly bytes: Uint8Array;
}

const enc = new TextEncoder();

/**
 * Lays out the Linux ARM initial stack below `top`: from the top down, a zero word, the
 * AT_EXECFN string, the environment and argument strings, the platform string, the 16
 * AT_RANDOM bytes; then, 16-byte aligned at the initial sp, argc, argv pointers, NULL, envp
 * pointers, NULL and the auxiliary vector ending with AT_NULL.
 */
export function buildInitialStack(top: number, c: StackContents): BuiltStack {
  const strings: Uint8Array[] = [];
  let pos = top - 4;
  const put = (b: Uint8Array): number => {
    pos -= b.length;
    strings.push(b);
    return pos;
  };
  const cstr = (s: string): Uint8Array => {
    const b = enc.encode(s);
    const out = new Uint8Array(b.length + 1);
    out.set(b);
    return out;
  };
  const execfnAt = put(cstr(c.execfn));
  const envAt = [...c.envp].reverse().map((s) => put(cstr(s))).reverse();
  const argAt = [...c.argv].reverse().map((s) => put(cstr(s))).reverse();
  const platformAt = put(cstr('v5l'));
  pos = (pos & ~3) >>> 0;
  strings.push(new Uint8Array(0));
  const randomAt = put(c.random.subarray(0, 16));
  const aux: [number, number][] = [
    [Auxv.HWCAP, ARM926_HWCAP],
    [Auxv.PAGESZ, 4096],
    [Auxv.CLKTCK, 100],
    [Auxv.PHDR, c.phdr],
    [Auxv.PHENT, 32],
    [Auxv.PHNUM, c.phnum],
    [Auxv.BASE, 0],
    [Auxv.FLAGS, 0],
    [Auxv.ENTRY, c.entry],
    [Auxv.UID, 0],
    [Auxv.EUID, 0],
    [Auxv.GID, 0],
    [Auxv.EGID, 0],
    [Auxv.SECURE, 0],
    [Auxv.RANDOM, randomAt],
    [Auxv.HWCAP2, 0],
    [Auxv.EXECFN, execfnAt],
    [Auxv.PLATFORM, platformAt],
    [Auxv.NULL, 0],
  ];
  const words = 1 + argAt.length + 1 + envAt.length + 1 + aux.length * 2;
  const sp = ((pos - words * 4) & ~15) >>> 0;
  const bytes = new Uint8Array(top - sp);
  const dv = new DataView(bytes.buffer);
  // Strings, placed where `put` said.
  let at = top - 4;
  for (const s of strings) {
    if (s.length === 0) {
      at = (at & ~3) >>> 0;
      continue;
    }
    at -= s.length;
    bytes.set(s, at - sp);
  }
  let w = 0;
  const word = (v: number): void => {
    dv.setUint32(w, v >>> 0, true);
    w += 4;
  };
  word(argAt.length);
  for (const a of argAt) word(a);
  word(0);
  for (const e of envAt) word(e);
  word(0);
  for (const [k, v] of aux) {
    word(k);
    word(v);
  }
  return { sp, bytes };
}
