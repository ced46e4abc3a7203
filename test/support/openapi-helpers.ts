import type { FastifyInstance } from 'fastify'

type Json = Record<string, unknown>

/**
 * The app's OpenAPI document with every local `$ref` replaced by what it points to, for
 * tests that read schemas out of it (the document itself refers to components).
 */
export function dereferencedDocument(app: FastifyInstance): any {
  const doc = structuredClone(app.swagger()) as Json
  const target = (ref: string) => ref.slice(2).split('/').reduce<any>((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc)
  const resolve = (node: unknown, seen: string[]): unknown => {
    if (Array.isArray(node)) return node.map((n) => resolve(n, seen))
    if (typeof node !== 'object' || node === null) return node
    const ref = (node as Json).$ref
    if (typeof ref === 'string' && ref.startsWith('#/')) {
      if (seen.includes(ref)) throw new Error(`recursive $ref ${ref}`)
      const found = target(ref)
      if (found === undefined) throw new Error(`$ref ${ref} points nowhere`)
      return resolve(found, [...seen, ref])
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(v, seen)]))
  }
  return { ...doc, paths: resolve(doc.paths, []) }
}
