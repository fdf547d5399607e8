/** Builds small ELF32 ARM executables for tests. */

/** One PT_LOAD segment. */
export interface TestSegment {
  readonly vaddr: number;
  readonly bytes: Uint8Array;
  readonly memSize?: number;
  /** PF_X 1, PF_W 2, PF_R 4. */
  readonly flags: number;
}

/** An ELF32 little-endian ARM executable with the given segments and entry point. */
export function buildElf(segments: readonly TestSegment[], entry: number): Uint8Array {
  const phoff = 0x34;
  let offset = phoff + 0x20 * segments.length;
  const offsets = segments.map((s) => {
    const o = offset;
    offset += s.bytes.length;
    return o;
  });
  const b = new Uint8Array(offset);
  const v = new DataView(b.buffer);
  b.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1]);
  v.setUint16(16, 2, true); // ET_EXEC
  v.setUint16(18, 40, true); // EM_ARM
  v.setUint32(20, 1, true);
  v.setUint32(24, entry, true);
  v.setUint32(28, phoff, true);
  v.setUint32(36, 0x05000000, true); // EABI5
  v.setUint16(40, 0x34, true);
  v.setUint16(42, 0x20, true);
  v.setUint16(44, segments.length, true);
  v.setUint16(46, 0x28, true);
  segments.forEach((s, i) => {
    const h = phoff + i * 0x20;
    v.setUint32(h, 1, true); // PT_LOAD
    v.setUint32(h + 4, offsets[i]!, true);
    v.setUint32(h + 8, s.vaddr, true);
    v.setUint32(h + 12, s.vaddr, true);
    v.setUint32(h + 16, s.bytes.length, true);
    v.setUint32(h + 20, s.memSize ?? s.bytes.length, true);
    v.setUint32(h + 24, s.flags, true);
    v.setUint32(h + 28, 0x1000, true);
    b.set(s.bytes, offsets[i]);
  });
  return b;
}
