/**
 * Guest programs for codezero-ts: C and assembly sources, build scripts, committed images and reference outputs.
 * @packageDocumentation
 */
export type {} from './api.js';
