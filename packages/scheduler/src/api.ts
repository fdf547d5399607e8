/**
 * Public interfaces and types of @codezero-ts/scheduler.
 * @packageDocumentation
 */
