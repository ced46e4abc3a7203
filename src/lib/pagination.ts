import { and, asc, desc, sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { fieldError } from './errors'
import { isUuid } from './ids'

/**
 * Keyset (cursor) pagination: rows are ordered by (field, id) and a cursor holds the
 * last row's pair, so page N costs the same index probe as page 1 — never OFFSET.
 * Ids are UUIDv7, so `id` alone is creation order.
 */
export interface PageRequest {
  limit: number
  field: string
  column: AnyPgColumn
  descending: boolean
  after?: { v: unknown; id: string }
  /** Walking backwards (a `previous` link): fetch in reverse, then flip. */
  backwards: boolean
}

interface Cursor { v: unknown; id: string; b?: 1 }

export function pageRequest(
  query: { limit?: number; cursor?: string; ordering?: string },
  orderings: Record<string, AnyPgColumn>,
  defaultOrdering: string,
): PageRequest {
  const ordering = query.ordering ?? defaultOrdering
  const field = ordering.replace(/^-/, '')
  // Own keys only: `orderings['__proto__']` or `['constructor']` is an inherited object, not a column (a 500, or a `next` link that answers 400).
  const column = Object.hasOwn(orderings, field) ? orderings[field] : undefined
  if (!column) throw fieldError('ordering', `Ordering must be one of: ${Object.keys(orderings).flatMap((k) => [k, `-${k}`]).join(', ')}.`)
  let cursor: Cursor | undefined
  if (query.cursor) {
    try {
      cursor = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8'))
      // The id goes to SQL as a uuid parameter: anything else would be a cast error (500).
      if (typeof cursor?.id !== 'string' || !isUuid(cursor.id)) throw new Error()
    } catch {
      throw fieldError('cursor', 'Invalid cursor')
    }
  }
  return { limit: query.limit ?? 50, field, column, descending: ordering.startsWith('-'), after: cursor && { v: cursor.v, id: cursor.id }, backwards: cursor?.b === 1 }
}

/** WHERE condition and ORDER BY for the page; pass `limit + 1` to the query. */
export function keyset(page: PageRequest, idColumn: AnyPgColumn): { where: SQL | undefined; orderBy: SQL[] } {
  const forward = page.descending !== page.backwards ? 'desc' : 'asc'
  const dir = forward === 'desc' ? desc : asc
  const sameColumn = page.column === idColumn
  const orderBy = sameColumn ? [dir(idColumn)] : [dir(page.column), dir(idColumn)]
  if (!page.after) return { where: undefined, orderBy }
  const op = forward === 'desc' ? sql`<` : sql`>`
  const where = sameColumn
    ? sql`${idColumn} ${op} ${page.after.id}`
    : sql`(${page.column}, ${idColumn}) ${op} (${page.after.v}, ${page.after.id})`
  return { where, orderBy }
}

export const withKeyset = (page: PageRequest, idColumn: AnyPgColumn, ...conditions: (SQL | undefined)[]) => {
  const k = keyset(page, idColumn)
  return { where: and(...conditions, k.where), orderBy: k.orderBy, limit: page.limit + 1 }
}

/** What `toPage` reads of the (Fastify) request: the links point at the route that answered, with its query. */
export interface PageSource {
  server: { ctx: { config: { publicUrl: string } } }
  routeOptions: { url?: string }
  params: unknown
  query: unknown
}

/** The path of the route that answered: its URL pattern with the request's params (`/api/v1/developers/{id}/keys/`). */
function routePath(req: PageSource): string {
  const params = (req.params ?? {}) as Record<string, unknown>
  return (req.routeOptions.url ?? '').replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => encodeURIComponent(String(params[name])))
}

/** Turns `limit + 1` fetched rows into `{next, previous, results}` with absolute links to the same route. */
export function toPage<R extends { id: string }>(
  rows: R[],
  page: PageRequest,
  req: PageSource,
  valueOf: (row: R) => unknown,
): { next: string | null; previous: string | null; results: R[] } {
  const url = { base: req.server.ctx.config.publicUrl, path: routePath(req), query: req.query as Record<string, unknown> }
  const hasMore = rows.length > page.limit
  const results = rows.slice(0, page.limit)
  if (page.backwards) results.reverse()
  const link = (row: R | undefined, backwards: boolean) => {
    if (!row) return null
    const v = valueOf(row)
    const cursor: Cursor = { v: v instanceof Date ? v.toISOString() : v, id: row.id, ...(backwards ? { b: 1 as const } : {}) }
    const params = new URLSearchParams()
    for (const [k, val] of Object.entries(url.query)) if (val !== undefined && k !== 'cursor') params.set(k, String(val))
    params.set('cursor', Buffer.from(JSON.stringify(cursor)).toString('base64url'))
    return `${url.base}${url.path}?${params}`
  }
  const first = results[0]
  const last = results[results.length - 1]
  // Forward: more rows ahead means a next link; having come from a cursor means a previous one.
  const next = page.backwards ? (page.after ? link(last, false) : null) : hasMore ? link(last, false) : null
  const previous = page.backwards ? (hasMore ? link(first, true) : null) : page.after ? link(first, true) : null
  return { next, previous, results }
}
