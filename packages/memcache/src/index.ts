/**
 * Fixed-size object caches over injected pages, and kmalloc on top.
 * @packageDocumentation
 */
export type {} from './api.js';
