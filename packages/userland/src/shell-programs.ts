import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UserlandError } from './userland-error.js';

// One directory below the package root both as source (src/) and bundled (dist/).
const shellDir = new URL('../shell/', import.meta.url);

/**
 * A program of the interactive system's root file system: the shell or one of its
 * utilities, static glibc ARMv5TE, built by `scripts/build-shell.sh` from `shell/src/`.
 * It belongs in `/bin/<name>`.
 */
export interface ShellProgram {
  /** Short name: the binary is `shell/bin/<name>`. */
  readonly name: string;
  /** What it does, in one sentence. */
  readonly description: string;
  /** Absolute path of the binary. */
  readonly path: string;
  /** The binary's bytes. */
  readBinary(): Uint8Array;
}

/**
 * A scripted shell session: `shell/sessions/<name>.txt` fed to `/bin/sh -t` on standard
 * input, and its reference output recorded under `qemu-arm` by `scripts/golden-shell.sh`
 * (standard output and error, then a line `[exit N]`). The run's working directory is an
 * empty directory, `PATH` names a directory holding every program but poweroff, `HOME=/`.
 */
export interface ShellSession {
  /** Short name. */
  readonly name: string;
  /** Absolute path of the input (one command per line). */
  readonly inputPath: string;
  /** Absolute path of the golden output. */
  readonly goldenPath: string;
  /** The input. */
  readInput(): string;
  /** The golden output. */
  readGolden(): string;
}

const programs: readonly [string, string][] = [
  ['sh', 'The shell: prompt, pipelines, redirections, cd, exit, $?, background jobs and job control on a terminal.'],
  ['ls', 'Lists directories sorted by name; -a shows dot files, -l modes, links and sizes.'],
  ['cat', 'Copies files, or standard input, to standard output.'],
  ['echo', 'Prints its arguments separated by spaces; -n leaves out the newline.'],
  ['mkdir', 'Creates directories; -p makes missing parents.'],
  ['rm', 'Removes files; -r directories with their contents, -f ignores missing ones.'],
  ['ps', 'Lists processes from /proc/<pid>/stat lines (pid, parent, group, state, name).'],
  ['vmstat', 'Shows the NAME VALUE counters of /proc/vmstat (frames, objects, IPC), or says they are missing.'],
  ['poweroff', 'Syncs and powers the machine off with reboot(2) LINUX_REBOOT_CMD_POWER_OFF.'],
  ['init', 'Process 1 (install as /sbin/init): console session, boot-time test programs from its arguments, then /bin/sh; reaps orphans, powers off when the shell exits.'],
];

const sessions: readonly string[] = ['basics', 'files', 'pipes'];

function makeProgram(name: string, description: string): ShellProgram {
  const path = fileURLToPath(new URL(`bin/${name}`, shellDir));
  return { name, description, path, readBinary: () => new Uint8Array(readFileSync(path)) };
}

function makeSession(name: string): ShellSession {
  const inputPath = fileURLToPath(new URL(`sessions/${name}.txt`, shellDir));
  const goldenPath = fileURLToPath(new URL(`golden/${name}.txt`, shellDir));
  return {
    name,
    inputPath,
    goldenPath,
    readInput: () => readFileSync(inputPath, 'utf8'),
    readGolden: () => readFileSync(goldenPath, 'utf8'),
  };
}

/** The shell and its utilities, shell first. */
export const shellPrograms: readonly ShellProgram[] = Object.freeze(programs.map(([n, d]) => makeProgram(n, d)));

/** The scripted sessions with qemu-arm goldens. */
export const shellSessions: readonly ShellSession[] = Object.freeze(sessions.map(makeSession));

/**
 * Returns the shell program called `name`.
 * @throws {UserlandError} `E_UNKNOWN_IMAGE` when no program has that name.
 */
export function findShellProgram(name: string): ShellProgram {
  const p = shellPrograms.find((x) => x.name === name);
  if (p === undefined) throw new UserlandError('E_UNKNOWN_IMAGE', `no shell program named "${name}" (known: ${shellPrograms.map((x) => x.name).join(', ')})`);
  return p;
}
