/**
 * Public interfaces and types of @codezero-ts/cli.
 * @packageDocumentation
 */

/** Where a command writes and what it reads; injected so commands are testable. */
export interface CliIo {
  /** Writes to standard output. */
  readonly stdout: (text: string) => void;
  /** Writes to standard error. */
  readonly stderr: (text: string) => void;
}

/** The outcome of one invocation of the `codezero` command. */
export interface CliResult {
  /** Process exit status: 0 success, 1 runtime failure, 2 usage error. */
  readonly exitCode: number;
}
