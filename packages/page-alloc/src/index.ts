/**
 * Physical page-frame allocator (buddy system) and id pools.
 * @packageDocumentation
 */
export type {} from './api.js';
