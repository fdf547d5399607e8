/**
 * A POSIX file system layer: vnodes, fd tables, memfs, devfs, initramfs and pipes.
 * @packageDocumentation
 */
export type {} from './api.js';
