/**
 * Mach-style vm objects: shadow chains, copy-on-write faults, fork/exit of address spaces, shm.
 * @packageDocumentation
 */
export type {} from './api.js';
