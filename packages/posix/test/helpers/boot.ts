import { Kernel, VirtualPlatform } from '@codezero-ts/kernel';
import { linuxPrograms } from '@codezero-ts/userland';
import type { PosixExit, PosixOptions } from '../../src/index.js';
import { PosixSystem } from '../../src/index.js';

/** Every committed Linux program under /bin. */
export function allPrograms(): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const p of linuxPrograms) files[`/bin/${p.name}`] = p.readBinary();
  return files;
}

const cache: { files?: Record<string, Uint8Array> } = {};

/** A booted system's console output, exit and the system itself. */
export interface Booted {
  readonly output: string;
  readonly exit: PosixExit;
  readonly system: PosixSystem;
  readonly kernel: Kernel;
}

/** Boots a fresh kernel on a 32 MiB VirtualPlatform with every program in /bin and runs it. */
export function boot(options: PosixOptions, maxInstructions = 200_000_000): Booted {
  cache.files ??= allPrograms();
  const platform = new VirtualPlatform({ ramSize: 32 << 20 });
  const kernel = new Kernel(platform, { log: () => undefined });
  let output = '';
  const dec = new TextDecoder();
  const system = new PosixSystem(kernel, platform, {
    files: cache.files,
    console: (b) => {
      output += dec.decode(b);
    },
    ...options,
  });
  const exit = system.run(maxInstructions);
  return { output, exit, system, kernel };
}
