/**
 * Public interfaces and types of @codezero-ts/memcache.
 * @packageDocumentation
 */
