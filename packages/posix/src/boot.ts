import type { Kernel } from '@codezero-ts/kernel';
import type { PosixExit, PosixOptions } from './api.js';
import type { PosixPlatform } from './posix-system.js';
import { PosixSystem } from './posix-system.js';

/** Options of {@link bootPosix}: the system's options and an instruction budget. */
export interface BootPosixOptions extends PosixOptions {
  /** Stop after this many guest instructions (default: no limit). */
  readonly maxInstructions?: number;
}

/**
 * Boots the POSIX container on a freshly created kernel and runs it until init exits (or
 * nothing can run, or the budget ends). The board and the CLI call this.
 *
 * @example
 * ```ts
 * const platform = new VirtualPlatform({ ramSize: 32 << 20 });
 * const kernel = new Kernel(platform);
 * const exit = bootPosix(kernel, platform, { files: { '/bin/init': helloElf } });
 * // exit.reason === 'exited', exit.status === init's exit status
 * ```
 */
export function bootPosix(kernel: Kernel, platform: PosixPlatform, options: BootPosixOptions = {}): PosixExit {
  const sys = new PosixSystem(kernel, platform, options);
  sys.start();
  return sys.run(options.maxInstructions ?? Infinity);
}
