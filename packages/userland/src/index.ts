/**
 * Guest programs for codezero-ts: C and assembly sources, build scripts, committed images and reference outputs.
 * @packageDocumentation
 */
export type { BareMetalImage, BareMetalImageFormat, BareMetalImageRole, FileSource, UserlandErrorCode } from './api.js';
export { bareMetalImages, findBareMetalImage } from './bare-metal-images.js';
export { UserlandError } from './userland-error.js';
export { openFileSource } from './file-source.js';
export { findLinuxProgram, linuxInitramfsPath, linuxPrograms, linuxTtyPrograms, openLinuxInitramfs, readLinuxInitramfs } from './linux-images.js';
export type { LinuxProgram } from './linux-images.js';
export { findL4Image, l4Images } from './l4-images.js';
export type { L4Image } from './l4-images.js';
export { findShellProgram, shellPrograms, shellSessions } from './shell-programs.js';
export type { ShellProgram, ShellSession } from './shell-programs.js';
