/**
 * Codezero's scheduler: runqueues, timeslices, wait queues and suspension.
 * @packageDocumentation
 */
export type {} from './api.js';
