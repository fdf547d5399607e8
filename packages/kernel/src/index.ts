/**
 * The L4 core in TypeScript: threads, address spaces, IPC, syscalls and capabilities, running ARM user code in hosted mode.
 * @packageDocumentation
 */
export type {} from './api.js';
