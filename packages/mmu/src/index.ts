/**
 * CP15 and the ARMv5 virtual memory system: the translation walk and permission checks the
 * emulated MMU performs, and the page-table builder kernels use to create address spaces in
 * emulated physical memory.
 * @packageDocumentation
 */
export type {
  Cp15Options,
  MapAttributes,
  Mapping,
  PageTableBuilderOptions,
  PageTableErrorCode,
  PhysicalBus,
  PhysicalWords,
  ProtectionBits,
  TableMemory,
  UserAccess,
  WalkResult,
} from './api.js';
export { FaultStatus, faultStatusRegister } from './fault-status.js';
export { AccessPermission, Descriptor, coarseDescriptor, sectionDescriptor, smallPageDescriptor } from './descriptors.js';
export { fcseRelocate, newWalkResult, walk } from './walk.js';
export { apAllows, checkAccess } from './permissions.js';
export { AddressSpace, PageTableBuilder } from './page-table-builder.js';
export { PageTableError } from './page-table-error.js';
export { Control, Cp15 } from './cp15.js';
export { MmuBus } from './mmu-bus.js';
