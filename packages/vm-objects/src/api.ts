/**
 * Public interfaces and types of @codezero-ts/vm-objects.
 * @packageDocumentation
 */
