import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { runForwarded } from '../../plugins/logging'

/**
 * Seed-compatible routes are adapters, not a second API: each one rewrites the request
 * into the canonical `/api/v1/` call and runs that very route in-process (`app.inject`),
 * so authentication, permissions, tenancy (`X-Organization`), throttles, lockout,
 * validation, audit events and error bodies are the canonical route's, rule for rule —
 * including rules added to the canonical route later. The adapter only renames fields
 * on the way in and shapes the answer on the way out.
 */
export interface Forwarded { status: number; body: any; headers: Record<string, string | string[] | number | undefined> }

/** Request headers that describe the outer HTTP message itself, not the caller. */
const HOP = new Set(['host', 'content-length', 'content-type', 'transfer-encoding', 'connection', 'expect', 'keep-alive', 'upgrade', 'accept-encoding'])
/** Response headers of the canonical answer that a seed client needs too. */
const RELAYED = ['retry-after', 'www-authenticate', 'idempotent-replayed', 'allow']

export async function forward(
  app: FastifyInstance, req: FastifyRequest, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, extraHeaders: Record<string, string> = {},
): Promise<Forwarded> {
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(req.headers)) if (!HOP.has(k) && v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v
  Object.assign(headers, extraHeaders)
  // The same request id on the inner request's log lines (debug level; the outer request has the info line).
  headers['x-request-id'] = req.id
  const res = await runForwarded(() => app.inject({
    method, url, headers,
    // The peer address as the outer request saw it: per-IP throttles and audit see the real client.
    remoteAddress: req.socket?.remoteAddress ?? req.ip,
    ...(body !== undefined && { payload: body as object }),
  }))
  let parsed: unknown = null
  if (res.body) {
    try { parsed = JSON.parse(res.body) } catch { parsed = res.body }
  }
  return { status: res.statusCode, body: parsed, headers: res.headers }
}

/** Renames field keys of a DRF 400 body (`role_ids` → `group_ids`), so errors name the fields the client sent. */
function renameFields(body: unknown, renames: Record<string, string>): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [renames[k] ?? k.replace(/^[^.]+/, (head) => renames[head] ?? head), v]))
}

/**
 * Answers with the canonical result: errors as they are (fields renamed), 204 empty,
 * success through `shape`. The route's response schema then filters the fields.
 */
export function relay(reply: FastifyReply, res: Forwarded, shape: (body: any) => unknown = (b) => b, renames: Record<string, string> = {}) {
  for (const h of RELAYED) if (res.headers[h] !== undefined) reply.header(h, res.headers[h])
  if (res.status >= 400) return reply.code(res.status).send(res.status === 400 ? renameFields(res.body, renames) : res.body)
  if (res.status === 204) return reply.code(204).send(null)
  return reply.code(res.status).send(shape(res.body))
}

/** Seed lists are plain arrays (as their READMEs show); longest list served in one answer. */
const SEED_LIST_LIMIT = 10_000
const PAGE = 200

/**
 * A whole canonical list as one array, walking its cursor pages (200 at a time; each page
 * costs the same, so the walk is linear). Beyond SEED_LIST_LIMIT items the rest is left
 * to the canonical list, linked in a `Link: <…>; rel="next"` header.
 */
export async function forwardList(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, path: string, shape: (item: any) => unknown = (i) => i) {
  const query = new URLSearchParams(req.url.split('?')[1] ?? '')
  query.delete('cursor')
  query.set('limit', String(PAGE))
  let url = `${path}?${query}`
  const items: unknown[] = []
  for (;;) {
    const res = await forward(app, req, 'GET', url)
    if (res.status !== 200) return relay(reply, res)
    items.push(...(res.body.results as unknown[]).map(shape))
    const next = res.body.next as string | null
    if (!next) break
    // Only the query of `next`: its path carries PUBLIC_URL's prefix, which the in-process router does not.
    url = `${path}${new URL(next).search}`
    if (items.length >= SEED_LIST_LIMIT) {
      reply.header('link', `<${next}>; rel="next"`)
      break
    }
  }
  return reply.code(200).send(items)
}
