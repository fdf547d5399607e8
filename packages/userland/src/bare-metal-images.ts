// fs.promises is read at each call, not at load: in the command's CommonJS bundle, loading
// node:fs/promises (and the readline and stream modules it needs) would cost every start 2 ms.
import { promises as fsPromises } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BareMetalImage, BareMetalImageFormat, BareMetalImageRole } from './api.js';
import { UserlandError } from './userland-error.js';

// This file sits one directory below the package root both as source (src/) and once
// bundled (dist/), so the same relative URL reaches images/ in either case.
const imagesDir = new URL('../images/', import.meta.url);

interface ImageSpec {
  readonly name: string;
  readonly description: string;
  readonly semihostingOutput: boolean;
  readonly extraQemuArgs: readonly string[];
  readonly role?: BareMetalImageRole;
  readonly format?: BareMetalImageFormat;
}

const specs: readonly ImageSpec[] = [
  {
    name: 'hello',
    description:
      'The first image to bring up: a greeting, the registers at the ELF entry point, CPU mode, main ID and control register, and the formatting of the console library.',
    semihostingOutput: false,
    extraQemuArgs: [],
  },
  {
    name: 'boot-raw',
    description:
      'A raw binary loaded at 0x10000: prints the Linux boot registers the loader sets (r0 = 0, r1 = machine type 0x183, r2 = 0x100) and walks the ATAG list (CORE, MEM).',
    semihostingOutput: false,
    extraQemuArgs: [],
    format: 'raw',
  },
  {
    name: 'arm-insns',
    description:
      'ARM state: every data-processing opcode and shifter form, conditions, multiplies (long, DSP, saturating), CLZ, loads/stores of every size and addressing mode, LDRD/STRD, LDM/STM, SWP, MRS/MSR, branches and interworking; one hash per snippet and per class.',
    semihostingOutput: false,
    extraQemuArgs: [],
  },
  {
    name: 'thumb-insns',
    description:
      'Thumb state: shifts, add/subtract, ALU operations, high registers, loads/stores, PUSH/POP (POP to PC interworking), LDMIA/STMIA, branches, BL and BLX; one hash per snippet and per class.',
    semihostingOutput: false,
    extraQemuArgs: [],
  },
  {
    name: 'exceptions',
    description:
      'Exceptions: SWI (ARM, Thumb, user mode), undefined instructions, BKPT prefetch aborts, alignment data aborts (FSR/FAR, base restored), IRQ and FIQ from the VIC soft-interrupt register, FIQ-over-IRQ priority, return addresses, SPSRs and banked registers of every mode.',
    semihostingOutput: false,
    extraQemuArgs: [],
  },
  {
    name: 'mmu',
    description:
      'MMU: sections, coarse tables (large/small pages with subpage APs), fine tables (tiny/small/large pages), the AP table under c1.S/R for privileged and user accesses, domains, translation/domain/permission/alignment faults with FSR and FAR, prefetch aborts with IFSR, FCSE PID relocation.',
    semihostingOutput: false,
    extraQemuArgs: [],
  },
  {
    name: 'interrupts',
    description:
      'System registers (ID, LEDs, flags, 24 MHz counter), PL190 VIC registers and vectored priority, SP804 timer registers, periodic and one-shot timer interrupts on both timer blocks, a timer as FIQ, UART3 TX interrupt routed through the SIC; prints counts and sequences only.',
    semihostingOutput: false,
    extraQemuArgs: [],
  },
  {
    name: 'uart-semihosting',
    description:
      'PL011 UART0 registers (FR bits, CR, LCR_H, IFLS, baud divisors, RIS/MIS/IMSC/ICR) and the identification of UART0-2; semihosting SYS_WRITEC, SYS_WRITE0, SYS_OPEN ":tt", SYS_WRITE, SYS_CLOSE interleaved with UART0 output, time calls checked for success, SYS_EXIT_EXTENDED.',
    semihostingOutput: true,
    extraQemuArgs: [],
  },
  {
    name: 'bench',
    description:
      'CPU benchmark, ARM state, MMU off: integer mix with divisions, word and byte copies, bitwise CRC-32, heap sort, matrix product; prints one checksum per kernel and a total.',
    semihostingOutput: false,
    extraQemuArgs: [],
    role: 'benchmark',
  },
  {
    name: 'bench-mmu',
    description:
      'The same CPU benchmark with the MMU on (identity-mapped 1 MiB sections, caches enabled); prints the same checksums as bench.',
    semihostingOutput: false,
    extraQemuArgs: [],
    role: 'benchmark',
  },
  {
    name: 'bench-thumb',
    description:
      'The same CPU benchmark compiled to Thumb (support library in ARM); prints the same checksums as bench.',
    semihostingOutput: false,
    extraQemuArgs: [],
    role: 'benchmark',
  },
];

function makeImage(spec: ImageSpec): BareMetalImage {
  const format = spec.format ?? 'elf';
  const url = new URL(`${spec.name}.${format === 'raw' ? 'bin' : 'elf'}`, imagesDir);
  const goldenUrl = new URL(`${spec.name}.golden.txt`, imagesDir);
  const path = fileURLToPath(url);
  return {
    name: spec.name,
    description: spec.description,
    role: spec.role ?? 'conformance',
    format,
    url,
    path,
    elfPath: fileURLToPath(new URL(`${spec.name}.elf`, imagesDir)),
    goldenUrl,
    goldenPath: fileURLToPath(goldenUrl),
    semihosting: true,
    semihostingOutput: spec.semihostingOutput,
    entry: 0x10000,
    finalLine: `END ${spec.name} 0`,
    qemuArgs: [
      '-M', 'versatilepb', '-cpu', 'arm926', '-m', '128M', '-nographic',
      '-semihosting-config', 'enable=on,target=native,chardev=serial0',
      ...spec.extraQemuArgs,
      '-kernel', path,
    ],
    async loadImage() {
      return new Uint8Array(await fsPromises.readFile(url));
    },
    loadGolden() {
      return fsPromises.readFile(goldenUrl, 'utf8');
    },
  };
}

/**
 * Every committed bare-metal test image, in the order they are meant to be brought up
 * (instruction sets first, then exceptions, MMU, interrupts, UART, benchmark).
 */
export const bareMetalImages: readonly BareMetalImage[] = Object.freeze(specs.map(makeImage));

/**
 * Returns the image called `name`.
 * @throws {UserlandError} `E_UNKNOWN_IMAGE` when no image has that name.
 */
export function findBareMetalImage(name: string): BareMetalImage {
  const image = bareMetalImages.find((i) => i.name === name);
  if (!image) {
    throw new UserlandError(
      'E_UNKNOWN_IMAGE',
      `no bare-metal image named "${name}" (known: ${bareMetalImages.map((i) => i.name).join(', ')})`,
    );
  }
  return image;
}
