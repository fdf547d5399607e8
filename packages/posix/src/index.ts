/**
 * The POSIX container: pager and file server threads, ELF loader, process model and the Linux ARM EABI personality.
 * @packageDocumentation
 */
export type {} from './api.js';
