import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { organizations } from '../../db/schema'
import { call, makeApp, PASSWORD, registerUser, unique } from '../../../test/support/helpers'
import { orgWithAdmin } from '../../../test/support/rbac-helpers'
import { ProfileSchemas, profileSchemas } from './profile'

const app = await makeApp()

const register = (org: { slug: string }, profile: unknown) => {
  const username = unique('p')
  return call(app, 'POST', '/api/v1/auth/register/', { org: org.slug, body: { username, email: `${username}@example.com`, password: PASSWORD, profile } })
}
const setSchema = (org: { id: string }, token: string, profile_schema: unknown) =>
  call(app, 'PATCH', `/api/v1/organizations/${org.id}/`, { token, body: { profile_schema } })

/** Longest gap between timer ticks while `work` runs: a blocked event loop shows as a long gap. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stall: number; elapsed: number }> {
  let last = performance.now()
  let stall = 0
  const tick = setInterval(() => { const now = performance.now(); stall = Math.max(stall, now - last); last = now }, 5)
  const started = performance.now()
  try {
    const result = await work()
    return { result, stall: Math.max(stall, performance.now() - last), elapsed: performance.now() - started }
  } finally {
    clearInterval(tick)
  }
}

describe('profile_schema patterns (ReDoS)', () => {
  it('runs the catastrophic ^(a+)+$ in linear time: a 30-character register answers in milliseconds', async () => {
    const { org, admin } = await orgWithAdmin(app)
    const schema = { type: 'object', properties: { code: { type: 'string', pattern: '^(a+)+$' } } }
    expect((await setSchema(org, admin.token, schema)).status).toBe(200)
    expect((await register(org, { code: 'aaaa' })).status).toBe(201)
    // With a backtracking RegExp this one value took 12 s and every tenant's request waited.
    const { result, stall, elapsed } = await longestStall(() => register(org, { code: `${'a'.repeat(30)}!` }))
    expect(result.status).toBe(400)
    expect(result.body.profile).toEqual(['/code must match pattern "^(a+)+$"'])
    expect(elapsed).toBeLessThan(500)
    expect(stall).toBeLessThan(400)
  })

  it('rejects at save what RE2 cannot run in linear time: lookaround, backreferences', async () => {
    const { org, admin } = await orgWithAdmin(app)
    for (const pattern of ['^(?=a)a$', '(a)\\1', '(?<!x)y']) {
      const res = await setSchema(org, admin.token, { properties: { code: { type: 'string', pattern } } })
      expect(res.status, pattern).toBe(400)
      expect(res.body.profile_schema[0]).toMatch(/is not supported \(RE2 syntax/)
    }
    const keys = await setSchema(org, admin.token, { patternProperties: { '^(?!x)': {} } })
    expect(keys.body.profile_schema[0]).toMatch(/RE2 syntax/)
    // ECMA-262 spellings RE2 lacks are translated, not rejected.
    expect((await setSchema(org, admin.token, { properties: { n: { type: 'string', pattern: '^\\u00e9(?<word>\\w+)$' } } })).status).toBe(200)
    expect((await register(org, { n: 'éabc' })).status).toBe(201)
    expect((await register(org, { n: 'eabc' })).status).toBe(400)
  })
})

describe('profile_schema limits', () => {
  const cases: [string, unknown, RegExp][] = [
    ['format regex', { properties: { r: { type: 'string', format: 'regex' } } }, /format "regex" is not supported/],
    ['unknown format', { properties: { r: { type: 'string', format: 'shoe-size' } } }, /format "shoe-size" is not supported/],
    ['too large', { type: 'object', description: 'x'.repeat(17_000) }, /larger than 16384 bytes/],
    // Refused by the request body's own depth bound first; the schema rule guards stored schemas.
    ['too deep', JSON.parse(`${'{"not":'.repeat(40)}{}${'}'.repeat(40)}`), /32 levels/],
    ['too many patterns', { patternProperties: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`^k${i}`, {}])) }, /more than 16 patterns/],
    ['remote $ref', { properties: { a: { $ref: 'http://127.0.0.1:9/schema.json' } } }, /\$ref must point into the same schema/],
    ['recursive $ref', { type: 'object', properties: { child: { allOf: [{ $ref: '#' }, { $ref: '#' }] } } }, /\$ref must not be recursive/],
    ['$ref fan-out', fanOut(20), /expand to more than 10000 objects/],
    ['nested $id', { properties: { a: { $id: 'https://example.com/a', type: 'string' } } }, /\$id is only allowed at the top/],
    ['$async', { $async: true, type: 'object' }, /\$async is not supported/],
    ['quadratic uniqueItems', { properties: { tags: { type: 'array', uniqueItems: true } } }, /uniqueItems needs "maxItems"/],
    ['invalid schema', { type: 'wat' }, /^Invalid JSON Schema/],
  ]
  it.each(cases)('rejects %s with a 400 on profile_schema', async (_name, schema, message) => {
    const { org, admin } = await orgWithAdmin(app)
    const res = await setSchema(org, admin.token, schema)
    expect(res.status).toBe(400)
    expect(Object.keys(res.body)).toEqual(['profile_schema'])
    expect(res.body.profile_schema[0]).toMatch(message)
  })

  it('accepts the bounded forms: uniqueItems on scalars or with maxItems, local acyclic $ref', async () => {
    const { org, admin } = await orgWithAdmin(app)
    const schema = {
      $id: 'https://example.com/profile', definitions: { size: { type: 'integer', minimum: 15 } },
      properties: { shoe: { $ref: '#/definitions/size' }, tags: { type: 'array', uniqueItems: true, items: { type: 'string' } }, pairs: { type: 'array', uniqueItems: true, maxItems: 10 } },
    }
    expect((await setSchema(org, admin.token, schema)).status).toBe(200)
    expect((await register(org, { shoe: 42, tags: ['a', 'b'], pairs: [[1], [2]] })).status).toBe(201)
    expect((await register(org, { shoe: 3 })).body.profile).toEqual(['/shoe must be >= 15'])
  })

  it('caps a profile at 16 KiB, with or without a schema', async () => {
    const { org } = await orgWithAdmin(app)
    const res = await register(org, { bio: 'x'.repeat(16_400) })
    expect(res.status).toBe(400)
    expect(res.body.profile).toEqual(['Ensure the profile is no larger than 16384 bytes as JSON.'])
    // Nesting too deep to serialize (a stack overflow, formerly a 500 at the database write):
    // the request body's depth bound refuses it before the size is measured.
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`
    const payload = `{"username":"${unique('d')}","email":"${unique('d')}@example.com","password":"${PASSWORD}","profile":${deep}}`
    const raw = await app.inject({ method: 'POST', url: '/api/v1/auth/register/', headers: { 'content-type': 'application/json', 'x-organization': org.slug }, payload })
    expect(raw.statusCode).toBe(400)
    expect(raw.json().profile).toEqual(['Nesting deeper than 32 levels is not allowed.'])
  })

  it('a stored schema that breaks the rules (saved before them) is a 400 on profile, not a 500', async () => {
    const { org } = await orgWithAdmin(app)
    await app.ctx.db.update(organizations).set({ profileSchema: { properties: { a: { type: 'string', pattern: '^(?=x)' } } } }).where(eq(organizations.id, org.id))
    const res = await register(org, { a: 'x' })
    expect(res.status).toBe(400)
    expect(res.body.profile[0]).toMatch(/^The organization's profile schema cannot be used/)
  })
})

describe('profile_schema compilation', () => {
  it('a $id stays in its organization: registration and PATCH me work, and another organization reuses the $id with its own schema', async () => {
    const $id = 'https://example.com/schemas/profile.json'
    const a = await orgWithAdmin(app)
    const b = await orgWithAdmin(app)
    expect((await setSchema(a.org, a.admin.token, { $id, type: 'object', properties: { shoe: { type: 'integer' } } })).status).toBe(200)
    expect((await setSchema(b.org, b.admin.token, { $id, type: 'object', properties: { shoe: { type: 'string' } } })).status).toBe(200)

    const inA = await registerUser(app, a.org, { profile: { shoe: 42 } })
    await registerUser(app, a.org, { profile: { shoe: 43 } })
    expect((await register(a.org, { shoe: 'big' })).body.profile).toEqual(['/shoe must be integer'])
    const me = await call(app, 'PATCH', '/api/v1/auth/me/', { token: inA.access, body: { profile: { shoe: 44 } } })
    expect(me.status).toBe(200)
    expect(me.body.profile).toEqual({ shoe: 44 })

    expect((await register(b.org, { shoe: 'big' })).status).toBe(201)
    expect((await register(b.org, { shoe: 42 })).body.profile).toEqual(['/shoe must be string'])
  })

  it('keeps a bounded number of compiled schemas, keyed by content (key order does not matter)', () => {
    const cache = new ProfileSchemas(50)
    for (let i = 0; i < 200; i++) expect(cache.get({ type: 'object', properties: { [`f${i}`]: { type: 'integer' } } }).validate).toBeTypeOf('function')
    expect(cache.size).toBe(50)
    const first = cache.get({ type: 'object', required: ['x'] })
    expect(cache.get({ required: ['x'], type: 'object' })).toBe(first)
    expect(profileSchemas.size).toBeLessThanOrEqual(256)
  })

  it('has the request validator\'s format fixes: no urn:uuid: ids, no leap seconds', () => {
    const { validate } = new ProfileSchemas().get({ type: 'object', properties: { id: { type: 'string', format: 'uuid' }, at: { type: 'string', format: 'date-time' } } })
    const id = '01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e'
    expect(validate?.({ id, at: '2016-12-31T23:59:59Z' })).toBe(true)
    expect(validate?.({ id: `urn:uuid:${id}` })).toBe(false)
    expect(validate?.({ at: '2016-12-31T23:59:60Z' })).toBe(false)
  })
})

/** definitions d0…d(n-1), each referring twice to the next: 2^n paths from d0. */
function fanOut(n: number) {
  const definitions: Record<string, unknown> = { [`d${n}`]: { type: 'string' } }
  for (let i = 0; i < n; i++) definitions[`d${i}`] = { allOf: [{ $ref: `#/definitions/d${i + 1}` }, { $ref: `#/definitions/d${i + 1}` }] }
  return { definitions, properties: { a: { $ref: '#/definitions/d0' } } }
}
