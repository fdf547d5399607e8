import { ElfError, PT_LOAD, parseElf } from '@codezero-ts/elf';
import type { VmSystem } from '@codezero-ts/vm-objects';
import { MapFlags, Prot } from '@codezero-ts/vm-objects';
import { LinuxLayout } from '../api.js';
import { buildInitialStack } from './initial-stack.js';

const PAGE = 4096;
const PF_X = 1;
const PF_W = 2;
const PF_R = 4;

/** A loaded image: where to start, the initial sp and the program break. */
export interface LoadedImage {
  readonly entry: number;
  readonly sp: number;
  readonly brk: number;
}

/**
 * Code of the trampoline page: a yield stub for sched_yield. With the return address pushed
 * on the stack by the pager, it saves r0, ip and lr, calls the L4 thread_switch slot,
 * restores them and pops the pc.
 */
const TRAMPOLINE = new Uint32Array([
  0xe92d5001, // 0:  stmfd sp!, {r0, ip, lr}
  0xe59fc00c, // 4:  ldr ip, [pc, #12]     (the word at 24)
  0xe12fff3c, // 8:  blx ip                (thread_switch)
  0xe8bd5001, // 12: ldmfd sp!, {r0, ip, lr}
  0xe49df004, // 16: ldr pc, [sp], #4
  0xe1a00000, // 20: nop
  0xfffff004, // 24: the thread_switch slot
]);

/** Offset of the yield stub in the trampoline page. */
export const TRAMPOLINE_YIELD = 0;

/**
 * Checks that `bytes` are a static ARM ET_EXEC we can load; returns an error message or
 * null.
 */
export function checkExecutable(bytes: Uint8Array): string | null {
  try {
    const elf = parseElf(bytes);
    if (elf.header.type !== 2) return `not an executable (e_type ${elf.header.type})`;
    if (!elf.programHeaders.some((p) => p.type === PT_LOAD)) return 'no PT_LOAD segment';
    if (elf.programHeaders.some((p) => p.type === 3)) return 'dynamically linked (PT_INTERP)';
    return null;
  } catch (e) {
    return e instanceof ElfError ? e.message : String(e);
  }
}

/** What the loader needs besides the vm: the file id of the executable for file mappings. */
export interface LoadRequest {
  readonly bytes: Uint8Array;
  /** vm file id of the executable (opened by the caller), or -1 to copy segments. */
  readonly file: number;
  readonly argv: readonly string[];
  readonly envp: readonly string[];
  readonly execfn: string;
  readonly random: Uint8Array;
}

/**
 * Loads a static ET_EXEC into `space` (which must be empty): every PT_LOAD as a private
 * mapping of the file (text read/execute, data read/write), the bytes after `p_filesz` in
 * the last file page zeroed (bss inside the last data page), the rest of bss anonymous; the
 * trampoline page; an 8 MiB demand-paged stack with argc/argv/envp/auxv on top.
 * Returns a negative errno when the address space cannot hold it.
 */
export function loadElf(vm: VmSystem, space: number, req: LoadRequest): LoadedImage | number {
  const elf = parseElf(req.bytes);
  let brk = 0;
  let phdr = 0;
  const phoff = elf.header.phoff;
  for (const ph of elf.programHeaders) {
    if (ph.type !== PT_LOAD || ph.memsz === 0) continue;
    const prot = ((ph.flags & PF_R) !== 0 ? Prot.READ : 0) | ((ph.flags & PF_W) !== 0 ? Prot.WRITE : 0) | ((ph.flags & PF_X) !== 0 ? Prot.EXEC : 0);
    const start = ph.vaddr - (ph.vaddr % PAGE);
    const fileStart = ph.offset - (ph.offset % PAGE);
    const fileEnd = ph.vaddr + ph.filesz;
    const memEnd = ph.vaddr + ph.memsz;
    if (phoff >= ph.offset && phoff < ph.offset + ph.filesz) phdr = ph.vaddr + (phoff - ph.offset);
    const filePagesEnd = Math.ceil(fileEnd / PAGE) * PAGE;
    if (ph.filesz > 0) {
      const writableForSetup = req.file < 0 ? Prot.READ | Prot.WRITE : prot;
      const r = vm.mmap(space, {
        addr: start,
        length: filePagesEnd - start,
        prot: writableForSetup,
        flags: MapFlags.PRIVATE | MapFlags.FIXED | (req.file < 0 ? MapFlags.ANONYMOUS : 0),
        ...(req.file < 0 ? {} : { file: req.file, offset: fileStart }),
      });
      if (r < 0) return r;
      if (req.file < 0) {
        const w = vm.writeUser(space, ph.vaddr, req.bytes.subarray(ph.offset, ph.offset + ph.filesz));
        if (w < 0) return w;
        if (prot !== writableForSetup) vm.mprotect(space, start, filePagesEnd - start, prot);
      }
      // bss that starts inside the last file page: zero the rest of that page.
      if (ph.memsz > ph.filesz && fileEnd % PAGE !== 0) {
        const zeros = new Uint8Array(Math.min(filePagesEnd, memEnd) - fileEnd);
        const needsWrite = (prot & Prot.WRITE) === 0;
        if (needsWrite) vm.mprotect(space, start, filePagesEnd - start, prot | Prot.WRITE);
        const w = vm.writeUser(space, fileEnd, zeros);
        if (w < 0) return w;
        if (needsWrite) vm.mprotect(space, start, filePagesEnd - start, prot);
      }
    }
    const anonStart = ph.filesz > 0 ? filePagesEnd : start;
    const anonEnd = Math.ceil(memEnd / PAGE) * PAGE;
    if (anonEnd > anonStart) {
      const r = vm.mmap(space, { addr: anonStart, length: anonEnd - anonStart, prot, flags: MapFlags.PRIVATE | MapFlags.ANONYMOUS | MapFlags.FIXED });
      if (r < 0) return r;
    }
    brk = Math.max(brk, anonEnd);
  }
  // The trampoline page (helper code the pager points threads at).
  let r = vm.mmap(space, { addr: LinuxLayout.Trampoline, length: PAGE, prot: Prot.READ | Prot.WRITE, flags: MapFlags.PRIVATE | MapFlags.ANONYMOUS | MapFlags.FIXED });
  if (r < 0) return r;
  r = vm.writeUser(space, LinuxLayout.Trampoline, new Uint8Array(TRAMPOLINE.buffer));
  if (r < 0) return r;
  vm.mprotect(space, LinuxLayout.Trampoline, PAGE, Prot.READ | Prot.EXEC);
  // The stack.
  const stackLow = LinuxLayout.StackTop - LinuxLayout.StackSize;
  r = vm.mmap(space, { addr: stackLow, length: LinuxLayout.StackSize, prot: Prot.READ | Prot.WRITE, flags: MapFlags.PRIVATE | MapFlags.ANONYMOUS | MapFlags.FIXED | MapFlags.GROWSDOWN });
  if (r < 0) return r;
  const st = buildInitialStack(LinuxLayout.StackTop, {
    argv: req.argv,
    envp: req.envp,
    execfn: req.execfn,
    random: req.random,
    phdr,
    phnum: elf.programHeaders.length,
    entry: elf.entry,
  });
  r = vm.writeUser(space, st.sp, st.bytes);
  if (r < 0) return r;
  vm.setBrk(space, brk);
  return { entry: elf.entry, sp: st.sp, brk };
}
