/**
 * Public interfaces and types of @codezero-ts/arm-core.
 * @packageDocumentation
 */
