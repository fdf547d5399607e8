import type { Command } from 'commander';
import type { CliIo } from '../api.js';
import { memoryTour } from '../demo/memory.js';

/** One section of the tour: a title and the lines it prints. */
interface TourSection {
  readonly title: string;
  readonly run: () => string[];
}

/** The sections of `codezero demo`, in order. */
export const tourSections: readonly TourSection[] = [
  { title: 'Memory: page frames, memcaches, kmalloc, id pools', run: memoryTour },
];

/** Registers `codezero demo`: a guided tour of the subsystems that exist today. */
export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('a guided tour of the subsystems that exist today (npm start runs it)')
    .action(() => {
      io.stdout('codezero-ts: a tour of the subsystems built so far.\n');
      for (const section of tourSections) {
        io.stdout(`\n== ${section.title} ==\n`);
        for (const line of section.run()) io.stdout(`${line}\n`);
      }
      io.stdout('\nThe booted system (kernel, pager, file server) comes with later packages.\n');
    });
}
