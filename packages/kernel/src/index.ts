/**
 * The L4 core in TypeScript: threads, address spaces, IPC, syscalls and capabilities, running ARM user code in hosted mode.
 * @packageDocumentation
 */
export type {
  Capability,
  ConsolePort,
  InterruptController,
  IpcObserver,
  KernelErrorCode,
  KernelOptions,
  MemoryRange,
  Platform,
  PlatformClock,
  ProgramOptions,
  ProgramSegment,
  QuotaOptions,
  RunOutcome,
  ServerBody,
  ServerCall,
  ServerContext,
  ServerOptions,
  TickTimer,
} from './api.js';
export {
  CacheOp,
  CapFlags,
  CapRequest,
  CapType,
  Errno,
  Exregs,
  IPC_EXTENDED_MAX,
  IpcFlags,
  IpcTag,
  IrqRequest,
  KIP_MAGIC,
  KernelLayout,
  KipOffset,
  MR_PRIMARY,
  MR_TOTAL,
  MapFlags,
  MutexOp,
  SYSCALL_COUNT,
  Syscall,
  ThreadAction,
  ThreadFlags,
  ThreadIds,
  Utcb,
} from './api.js';
export { KernelError } from './errors.js';
export { Kernel } from './kernel.js';
export type { ThreadSnapshot } from './kernel.js';
export { VIRTUAL_UART_BASE, VirtualPlatform } from './virtual-platform.js';
export type { VirtualPlatformOptions } from './virtual-platform.js';
export { call, getMr, ipc, receive, replyWait, send, setMr, syscall, threadSwitch } from './server.js';
