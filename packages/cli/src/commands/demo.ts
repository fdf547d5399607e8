import type { Command } from 'commander';
import type { CliIo } from '../api.js';
import { filesTour } from '../demo/files.js';
import { machineTour } from '../demo/machine.js';
import { memoryTour } from '../demo/memory.js';
import { schedulingTour } from '../demo/scheduling.js';

/** One section of the tour: a title and the lines it prints. */
interface TourSection {
  readonly title: string;
  readonly run: () => string[] | Promise<string[]>;
}

/** The sections of `codezero demo`, in order. */
export const tourSections: readonly TourSection[] = [
  { title: 'Hardware: the Versatile PB926 machine boots a bare-metal image', run: machineTour },
  { title: 'Memory: page frames, memcaches, kmalloc, id pools', run: memoryTour },
  { title: 'Scheduling: runqueues and timeslices', run: schedulingTour },
  { title: 'Files: the VFS with Linux semantics', run: filesTour },
];

/** Registers `codezero demo`: a guided tour of the subsystems that exist today. */
export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('a guided tour of the subsystems that exist today (npm start runs it)')
    .action(async () => {
      io.stdout('codezero-ts: a tour of the subsystems built so far.\n');
      for (const section of tourSections) {
        io.stdout(`\n== ${section.title} ==\n`);
        for (const line of await section.run()) io.stdout(`${line}\n`);
      }
      io.stdout('\nNext: the L4 kernel boots on this machine, then the POSIX container (see the README).\n');
    });
}
