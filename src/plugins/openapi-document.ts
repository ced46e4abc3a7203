import { STATUS_CODES } from 'node:http'
import { ErrorBody, FieldErrors } from '../lib/schemas'
import { schemaName } from '../lib/schema-names'
import { operationIdFor, OperationIds } from '../lib/operation-id'
import { componentRef, components, errorResponseRef, errorSchemas } from './openapi-components'
import { operationalDocs } from './openapi-operational'
import { SEED_TAGS } from '../modules/seeds/tags'
import { describeAccess, type RouteAccess } from './route-access'

/**
 * Turns the route schemas (which also validate and serialize, and are never modified
 * here) into the document tools want: an operationId on every operation, named schemas
 * in `components.schemas`, every error response the route can give, per-operation
 * security, and the headers of the API.
 */

type Json = Record<string, any>
interface RouteLike { method: string | string[]; url: string; schema?: Json; config?: Json }

/** What can go wrong on a route, by how it is declared. */
interface Facts { public: boolean; throttled: boolean; body: boolean; query: boolean; params: boolean; tenant: boolean; idempotent: boolean; requirement: string | undefined; errors: Set<number> }

const MARK = 'x-schema-name'
/** Seed-compatible routes share paths with canonical ones once `/api/v1` is left out (`/products/`). */
const SEED_TAG_NAMES = new Set<string>(Object.values(SEED_TAGS).map((t) => t.name))
const namespaceOf = (schema: Json) => ((schema.tags ?? []) as string[]).some((t) => SEED_TAG_NAMES.has(t)) ? 'seed' : undefined
const BEARER = [{ bearer: [] }, { token: [] }]

export function openApiTransforms() {
  const ids = new OperationIds()
  const facts = new Map<string, Facts>()

  function transform({ schema, url, route }: { schema?: Json; url: string; route: RouteLike }): { schema: Json; url: string } {
    const method = Array.isArray(route.method) ? route.method[0] : route.method
    const operational = operationalDocs[`${method} ${url}`]
    if (operational) return { schema: { ...operational, operationId: ids.claim(operationIdFor(method, url), method, url) }, url }
    if (!schema || schema.hide) return { schema: schema ?? {}, url }
    const operationId = ids.claim(schema.operationId ?? operationIdFor(method, url, namespaceOf(schema)), method, url)
    const access = route.config?.access as RouteAccess
    const isPublic = access === 'public'
    const errors = new Set<number>()
    const response: Json = {}
    for (const [status, s] of Object.entries(schema.response ?? {}) as [string, Json][]) {
      if (s === ErrorBody || s === FieldErrors) errors.add(Number(status))
      else response[status] = { ...marked(s), 'x-response-description': responseDescription(Number(status), s) }
    }
    facts.set(operationId, {
      public: isPublic, throttled: Boolean(route.config?.throttle), body: Boolean(schema.body), query: Boolean(schema.querystring),
      params: url.includes(':'), tenant: !url.startsWith('/.well-known/'), idempotent: Boolean(schema.headers?.properties?.['idempotency-key']), errors,
      requirement: describeAccess(access),
    })
    const doc: Json = { ...schema, operationId, security: schema.security ?? (isPublic ? [] : BEARER), response }
    if (schema.body) doc.body = marked(schema.body)
    return { schema: doc, url }
  }

  function transformObject(document: { openapiObject: Json } | { swaggerObject: Json }): Json {
    if (!('openapiObject' in document)) return document.swaggerObject
    const { openapiObject } = document
    for (const ops of Object.values(openapiObject.paths ?? {}) as Json[]) {
      for (const op of Object.values(ops) as Json[]) {
        const f = facts.get(op.operationId)
        if (f) completeOperation(op, f)
      }
    }
    const schemas = hoistNamedSchemas(openapiObject.paths)
    Object.assign(schemas, errorSchemas())
    referToIdenticalObjects(openapiObject.paths, schemas)
    openapiObject.components = {
      ...openapiObject.components,
      schemas: sortedByKey({ ...openapiObject.components?.schemas, ...schemas }),
      ...components,
    }
    return openapiObject
  }

  return { transform, transformObject }
}

function completeOperation(op: Json, f: Facts) {
  const codes = new Set(f.errors)
  if (!f.public) codes.add(401).add(403)
  if (f.params || (f.public && f.tenant)) codes.add(404)
  if (f.body) codes.add(400).add(413).add(415)
  if (f.query) codes.add(400)
  if (f.throttled) codes.add(429)
  codes.add(503)
  for (const code of [...codes].sort((a, b) => a - b)) op.responses[code] ??= errorResponseRef(code)

  if (f.requirement) op.description = op.description ? `${op.description}\n\n${f.requirement}` : f.requirement
  const params = (op.parameters ?? []).filter((p: Json) => !(p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'))
  if (f.idempotent) params.push(componentRef('parameters', 'IdempotencyKey'))
  if (f.tenant) params.push(componentRef('parameters', 'XOrganization'))
  if (params.length) op.parameters = params
  if (f.idempotent) {
    for (const [status, r] of Object.entries(op.responses) as [string, Json][]) {
      if (status.startsWith('2')) r.headers = { ...r.headers, 'Idempotent-Replayed': componentRef('headers', 'IdempotentReplayed') }
    }
  }
}

function responseDescription(status: number, schema: Json): string {
  if (typeof schema.description === 'string') return schema.description
  const name = schemaName(schema)
  const reason = STATUS_CODES[status] ?? `Status ${status}`
  return name ? `${reason}: ${name}.` : `${reason}.`
}

/**
 * A copy of a schema in which every named schema carries its name (`x-schema-name`),
 * so the finished document can refer to it; a `Page(X)` is named `XPage`.
 */
function marked(schema: unknown): any {
  if (Array.isArray(schema)) return schema.map(marked)
  if (typeof schema !== 'object' || schema === null) return schema
  const copy: Json = {}
  for (const [k, v] of Object.entries(schema)) copy[k] = k === 'examples' || k === 'default' || k === 'enum' || k === 'const' ? v : marked(v)
  const name = schemaName(schema) ?? pageName(copy)
  if (name) copy[MARK] = name
  return copy
}

function pageName(s: Json): string | undefined {
  const keys = Object.keys(s.properties ?? {})
  const item = s.properties?.results?.items?.[MARK]
  return item && keys.length === 3 && ['next', 'previous', 'results'].every((k) => keys.includes(k)) ? `${item}Page` : undefined
}

/**
 * Replaces every marked schema in `root` by a `$ref` and returns the schemas, by name.
 * Where a name appears more than once, the fullest copy is kept (the top-level schema
 * of a body or response has had its `examples` moved to the media object).
 */
function hoistNamedSchemas(root: Json): Record<string, Json> {
  const found: Record<string, Json> = {}
  const visit = (node: any): any => {
    if (Array.isArray(node)) return node.map(visit)
    if (typeof node !== 'object' || node === null) return node
    const out: Json = {}
    for (const [k, v] of Object.entries(node)) out[k] = visit(v)
    const name = out[MARK]
    if (typeof name !== 'string') return out
    delete out[MARK]
    if (!found[name] || JSON.stringify(out).length > JSON.stringify(found[name]).length) found[name] = out
    return { $ref: `#/components/schemas/${name}` }
  }
  for (const [path, item] of Object.entries(root ?? {})) root[path] = visit(item)
  return found
}

/**
 * An object schema written out again where a named one is identical to it (`Type.Optional(User)`
 * is a copy of User, a seed route's `Group` is a RoleRef) becomes a `$ref` too; a shape two
 * names share is left alone.
 */
function referToIdenticalObjects(root: Json, schemas: Record<string, Json>) {
  const byShape = new Map<string, string | null>()
  for (const [name, schema] of Object.entries(schemas)) {
    if (schema.type !== 'object') continue
    const shape = JSON.stringify(schema)
    byShape.set(shape, byShape.has(shape) ? null : name)
  }
  const visit = (node: any): any => {
    if (Array.isArray(node)) return node.map(visit)
    if (typeof node !== 'object' || node === null) return node
    const name = node.type === 'object' ? byShape.get(JSON.stringify(node)) : undefined
    if (name) return { $ref: `#/components/schemas/${name}` }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, visit(v)]))
  }
  for (const [path, item] of Object.entries(root ?? {})) root[path] = visit(item)
  // inside the named schemas too (but not a schema for itself)
  for (const schema of Object.values(schemas)) for (const [k, v] of Object.entries(schema)) schema[k] = visit(v)
}

const sortedByKey = (o: Json) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)))
