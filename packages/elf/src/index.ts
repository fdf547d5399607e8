/**
 * A small, strict reader of 32-bit ARM ELF files: headers, program headers, sections, symbols.
 * @packageDocumentation
 */
export type {} from './api.js';
