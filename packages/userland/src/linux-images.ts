import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FileSource } from './api.js';
import { openFileSource } from './file-source.js';
import { UserlandError } from './userland-error.js';

// One directory below the package root both as source (src/) and bundled (dist/).
const linuxDir = new URL('../linux/', import.meta.url);

/**
 * A committed Linux-ABI test program (static glibc, ARMv5TE, built by
 * `scripts/build-linux.sh`) and its reference output recorded under `qemu-arm` by
 * `scripts/golden-linux.sh`.
 */
export interface LinuxProgram {
  /** Short name: the binary is `linux/bin/<name>`, the golden `linux/golden/<name>.txt`. */
  readonly name: string;
  /** Arguments after argv[0] of the golden run (argv[0] is `/bin/<name>`). */
  readonly args: readonly string[];
  /**
   * Environment of the golden run: `PATH=/bin`, `HOME=/`, `CZ_GOLDEN=1`. The run's working
   * directory is an empty directory whose `bin/` holds every program.
   */
  readonly env: readonly string[];
  /** Absolute path of the binary. */
  readonly path: string;
  /** Absolute path of the golden: standard output followed by a line `[exit N]`. */
  readonly goldenPath: string;
  /** The binary's bytes. */
  readBinary(): Uint8Array;
  /** The golden output. */
  readGolden(): string;
}

const programs: readonly [string, readonly string[]][] = [
  ['hello', ['one', 'two words']],
  ['files', []],
  ['fork-wait', []],
  ['pipes', []],
  ['exec', []],
  ['memory', []],
  ['signals', []],
  ['threads', []],
  ['shm', []],
  ['loop', ['getpid', '100']],
  ['mremap', []],
  ['sleep', []],
  ['poll', []],
  ['vfork', []],
  ['sigasync', []],
];

function makeProgram(name: string, args: readonly string[]): LinuxProgram {
  const path = fileURLToPath(new URL(`bin/${name}`, linuxDir));
  const goldenPath = fileURLToPath(new URL(`golden/${name}.txt`, linuxDir));
  return {
    name,
    args,
    env: ['PATH=/bin', 'HOME=/', 'CZ_GOLDEN=1'],
    path,
    goldenPath,
    readBinary: () => new Uint8Array(readFileSync(path)),
    readGolden: () => readFileSync(goldenPath, 'utf8'),
  };
}

/** Every committed Linux-ABI test program, simplest first. */
export const linuxPrograms: readonly LinuxProgram[] = Object.freeze(programs.map(([n, a]) => makeProgram(n, a)));

/**
 * Linux-ABI test programs that need a controlling terminal on descriptors 0, 1 and 2
 * (terminal job control: `sigttio`). Their goldens are what a pseudo-terminal showed under
 * `qemu-arm` (`scripts/golden-linux-tty.sh`; CR LF written as LF, then `[exit N]`); `args`
 * and `env` are empty. Run them under a terminal, e.g. started by `/sbin/init` on a vfs `Tty`.
 */
export const linuxTtyPrograms: readonly LinuxProgram[] = Object.freeze(['sigttio'].map((n) => ({ ...makeProgram(n, []), env: [] })));

/**
 * Returns the Linux-ABI program called `name`.
 * @throws {UserlandError} `E_UNKNOWN_IMAGE` when no program has that name.
 */
export function findLinuxProgram(name: string): LinuxProgram {
  const p = linuxPrograms.find((x) => x.name === name);
  if (p === undefined) throw new UserlandError('E_UNKNOWN_IMAGE', `no Linux program named "${name}" (known: ${linuxPrograms.map((x) => x.name).join(', ')})`);
  return p;
}

/**
 * Absolute path of `linux/initramfs.cpio`, the root file system of the POSIX container: a
 * cpio "newc" archive with every Linux program in `/bin` (test0 and l4-ipc included,
 * hostile not), `/bin/init` a symbolic link to `test0`, and an empty `/tmp`. Built by
 * `scripts/build-linux.sh` (reproducible; checked by `scripts/check-linux.sh`).
 */
export const linuxInitramfsPath: string = fileURLToPath(new URL('initramfs.cpio', linuxDir));

/**
 * The bytes of {@link linuxInitramfsPath} (14 MB), read once: the array is the read buffer
 * itself, not a copy (copying it costs a cold boot over 10 ms).
 */
export function readLinuxInitramfs(): Uint8Array {
  const bytes = readFileSync(linuxInitramfsPath);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * {@link linuxInitramfsPath} as a source read piece by piece ({@link openFileSource}), for
 * the POSIX container's `initramfs` option: a boot then reads the archive's headers and
 * only the files it uses (about 0.6 MB for test0) instead of all 14 MB, which saves a cold
 * boot 15–20 ms.
 */
export function openLinuxInitramfs(): FileSource {
  return openFileSource(linuxInitramfsPath);
}
