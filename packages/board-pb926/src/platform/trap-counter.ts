import { ExceptionKind } from '@codezero-ts/arm-core';
import type { Cpu, TrapInfo } from '@codezero-ts/arm-core';

/** The syscall page's address (the ipc slot is its first word). */
const SYSCALL_PAGE = 0xfffff000;

/**
 * Counts what the CPU hands to the kernel, through arm-core's `onException` hook (the hook
 * never claims an exception, so the kernel sees every one). Counts ARM threads only: the
 * calls of TypeScript server threads never reach the CPU.
 */
export class TrapCounter {
  /** SWIs in the syscall page (L4 system calls). */
  syscalls = 0;
  /** Of those, calls of the ipc slot (0xFFFFF000). */
  ipcCalls = 0;
  /** SWIs elsewhere (exception IPC to the pager, e.g. a Linux system call). */
  otherSwis = 0;
  /** Prefetch and data aborts. */
  aborts = 0;
  /** Undefined instructions. */
  undefinedInstructions = 0;

  /** Attaches to `cpu` (replacing any earlier `onException` handler). */
  attach(cpu: Cpu): void {
    cpu.onException = (tr: TrapInfo): boolean => {
      this.#count(tr);
      return false;
    };
  }

  #count(tr: TrapInfo): void {
    switch (tr.kind) {
      case ExceptionKind.SoftwareInterrupt:
        if (!tr.thumb && tr.pc >>> 12 === SYSCALL_PAGE >>> 12) {
          this.syscalls++;
          if (tr.pc === SYSCALL_PAGE) this.ipcCalls++;
        } else {
          this.otherSwis++;
        }
        break;
      case ExceptionKind.PrefetchAbort:
      case ExceptionKind.DataAbort:
        this.aborts++;
        break;
      case ExceptionKind.Undefined:
        this.undefinedInstructions++;
        break;
      default:
        break;
    }
  }
}
