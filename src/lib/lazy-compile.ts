import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'

/**
 * Route schemas compiled on their route's first request instead of at start. Compiling
 * every route's ajv validator and fast-json-stringify serializer up front took ~1 s of CPU
 * at start (most of it), and the compiled code of routes that are never called stayed in
 * memory. The schemas are static: a schema that does not compile fails its route's tests.
 */
type Compiled = ((...args: any[]) => unknown) & { errors?: unknown }

export function compiledOnFirstUse<F extends Compiled>(compile: () => F): F {
  let compiled: F | undefined
  const onFirstUse = ((...args: unknown[]) => {
    compiled ??= compile()
    const result = compiled(...args)
    // Fastify reads a validator's errors from the function it was given.
    onFirstUse.errors = compiled.errors
    return result
  }) as F
  return onFirstUse
}

/** Fastify's own serializer factory (`schemaController.compilersFactory.buildSerializer`), compiling on first use. */
export function lazySerializerFactory(...factoryArgs: Parameters<ReturnType<typeof SerializerSelector>>) {
  const compile = SerializerSelector()(...factoryArgs)
  return (route: Parameters<typeof compile>[0]) => compiledOnFirstUse(() => compile(route))
}
