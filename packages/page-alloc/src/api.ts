/**
 * Public interfaces and types of @codezero-ts/page-alloc.
 * @packageDocumentation
 */
