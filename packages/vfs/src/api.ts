/**
 * Public interfaces and types of @codezero-ts/vfs.
 * @packageDocumentation
 */
