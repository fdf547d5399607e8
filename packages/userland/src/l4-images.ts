import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UserlandError } from './userland-error.js';

// One directory below the package root both as source (src/) and bundled (dist/).
const l4Dir = new URL('../l4/images/', import.meta.url);

/**
 * A committed L4-native program (libl4 + the program, built with `gcc-arm-none-eabi` by
 * `scripts/build-l4.sh`) and the console output it must produce when started as the first
 * pager of a fresh kernel. The expected output is written from `spec/codezero.md` §4.2–4.3
 * (no reference machine runs the original); it starts with the kernel's three boot lines.
 */
export interface L4Image {
  /** Short name (`l4-test-suite`); the files are `l4/images/<name>.elf` and `<name>.expected.txt`. */
  readonly name: string;
  /** What the program does, in one sentence. */
  readonly description: string;
  /** `file:` URL of the ELF (two PT_LOAD segments: code read/execute at 0x10000, data read/write). */
  readonly url: URL;
  /** Absolute path of the ELF. */
  readonly path: string;
  /** `file:` URL of the expected console output. */
  readonly expectedUrl: URL;
  /** Absolute path of the expected console output (`\n` line ends). */
  readonly expectedPath: string;
  /** The ELF's bytes. */
  readImage(): Uint8Array;
  /** The expected console output. */
  readExpected(): string;
}

const specs: readonly (readonly [string, string])[] = [
  ['l4-hello', 'Hello world: maps the console UART and prints one line.'],
  [
    'l4-threads-demo',
    'Six threads in one space pass a token from the newest to the oldest over IPC, each printing its thread id (7 down to 2).',
  ],
  ['l4-ipc-demo', 'A short call, a full call (60 message registers) and an extended string message between two threads of one space.'],
  [
    'l4-test-suite',
    'The L4 API test suite: thread control, getid (with a fault the pager answers by destroying the thread), exchange_registers, map/unmap errors, short/full/extended IPC with faults on both sides, a user-space mutex with 8 threads, cache control.',
  ],
];

function makeImage(name: string, description: string): L4Image {
  const url = new URL(`${name}.elf`, l4Dir);
  const expectedUrl = new URL(`${name}.expected.txt`, l4Dir);
  const path = fileURLToPath(url);
  const expectedPath = fileURLToPath(expectedUrl);
  return {
    name,
    description,
    url,
    path,
    expectedUrl,
    expectedPath,
    readImage: () => new Uint8Array(readFileSync(path)),
    readExpected: () => readFileSync(expectedPath, 'utf8'),
  };
}

/** Every committed L4 program, in the order of `scripts/l4-images.list`. */
export const l4Images: readonly L4Image[] = Object.freeze(specs.map(([n, d]) => makeImage(n, d)));

/**
 * Returns the L4 program called `name` (with or without the `l4-` prefix: `test-suite`
 * finds `l4-test-suite`).
 * @throws {UserlandError} `E_UNKNOWN_IMAGE` when no program has that name.
 */
export function findL4Image(name: string): L4Image {
  const image = l4Images.find((i) => i.name === name || i.name === `l4-${name}`);
  if (!image) {
    throw new UserlandError('E_UNKNOWN_IMAGE', `no L4 program named "${name}" (known: ${l4Images.map((i) => i.name).join(', ')})`);
  }
  return image;
}
