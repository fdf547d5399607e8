/**
 * The ARM Versatile PB926 board: device models, bus, machine assembly and image loading.
 * @packageDocumentation
 */
export type {} from './api.js';
