/**
 * The POSIX container: pager and file server threads, ELF loader, process model and the Linux ARM EABI personality.
 * @packageDocumentation
 */
export type { PosixErrorCode, PosixExit, PosixOptions, PosixStats } from './api.js';
export { LinuxLayout } from './api.js';
export { PosixError } from './posix-error.js';
export { PosixSystem } from './posix-system.js';
export type { PosixPlatform } from './posix-system.js';
export { bootPosix } from './boot.js';
export type { BootPosixOptions } from './boot.js';
