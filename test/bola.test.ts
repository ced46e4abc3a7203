import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { orderItems, orders, products, sessions } from '../src/db/schema'
import { eq } from 'drizzle-orm'
import { newId } from '../src/lib/ids'
import { call, createOrg, makeApp, registerUser, unique } from './support/helpers'
import { dereferencedDocument } from './support/openapi-helpers'
import { adminOf, declaredRoutes, superuserOf } from './support/rbac-helpers'

/**
 * Broken object-level authorization, generated from the route table: every route with
 * an id in its path, called by an org-A admin (every permission, not a superuser) with
 * the ids of org B's objects, must answer 404 — so a new route is covered the day it
 * lands. A route whose resource has no fixture below fails loudly until one is added.
 */
const app = await makeApp()
await app.ready()
const spec = dereferencedDocument(app) as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>> }

type Org = { id: string; slug: string }
type Fixtures = Record<string, string>

/** One object of every kind in `org`, keyed by the path segment naming its collection. */
async function fixtures(org: Org, superToken: string, member: { access: string; user: { id: string } }): Promise<Fixtures> {
  const h = { token: superToken, org: org.id }
  const role = await call(app, 'POST', '/api/v1/roles/', { ...h, body: { name: unique('role-') } })
  const perm = await call(app, 'POST', '/api/v1/permissions/', { ...h, body: { codename: unique('perm_'), name: 'x' } })
  const dev = await call(app, 'POST', '/api/v1/developers/', { ...h, body: { name: unique('dev-') } })
  const key = await call(app, 'POST', `/api/v1/developers/${dev.body.id}/keys/`, { ...h, body: { name: 'k' } })
  const client = await call(app, 'POST', `/api/v1/developers/${dev.body.id}/oauth-clients/`, { ...h, body: { name: 'app', type: 'confidential', redirect_uris: ['https://shop.example.com/callback'] } })
  const assignment = await call(app, 'POST', '/api/v1/user-roles/', { ...h, body: { user: member.user.id, role: role.body.id } })
  const pat = await call(app, 'POST', '/api/v1/auth/tokens/', { token: member.access, body: { name: 'pat' } })
  for (const r of [role, perm, dev, key, client, assignment, pat]) expect(r.status, JSON.stringify(r.body)).toBe(201)
  const [session] = await app.ctx.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, member.user.id))
  // Products and orders straight into their tables: this test is about ids, not those modules' rules.
  const productId = newId()
  await app.ctx.db.insert(products).values({ id: productId, organizationId: org.id, sku: unique('sku-'), name: 'Shoe', price: '10.00', currency: 'EUR', stock: 5 })
  const orderId = newId()
  await app.ctx.db.insert(orders).values({ id: orderId, organizationId: org.id, userId: member.user.id, status: 'pending', total: '10.00', currency: 'EUR' })
  await app.ctx.db.insert(orderItems).values({ id: newId(), organizationId: org.id, orderId, productId, name: 'Shoe', unitPrice: '10.00', quantity: 1 })
  return {
    organizations: org.id,
    users: member.user.id,
    roles: role.body.id,
    groups: role.body.id, // seed 001's /api/auth/groups/ are roles
    permissions: perm.body.id,
    developers: dev.body.id,
    keys: key.body.id,
    'oauth-clients': client.body.id,
    'user-roles': assignment.body.id,
    tokens: pat.body.id,
    sessions: session.id,
    products: productId,
    orders: orderId,
  }
}

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; allOf?: JsonSchema[]; examples?: unknown[]; example?: unknown; default?: unknown; const?: unknown; enum?: unknown[]; format?: string; minLength?: number; minimum?: number; minItems?: number }

/** A body the route's own schema accepts (examples first), so validation cannot answer before the lookup does. */
function sample(s: JsonSchema | undefined): unknown {
  if (!s) return undefined
  if (s.examples?.length) return s.examples[0]
  if (s.example !== undefined) return s.example
  if (s.default !== undefined) return s.default
  if (s.const !== undefined) return s.const
  if (s.enum?.length) return s.enum[0]
  const branches = s.anyOf ?? s.oneOf
  if (branches) return sample(branches.find((b) => b.type !== 'null') ?? branches[0])
  if (s.allOf) return Object.assign({}, ...s.allOf.map((b) => sample(b) as object))
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type
  switch (type) {
    case 'object': return Object.fromEntries((s.required ?? []).map((k) => [k, sample(s.properties?.[k])]))
    case 'array': return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items))
    case 'integer': case 'number': return Math.max(1, s.minimum ?? 1)
    case 'boolean': return false
    case 'null': return null
    default:
      if (s.format === 'uuid') return randomUUID()
      if (s.format === 'email') return 'bola@example.com'
      if (s.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString()
      return 'x'.repeat(Math.max(1, s.minLength ?? 1))
  }
}

const idRoutes = declaredRoutes(app).filter((r) => r.url.startsWith('/api/') && /\/:\w+/.test(r.url))

/** `/api/v1/developers/:id/keys/:key_id/` → the collection each parameter names: {id: developers, key_id: keys}. */
function paramResources(url: string): Record<string, string> {
  const segments = url.split('/').filter(Boolean)
  return Object.fromEntries(segments.flatMap((seg, i) => (seg.startsWith(':') ? [[seg.slice(1), segments[i - 1]]] : [])))
}

const fill = (url: string, f: Fixtures) => url.replace(/:(\w+)/g, (_, name: string) => {
  const id = f[paramResources(url)[name]]
  if (!id) throw new Error(`test/bola.test.ts has no fixture for "${paramResources(url)[name]}" (route ${url}); add one to fixtures()`)
  return id
})

const bodyFor = (method: string, url: string) => {
  const op = spec.paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()]
  return sample(op?.requestBody?.content?.['application/json']?.schema)
}

describe('BOLA: every route with an object id answers 404 for another organization\'s objects', async () => {
  const setup = await createOrg(app)
  const root = await superuserOf(app, setup)
  const orgA = await createOrg(app)
  const orgB = await createOrg(app)
  const adminA = await adminOf(app, orgA)
  // Org A's objects are the admin's own (tokens and sessions are owner-scoped); org B's belong to a member there.
  const mine = await fixtures(orgA, root.token, adminA)
  const theirs = await fixtures(orgB, root.token, await registerUser(app, orgB))

  it('covers the id routes of every module', () => {
    const urls = new Set(idRoutes.map((r) => r.url))
    for (const u of ['/api/v1/users/:id/', '/api/v1/roles/:id/', '/api/v1/permissions/:id/', '/api/v1/developers/:id/keys/:key_id/', '/api/v1/user-roles/:id/', '/api/v1/organizations/:id/']) {
      expect(urls.has(u), u).toBe(true)
    }
  })

  it.each(idRoutes.map((r) => [r.method, r.url, r.access] as const))('%s %s', async (method, url, access) => {
    const body = bodyFor(method, url)
    const res = await call(app, method as 'GET', fill(url, theirs), { token: adminA.token, ...(body !== undefined && { body }) })
    if (access === 'superuser') {
      // Declared closed to every non-superuser whatever the object: the admin is refused before any lookup, so nothing leaks.
      expect(res.status, `${method} ${url} → ${res.status}`).toBe(403)
      return
    }
    expect(res.status, `${method} ${url} with org B ids → ${res.status} ${JSON.stringify(res.body)}`).toBe(404)
    expect(res.body).toEqual({ detail: 'Not found.', code: 'not_found' })
    // The same read with org A's own ids works: the 404 above is about the organization, not a bad fixture.
    if (method === 'GET') expect((await call(app, 'GET', fill(url, mine), { token: adminA.token })).status, `GET ${url} own object`).toBe(200)
  })

  it('the X-Organization header does not let a non-superuser out of their organization', async () => {
    const res = await call(app, 'GET', `/api/v1/users/${theirs.users}/`, { token: adminA.token, org: orgB.slug })
    expect(res.status).toBe(404)
    const list = await call(app, 'GET', '/api/v1/users/', { token: adminA.token, org: orgB.id })
    expect(list.body.results.every((u: { organization: string }) => u.organization === orgA.id)).toBe(true)
  })
})
