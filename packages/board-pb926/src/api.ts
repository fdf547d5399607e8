/**
 * Public interfaces and types of @codezero-ts/board-pb926.
 * @packageDocumentation
 */
