/**
 * Public interfaces and types of @codezero-ts/kernel.
 * @packageDocumentation
 */
