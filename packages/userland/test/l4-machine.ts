import { readFileSync } from 'node:fs';
import { PT_LOAD, parseElf } from '@codezero-ts/elf';
import { Kernel, VirtualPlatform } from '@codezero-ts/kernel';
import type { ProgramSegment, RunOutcome, VirtualPlatformOptions } from '@codezero-ts/kernel';

/** The PT_LOAD segments and entry point of an ELF file, as the kernel loads them. */
export function elfProgram(bytes: Uint8Array): { readonly segments: ProgramSegment[]; readonly entry: number } {
  const elf = parseElf(bytes);
  const segments = elf.programHeaders
    .filter((p) => p.type === PT_LOAD && p.memsz > 0)
    .map((p) => ({ address: p.vaddr, bytes: elf.segmentData(p), memSize: p.memsz, writable: (p.flags & 2) !== 0, executable: (p.flags & 1) !== 0 }));
  return { segments, entry: elf.entry };
}

/** What one run of an L4 program printed and how it ended. */
export interface L4Run {
  readonly console: string;
  readonly outcome: RunOutcome;
  readonly instructions: number;
}

/** Boots a kernel on a VirtualPlatform and runs the ELF at `path` as the first pager. */
export function runL4(path: string, budget = 50_000_000, platformOptions: VirtualPlatformOptions = {}): L4Run {
  const platform = new VirtualPlatform(platformOptions);
  const kernel = new Kernel(platform);
  kernel.spawnProgram({ ...elfProgram(new Uint8Array(readFileSync(path))), name: 'l4' });
  const outcome = kernel.run(budget);
  return { console: platform.consoleOutput, outcome, instructions: kernel.instructions };
}
