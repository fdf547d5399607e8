import { Command, CommanderError } from 'commander';
import type { CliIo, CliResult } from './api.js';
import { cliVersion } from './version.js';
import { commands } from './commands/index.js';

/** The process's own standard streams. */
export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/**
 * Builds the `codezero` command tree. Subcommands register themselves here as packages
 * gain them (`demo`, later `machine`, `disasm`, `boot`).
 */
export function createProgram(io: CliIo): Command {
  const program = new Command('codezero')
    .description('codezero-ts: the Codezero microkernel system and its ARM machine, in TypeScript.')
    .version(cliVersion(), '-V, --version', 'print the version and exit')
    .showHelpAfterError('(run codezero --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  for (const register of commands) register(program, io);
  return program;
}

/** The CommanderError code of {@link exitWith}. */
const EXIT_STATUS = 'codezero.exit-status';

/**
 * Ends the running command with exit status `status` and no message (for example a guest's
 * own exit status). {@link runCli} returns it as the result's `exitCode`.
 */
export function exitWith(status: number): never {
  throw new CommanderError(status, EXIT_STATUS, '');
}

/**
 * Runs the `codezero` command with `argv` (the arguments after the program name) and
 * returns its exit status instead of exiting, so it can be called from tests.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<CliResult> {
  const program = createProgram(io);
  if (argv.length === 0) {
    program.outputHelp();
    return { exitCode: 0 };
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return { exitCode: 0 };
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return { exitCode: 0 };
      // Our own commands choose their status; commander's usage errors are status 2.
      if (error.code === EXIT_STATUS || error.code.startsWith('codezero.')) return { exitCode: error.exitCode };
      return { exitCode: 2 };
    }
    throw error;
  }
}
