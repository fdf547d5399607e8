/**
 * Public interfaces and types of @codezero-ts/elf.
 * @packageDocumentation
 */
