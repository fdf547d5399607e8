import type { Command } from 'commander';
import type { CliIo } from '../api.js';
import { registerBoot } from './boot.js';
import { registerDemo } from './demo.js';
import { registerDisasm } from './disasm.js';
import { registerMachine } from './machine.js';

/** A subcommand adds itself to the program; each lives in its own file in this folder. */
export type RegisterCommand = (program: Command, io: CliIo) => void;

/** Every subcommand of `codezero`, in the order `--help` lists them. */
export const commands: readonly RegisterCommand[] = [registerDemo, registerDisasm, registerMachine, registerBoot];
