/**
 * Mach-style vm objects: shadow chains, copy-on-write faults, fork/exit of address spaces, shm.
 * @packageDocumentation
 */
export type {
  AccessKind,
  FilePager,
  FrameAllocator,
  IntegrityReport,
  MmapRequest,
  PageMapper,
  PhysicalMemory,
  VmErrorCode,
  VmLayout,
  VmStats,
  VmSystemOptions,
} from './api.js';
export { Access, Errno, Ipc, MapFlags, MsyncFlags, PAGE_SHIFT, PAGE_SIZE, Prot } from './api.js';
export { checkIntegrity } from './integrity.js';
export { VmError } from './vm-error.js';
export { SHM_IDS, VmSystem } from './vm-system.js';
