/** Fields of an ELF32 header read by hand, enough to tell an ARM executable. */
export interface ElfSummary {
  readonly magicOk: boolean;
  readonly elfClass: number;
  readonly dataEncoding: number;
  readonly type: number;
  readonly machine: number;
  readonly entry: number;
  readonly phnum: number;
}

/** Reads the identification and a few header fields of a little-endian ELF32 file. */
export function readElfSummary(bytes: Uint8Array): ElfSummary {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    magicOk: bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46,
    elfClass: bytes[4] ?? -1,
    dataEncoding: bytes[5] ?? -1,
    type: view.getUint16(16, true),
    machine: view.getUint16(18, true),
    entry: view.getUint32(24, true),
    phnum: view.getUint16(44, true),
  };
}
