/**
 * Public interfaces and types of @codezero-ts/mmu.
 * @packageDocumentation
 */

/**
 * 32-bit little-endian word access to emulated physical memory, used by the translation
 * walk and the page-table builder. Addresses are physical byte addresses, word-aligned.
 */
export interface PhysicalWords {
  /** Reads the word at `pa`. */
  read32(pa: number): number;
  /** Writes the word at `pa`. */
  write32(pa: number, value: number): void;
  /**
   * Optional: writes `value` to the `count` words from `pa` at once (the builder zeroes
   * every table it receives: 4 096 words for a first-level table). Without it the builder
   * calls {@link PhysicalWords.write32} for each word.
   */
  fill32?(pa: number, count: number, value: number): void;
}

/**
 * Where the page-table builder gets its tables: first-level tables of 16 KiB aligned to
 * 16 KiB, second-level (coarse) tables of 1 KiB aligned to 1 KiB. A kernel backs this with
 * memcaches over its page allocator. The builder zeroes every table it receives.
 */
export interface TableMemory {
  /** Allocates a 16 KiB first-level table; its physical address, or -1 when out of memory. */
  allocL1(): number;
  /** Gives back a first-level table. */
  freeL1(pa: number): void;
  /** Allocates a 1 KiB second-level table; its physical address, or -1 when out of memory. */
  allocL2(): number;
  /** Gives back a second-level table. */
  freeL2(pa: number): void;
}

/** What user mode may do with a page; privileged code may always read and write it. */
export type UserAccess = 'none' | 'ro' | 'rw';

/** Attributes of a mapping made by the {@link PageTableBuilder}. */
export interface MapAttributes {
  /** User-mode access (AP 01 none, 10 read-only, 11 read-write). */
  readonly user: UserAccess;
  /** The C bit (default true). Device memory is mapped uncached. */
  readonly cacheable?: boolean;
  /** The B bit (default true). */
  readonly bufferable?: boolean;
  /** Domain 0..15 written into the first-level descriptor (default 0). */
  readonly domain?: number;
}

/** One mapped page as read back from the tables. */
export interface Mapping {
  /** Virtual address of the page (4 KiB aligned, or 1 MiB aligned for a section). */
  readonly va: number;
  /** Physical address it maps to. */
  readonly pa: number;
  /** Size in bytes: 4096 for small pages, 1 MiB for sections. */
  readonly size: number;
  /** User-mode access. */
  readonly user: UserAccess;
  /** C bit. */
  readonly cacheable: boolean;
  /** B bit. */
  readonly bufferable: boolean;
  /** Domain of the first-level descriptor. */
  readonly domain: number;
}

/** Options of a {@link PageTableBuilder}. */
export interface PageTableBuilderOptions {
  /**
   * First virtual address of the kernel part (1 MiB aligned; default 0xBF000000, the end of
   * the Linux-style user space). First-level entries from here up are shared by every space
   * the builder creates: user calls that touch them are refused, and fork shares them.
   */
  readonly kernelBase?: number;
}

/** Codes of {@link PageTableError}. */
export type PageTableErrorCode =
  | 'unaligned'
  | 'bad-count'
  | 'wraps'
  | 'kernel-range'
  | 'user-range'
  | 'bad-domain'
  | 'section-conflict'
  | 'out-of-memory'
  | 'unknown-space';

/**
 * What a translation walk found. The walk fills a caller-owned object so that the hot path
 * allocates nothing; {@link newWalkResult} makes one.
 */
export interface WalkResult {
  /** 0 when a descriptor was found, else the fault status (translation or external abort). */
  status: number;
  /** Domain of the first-level descriptor (valid whenever the L1 entry was read). */
  domain: number;
  /** Physical address the virtual address translates to. */
  pa: number;
  /** Size of the page or section found, in bytes (1 KiB, 4 KiB, 64 KiB or 1 MiB). */
  size: number;
  /** The 2-bit AP field that applies to this address (subpage resolved). */
  ap: number;
  /** True for a section, false for a page (selects the section or page fault codes). */
  section: boolean;
  /** C and B bits as `C << 1 | B`. */
  cb: number;
  /**
   * True when every access to the 4 KiB page around the address gets the same AP (sections,
   * large pages, small pages whose four subpage APs are equal); false for tiny pages and
   * small pages with mixed subpage permissions.
   */
  uniform: boolean;
}

/** The control-register bits that change how permissions are checked. */
export interface ProtectionBits {
  /** c1.S (system protection). */
  readonly system: boolean;
  /** c1.R (ROM protection). */
  readonly rom: boolean;
}

/**
 * The physical side an MMU translates to: RAM that the CPU may access directly, and every
 * physical address (RAM or device) through access methods. A board's bus decoder
 * implements it.
 */
export interface PhysicalBus {
  /** The RAM bytes, little-endian; `ram[0]` is at physical address {@link PhysicalBus.ramBase}. */
  readonly ram: Uint8Array;
  /** Physical address of the first RAM byte (4 KiB aligned). */
  readonly ramBase: number;
  /** Reads a byte at any physical address. */
  read8(pa: number): number;
  /** Reads a halfword at an even physical address. */
  read16(pa: number): number;
  /** Reads a word at a multiple of 4. */
  read32(pa: number): number;
  /** Writes a byte. */
  write8(pa: number, value: number): void;
  /** Writes a halfword at an even address. */
  write16(pa: number, value: number): void;
  /** Writes a word at a multiple of 4. */
  write32(pa: number, value: number): void;
}

/** Options of {@link Cp15}. */
export interface Cp15Options {
  /** Main ID register (c0, opc2 0). Default 0x41069265, the ARM926EJ-S. */
  readonly mainId?: number;
  /** Cache type register (c0, opc2 1). Default 0x01DD20D2, as QEMU's arm926 reports. */
  readonly cacheType?: number;
}
