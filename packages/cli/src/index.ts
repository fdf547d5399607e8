/**
 * The `codezero` command, usable as a library too: {@link runCli} runs it with injected I/O.
 * @packageDocumentation
 */
export type { CliIo, CliResult } from './api.js';
export { createProgram, exitWith, runCli, processIo } from './program.js';
export { cliVersion } from './version.js';
