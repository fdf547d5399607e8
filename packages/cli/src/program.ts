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
      const ok = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
      return { exitCode: ok ? 0 : 2 };
    }
    throw error;
  }
}
