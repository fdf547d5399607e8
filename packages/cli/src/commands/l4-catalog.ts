import { l4Images } from '@codezero-ts/userland';

/** One L4 program of the userland package's manifest. */
export interface L4ImageEntry {
  /** Short name, e.g. `l4-test-suite`. */
  readonly name: string;
  /** One line about it. */
  readonly description: string;
  /** Reads the ELF bytes. */
  readImage(): Uint8Array;
}

/** The L4 programs `@codezero-ts/userland` ships (its `l4Images` manifest). */
export function l4Catalog(): readonly L4ImageEntry[] {
  return l4Images;
}

/** The program called `name`, with or without the `l4-` prefix (`test-suite` finds `l4-test-suite`). */
export function findInCatalog(name: string): L4ImageEntry | undefined {
  return l4Images.find((i) => i.name === name || i.name === `l4-${name}`);
}
