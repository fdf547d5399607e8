/*
 * The `codezero` command as a program: runs it on the process's arguments and sets the exit
 * status. The published command (bin.ts) runs this file's bundle, dist/codezero-bundle.cjs,
 * with V8's code cache; `npm start` runs it from source.
 */
import { runCli } from './program.js';

runCli(process.argv.slice(2)).then(
  (result) => {
    process.exitCode = result.exitCode;
  },
  (error: unknown) => {
    process.stderr.write(`codezero: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
