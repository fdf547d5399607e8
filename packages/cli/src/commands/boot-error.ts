/** A bad argument, name or file of `codezero boot`: one line on stderr, exit status 2. */
export class BootCommandError extends Error {
  /** Always 2. */
  readonly exitCode = 2;
}
