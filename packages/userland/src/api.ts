/**
 * Public interfaces and types of @codezero-ts/userland.
 * @packageDocumentation
 */
