/** One L4 program of the userland package's manifest. */
export interface L4ImageEntry {
  /** Short name, e.g. `l4-test-suite`. */
  readonly name: string;
  /** One line about it. */
  readonly description: string;
  /** Reads the ELF bytes. */
  loadImage(): Promise<Uint8Array>;
}

function isEntry(x: unknown): x is L4ImageEntry {
  if (typeof x !== 'object' || x === null) return false;
  const e = x as Record<string, unknown>;
  return typeof e.name === 'string' && typeof e.loadImage === 'function';
}

/**
 * The L4 programs `@codezero-ts/userland` ships (its `l4Images` manifest), or an empty list
 * when the installed userland has none.
 */
export async function l4Catalog(): Promise<readonly L4ImageEntry[]> {
  const userland: Record<string, unknown> = await import('@codezero-ts/userland');
  const list = userland.l4Images;
  if (!Array.isArray(list)) return [];
  return list.filter(isEntry).map((e) => ({ name: e.name, description: typeof e.description === 'string' ? e.description : '', loadImage: () => e.loadImage() }));
}
