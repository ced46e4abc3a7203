import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditEvents } from '../src/db/schema'
import { newId } from '../src/lib/ids'
import { depthMessage, MAX_JSON_DEPTH, surrogateMessage } from '../src/lib/json-input'
import { insertAuditEvents, systemActor } from '../src/modules/audit/audit.repository'
import { call, createOrg, makeApp, PASSWORD, registerUser, unique } from './support/helpers'
import { dereferencedDocument } from './support/openapi-helpers'
import { superuserOf } from './support/rbac-helpers'

/** Bad input that used to reach a 500 (a prototype key, a lone surrogate, deep nesting) is a 400. */
const app = await makeApp()
await app.ready()

/** A raw JSON body, so escapes such as `\ud800` reach the server as written. */
const raw = (json: string, extra: { token?: string; org?: string } = {}) => ({ ...extra, headers: { 'content-type': 'application/json' }, body: json })
const nested = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels)

describe('?ordering= is looked up by own key only', async () => {
  const org = await createOrg(app)
  const root = await superuserOf(app, org)
  const dev = await call(app, 'POST', '/api/v1/developers/', { token: root.token, body: { name: unique('dev-') } })
  const spec = dereferencedDocument(app) as { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }> }>> }
  // Every paginated GET, from the OpenAPI document: a new list endpoint is covered the day it lands.
  const lists = Object.entries(spec.paths)
    .filter(([, ops]) => ops.get?.responses?.['200']?.content?.['application/json']?.schema?.properties?.results)
    .map(([path]) => path.replace('{id}', dev.body.id))

  it('finds the 12 list endpoints', () => expect(lists.length).toBeGreaterThanOrEqual(12))

  const names = ['__proto__', '-__proto__', 'constructor', '-constructor', 'toString', 'hasOwnProperty', 'valueOf']
  it.each(names)('?ordering=%s → 400 on every list endpoint', async (ordering) => {
    for (const url of lists) {
      const res = await call(app, 'GET', `${url}?ordering=${encodeURIComponent(ordering)}&limit=1`, { token: root.token })
      expect(res.status, `${url} ${JSON.stringify(res.body)}`).toBe(400)
      expect(res.body.ordering[0]).toMatch(/^Ordering must be one of: /)
    }
  })

  it('a real ordering still works', async () => {
    expect((await call(app, 'GET', '/api/v1/roles/?ordering=-name', { token: root.token })).status).toBe(200)
  })
})

describe('unpaired UTF-16 surrogates are a field error, never a 500', async () => {
  const org = await createOrg(app)
  const root = await superuserOf(app, org)
  const user = await registerUser(app, org)
  const dev = await call(app, 'POST', '/api/v1/developers/', { token: root.token, body: { name: unique('dev-') } })
  const cases: [string, string, string, string, { token?: string; org?: string }][] = [
    ['login username', '/api/v1/auth/login/', `{"username": "a\\ud800", "password": "x"}`, 'username', { org: org.slug }],
    ['login, low surrogate alone', '/api/v1/auth/login/', `{"username": "\\udc00b", "password": "x"}`, 'username', { org: org.slug }],
    ['login password', '/api/v1/auth/login/', `{"username": "ada", "password": "\\ud800"}`, 'password', { org: org.slug }],
    ['DRF /auth/token/', '/api/v1/auth/token/', `{"username": "\\ud800", "password": "x"}`, 'username', { org: org.slug }],
    ['register profile', '/api/v1/auth/register/', `{"username": "${unique('u')}", "email": "${unique('u')}@example.com", "password": "${PASSWORD}", "profile": {"nick": ["ok", "\\ud83d"]}}`, 'profile.nick.1', { org: org.slug }],
    ['a profile key', '/api/v1/auth/register/', `{"username": "${unique('u')}", "email": "${unique('u')}@example.com", "password": "${PASSWORD}", "profile": {"\\ud800": 1}}`, 'profile.\ufffd', { org: org.slug }],
    ['PAT name', '/api/v1/auth/tokens/', `{"name": "\\ud800"}`, 'name', { token: user.access }],
    ['developer key name', `/api/v1/developers/${dev.body.id}/keys/`, `{"name": "k\\udfff"}`, 'name', { token: root.token }],
  ]
  it.each(cases)('%s', async (_, url, body, field, who) => {
    const res = await call(app, 'POST', url, raw(body, who))
    expect(res.status, JSON.stringify(res.body)).toBe(400)
    expect(res.body).toEqual({ [field]: [surrogateMessage] })
  })

  it('PATCH /auth/me/ profile and an organization profile_schema', async () => {
    const me = await call(app, 'PATCH', '/api/v1/auth/me/', raw('{"profile": {"bio": "\\ud800"}}', { token: user.access }))
    expect(me.status).toBe(400)
    expect(me.body).toEqual({ 'profile.bio': [surrogateMessage] })
    const schema = await call(app, 'PATCH', `/api/v1/organizations/${org.id}/`, raw('{"profile_schema": {"type": "object", "title": "\\udc00"}}', { token: root.token }))
    expect(schema.status).toBe(400)
    expect(schema.body).toEqual({ 'profile_schema.title': [surrogateMessage] })
  })

  it('a well-formed pair (an emoji, escaped or raw) is accepted', async () => {
    const res = await call(app, 'PATCH', '/api/v1/auth/me/', raw('{"profile": {"mood": "\\ud83d\\ude00 😀", "lit": "\\\\ud800"}}', { token: user.access }))
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.profile).toEqual({ mood: '😀 😀', lit: '\\ud800' })
  })

  it('a failed login with an ordinary wrong password is still audited', async () => {
    const res = await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: user.user.username, password: 'wrong password 1' } })
    expect(res.status).toBe(401)
    const events = await app.ctx.db.select().from(auditEvents).where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, 'login.failed')))
    expect(events.map((e) => e.metadata)).toContainEqual({ login: user.user.username })
  })

  it('an audit event whose metadata holds a lone surrogate or NUL is stored, not lost', async () => {
    const targetId = newId()
    await insertAuditEvents(app.ctx.db, systemActor, [{ organizationId: org.id, action: 'login.failed', targetType: 'user', targetId, metadata: { login: 'a\ud800b\u0000c', ['k\udc00']: ['\ud83d'] } }])
    const [event] = await app.ctx.db.select().from(auditEvents).where(eq(auditEvents.targetId, targetId))
    expect(event.metadata).toEqual({ login: 'a\ufffdbc', 'k\ufffd': ['\ufffd'] })
  })
})

describe(`JSON bodies are bounded to ${MAX_JSON_DEPTH} levels`, async () => {
  const org = await createOrg(app)
  const user = await registerUser(app, org)

  it('a profile nested 4,100 levels deep → 400 naming the limit', async () => {
    const res = await call(app, 'PATCH', '/api/v1/auth/me/', raw(`{"profile": ${nested(4100)}}`, { token: user.access }))
    expect(res.status).toBe(400)
    expect(res.body).toEqual({ profile: [depthMessage] })
    expect(depthMessage).toContain('32')
  })

  it.each([
    ['100,000 arrays in a profile', `{"profile": {"a": ${'['.repeat(100_000) + ']'.repeat(100_000)}}}`],
    ['100,000 objects in a profile', `{"profile": ${nested(100_000)}}`],
    ['100,000 arrays as the body', '['.repeat(100_000) + ']'.repeat(100_000)],
    ['100,000 unclosed arrays', '['.repeat(100_000)],
  ])('%s → 400, not a 500 or a stack overflow', async (_, body) => {
    const res = await call(app, 'PATCH', '/api/v1/auth/me/', raw(body, { token: user.access }))
    expect(res.status, JSON.stringify(res.body)).toBe(400)
  })

  it('exactly the limit is accepted; one more level is not', async () => {
    // The body object is level 1 and `profile` level 2, so the profile holds 30 more.
    const ok = await call(app, 'PATCH', '/api/v1/auth/me/', raw(`{"profile": ${nested(MAX_JSON_DEPTH - 1)}}`, { token: user.access }))
    expect(ok.status, JSON.stringify(ok.body)).toBe(200)
    const over = await call(app, 'PATCH', '/api/v1/auth/me/', raw(`{"profile": ${nested(MAX_JSON_DEPTH)}}`, { token: user.access }))
    expect(over.status).toBe(400)
    expect(over.body).toEqual({ profile: [depthMessage] })
  })

  it('prototype poisoning is still refused by the JSON parser', async () => {
    const res = await call(app, 'POST', '/api/v1/auth/login/', raw('{"username": "a", "password": "b", "__proto__": {"x": 1}}', { org: org.slug }))
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('parse_error')
  })
})
