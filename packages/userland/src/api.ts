/**
 * Public interfaces and types of @codezero-ts/userland.
 * @packageDocumentation
 */

/**
 * A committed bare-metal test image for the Versatile PB926 and its reference console
 * output, recorded from `qemu-system-arm` (see {@link BareMetalImage.qemuArgs}).
 */
export interface BareMetalImage {
  /** Short name; the files are `images/<name>.elf` and `images/<name>.golden.txt`. */
  readonly name: string;
  /** What the image exercises, in one sentence. */
  readonly description: string;
  /** `conformance` images check behaviour; `benchmark` images also serve speed measurements. */
  readonly role: BareMetalImageRole;
  /**
   * How the image is loaded: `elf` by its program headers (one segment at 0x10000), or
   * `raw` as a flat binary copied to 0x10000 and entered there with QEMU's Linux boot
   * registers (r0 = 0, r1 = 0x183, r2 = 0x100 with an ATAG list).
   */
  readonly format: BareMetalImageFormat;
  /** `file:` URL of the file to load (`NAME.elf`, or `NAME.bin` for raw images). */
  readonly url: URL;
  /** Absolute file-system path of the file to load. */
  readonly path: string;
  /** Absolute path of the ELF the image was linked as (for raw images: the symbols behind the binary). */
  readonly elfPath: string;
  /** `file:` URL of the golden console output. */
  readonly goldenUrl: URL;
  /** Absolute file-system path of the golden console output. */
  readonly goldenPath: string;
  /**
   * Whether the machine must provide ARM semihosting (`SVC 0x123456`). Every image stops
   * with `SYS_EXIT`; without semihosting it would spin in a wait-for-interrupt loop.
   */
  readonly semihosting: boolean;
  /**
   * Whether the golden output contains bytes written through semihosting (`SYS_WRITEC`,
   * `SYS_WRITE0`, `SYS_WRITE` to handle 1) interleaved in program order with UART0 output.
   */
  readonly semihostingOutput: boolean;
  /** Guest-visible entry point (the ELF `e_entry`; the load address of a raw image). */
  readonly entry: number;
  /** The last line of a successful run: `END <name> 0`. */
  readonly finalLine: string;
  /**
   * Arguments after `qemu-system-arm` that produced the golden output (the image path is
   * the last one). The console stream is QEMU's stdout with its own diagnostics removed.
   */
  readonly qemuArgs: readonly string[];
  /** Reads the file to load (ELF or raw binary, per {@link BareMetalImage.format}). */
  loadImage(): Promise<Uint8Array>;
  /** Reads the golden console output (UTF-8 text, `\n` line ends, ends with {@link BareMetalImage.finalLine}). */
  loadGolden(): Promise<string>;
}

/** File format of a {@link BareMetalImage}. */
export type BareMetalImageFormat = 'elf' | 'raw';

/** What a {@link BareMetalImage} is for. */
export type BareMetalImageRole = 'conformance' | 'benchmark';

/**
 * Error codes of {@link UserlandError}: no image of that name, or an image file changed
 * while a source opened on it was in use.
 */
export type UserlandErrorCode = 'E_UNKNOWN_IMAGE' | 'E_IMAGE_CHANGED';

/** A file read piece by piece (the shape of `@codezero-ts/vfs`'s `CpioSource`). */
export interface FileSource {
  /** The file's length in bytes when it was opened. */
  readonly size: number;
  /** A fresh copy of `length` bytes from byte `offset`. */
  read(offset: number, length: number): Uint8Array;
}
