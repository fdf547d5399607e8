/**
 * Public interfaces and types of @codezero-ts/posix.
 * @packageDocumentation
 */
