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
  /** `file:` URL of the ELF image (32-bit little-endian ARM, one segment at 0x10000). */
  readonly url: URL;
  /** Absolute file-system path of the ELF image. */
  readonly path: string;
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
  /** Guest-visible entry point (the ELF `e_entry`). */
  readonly entry: number;
  /** The last line of a successful run: `END <name> 0`. */
  readonly finalLine: string;
  /**
   * Arguments after `qemu-system-arm` that produced the golden output (the image path is
   * the last one). The console stream is QEMU's stdout with its own diagnostics removed.
   */
  readonly qemuArgs: readonly string[];
  /** Reads the ELF image. */
  loadImage(): Promise<Uint8Array>;
  /** Reads the golden console output (UTF-8 text, `\n` line ends, ends with {@link BareMetalImage.finalLine}). */
  loadGolden(): Promise<string>;
}

/** What a {@link BareMetalImage} is for. */
export type BareMetalImageRole = 'conformance' | 'benchmark';

/** Error codes of {@link UserlandError}. */
export type UserlandErrorCode = 'E_UNKNOWN_IMAGE';
