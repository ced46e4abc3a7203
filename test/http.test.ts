import { describe, expect, it } from 'vitest'
import { call, createOrg, makeApp, promoteToSuperuser, registerUser } from './support/helpers'

const app = await makeApp({ bodyLimit: 4096 })
const org = await createOrg(app)
const login = '/api/v1/auth/login/'

describe('HTTP conventions (SPEC §2)', () => {
  it('answers malformed JSON with 400 parse_error', async () => {
    const res = await app.inject({ method: 'POST', url: login, headers: { 'content-type': 'application/json' }, payload: '{"username": ' })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'parse_error' })
  })

  it('answers a non-JSON body with 415', async () => {
    const res = await app.inject({ method: 'POST', url: login, headers: { 'content-type': 'text/plain' }, payload: 'username=a' })
    expect(res.statusCode).toBe(415)
    expect(res.json()).toEqual({ detail: 'Unsupported media type "text/plain" in request.', code: 'unsupported_media_type' })
    const form = await app.inject({ method: 'POST', url: login, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=b' })
    expect(form.statusCode).toBe(415)
  })

  it('answers an oversize body with 413', async () => {
    const res = await call(app, 'POST', login, { body: { username: 'x'.repeat(10_000), password: 'y' } })
    expect(res.status).toBe(413)
    expect(res.body.code).toBe('request_too_large')
  })

  it('rejects unknown fields, wrong types, blanks and missing fields with DRF field errors', async () => {
    const res = await call(app, 'POST', '/api/v1/auth/register/', { org: org.slug, body: { username: 42, email: 'not-an-email', password: '', is_superuser: true } })
    expect(res.status).toBe(400)
    expect(res.body).toEqual({
      username: ['Not a valid string.'],
      email: ['Enter a valid email address.'],
      password: ['This field may not be blank.'],
      is_superuser: ['Unknown field.'],
    })
    const missing = await call(app, 'POST', '/api/v1/auth/token/refresh/', { body: {} })
    expect(missing.body).toEqual({ refresh: ['This field is required.'] })
    const nul = await call(app, 'POST', '/api/v1/auth/token/refresh/', { body: { refresh: null } })
    expect(nul.body).toEqual({ refresh: ['This field may not be null.'] })
    const list = await call(app, 'POST', '/api/v1/auth/token/refresh/', { body: [1, 2] })
    expect(list.status).toBe(400)
    expect(list.body.non_field_errors).toBeDefined()
  })

  it('does not coerce types in bodies', async () => {
    const res = await call(app, 'POST', login, { org: org.slug, body: { username: 'someone', password: 12345678901234 } })
    expect(res.status).toBe(400)
    expect(res.body).toEqual({ password: ['Not a valid string.'] })
  })

  it('treats a malformed id in the path as not found', async () => {
    const { access } = await registerUser(app, org)
    const res = await call(app, 'DELETE', '/api/v1/auth/tokens/not-a-uuid/', { token: access })
    expect(res.status).toBe(404)
    expect(res.body).toEqual({ detail: 'Not found.', code: 'not_found' })
  })

  it('answers a forged cursor whose id is not a UUID with 400, on every list', async () => {
    const { access } = await registerUser(app, org)
    const cursor = Buffer.from(JSON.stringify({ v: 'x', id: 'a'.repeat(36) })).toString('base64url')
    for (const url of ['/api/v1/auth/tokens/', '/api/v1/auth/sessions/', '/api/v1/products/', '/api/v1/orders/', '/api/v1/organizations/?ordering=created_at']) {
      const res = await call(app, 'GET', `${url}${url.includes('?') ? '&' : '?'}cursor=${cursor}`, { token: access })
      expect(res.status, url).toBe(400)
      expect(res.body, url).toEqual({ cursor: ['Invalid cursor'] })
    }
  })

  it('answers a leap-second timestamp (valid RFC 3339, not a JavaScript Date) with 400, in bodies and query strings', async () => {
    const { access, user } = await registerUser(app, org)
    await promoteToSuperuser(app, user.id)
    const key = await call(app, 'POST', '/api/v1/auth/tokens/', { token: access, body: { name: 'k', expires_at: '2099-12-31T23:59:60Z' } })
    expect(key.status).toBe(400)
    expect(Object.keys(key.body)).toEqual(['expires_at'])
    const audit = await call(app, 'GET', '/api/v1/audit-events/?created_after=2016-12-31T23:59:60Z', { token: access })
    expect(audit.status).toBe(400)
    expect(Object.keys(audit.body)).toEqual(['created_after'])
  })

  it('does not take urn:uuid: ids (valid for ajv, not for PostgreSQL) in paths, query strings or bodies', async () => {
    const { access, user } = await registerUser(app, org)
    await promoteToSuperuser(app, user.id)
    const urn = `urn:uuid:${user.id}`
    expect((await call(app, 'GET', `/api/v1/users/${urn}/`, { token: access })).status).toBe(404)
    const query = await call(app, 'GET', `/api/v1/users/?role=${urn}`, { token: access })
    expect(query.status).toBe(400)
    expect(query.body).toEqual({ role: ['Must be a valid UUID.'] })
    const body = await call(app, 'POST', '/api/v1/user-roles/', { token: access, body: { user: urn, role: urn } })
    expect(body.status).toBe(400)
    expect(body.body).toEqual({ user: ['Must be a valid UUID.'], role: ['Must be a valid UUID.'] })
  })

  it('answers unknown routes with 404 and wrong methods with 405 + Allow', async () => {
    expect((await call(app, 'GET', '/api/v1/nope/')).body).toEqual({ detail: 'Not found.', code: 'not_found' })
    const res = await call(app, 'GET', login)
    expect(res.status).toBe(405)
    expect(res.body).toEqual({ detail: 'Method "GET" not allowed.', code: 'method_not_allowed' })
    expect(res.headers.allow).toBe('POST')
  })

  it('serves the same URL with and without the trailing slash', async () => {
    const { access } = await registerUser(app, org)
    expect((await call(app, 'GET', '/api/v1/auth/me', { token: access })).status).toBe(200)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: access })).status).toBe(200)
  })

  it('never leaks internals on a 500', async () => {
    const res = await call(app, 'POST', '/api/v1/auth/token/verify/', { body: { token: 'x'.repeat(4000) } })
    expect(res.status).toBe(401)
  })

  it('returns 404 for an unknown X-Organization on public endpoints', async () => {
    const res = await call(app, 'POST', login, { org: 'no-such-org', body: { username: 'a', password: 'b' } })
    expect(res.status).toBe(404)
  })

  it('resolves X-Organization case-insensitively, so an uppercase slug cannot cache the organization as missing', async () => {
    const shop = await createOrg(app)
    expect((await call(app, 'GET', '/api/v1/products/', { org: shop.slug.toUpperCase() })).status).toBe(200)
    expect((await call(app, 'GET', '/api/v1/products/', { org: shop.slug })).status).toBe(200)
  })

  it('confines a non-superuser to their own organization whatever X-Organization says', async () => {
    const other = await createOrg(app)
    const { access } = await registerUser(app, org)
    const res = await call(app, 'GET', '/api/v1/auth/me/', { token: access, org: other.slug })
    expect(res.status).toBe(200)
    expect(res.body.organization).toBe(org.id)
  })
})

describe('operational endpoints', () => {
  it('echoes the request id (given or generated) so a request can be found in the logs', async () => {
    expect((await call(app, 'GET', '/healthz', { headers: { 'x-request-id': 'trace-123' } })).headers['x-request-id']).toBe('trace-123')
    expect((await call(app, 'GET', '/api/v1/nope/')).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('replaces a request id that is too long or has odd characters with a fresh one', async () => {
    for (const given of ['x'.repeat(65), 'a b', 'id"}{', '']) {
      const echoed = (await call(app, 'GET', '/healthz', { headers: { 'x-request-id': given } })).headers['x-request-id']
      expect(echoed, given).toMatch(/^[0-9a-f-]{36}$/)
    }
    expect((await call(app, 'GET', '/healthz', { headers: { 'x-request-id': 'x'.repeat(64) } })).headers['x-request-id']).toBe('x'.repeat(64))
  })

  it('/healthz, /readyz, /metrics', async () => {
    expect((await call(app, 'GET', '/healthz')).body).toEqual({ status: 'ok' })
    expect((await call(app, 'GET', '/readyz')).body).toEqual({ status: 'ok', database: 'ok' })
    const metrics = await app.inject({ method: 'GET', url: '/metrics' })
    expect(metrics.statusCode).toBe(200)
    expect(metrics.body).toContain('http_request_duration_seconds')
    expect(metrics.body).toContain('process_cpu_user_seconds_total')
  })

  it('/openapi.json documents every API route, and /docs serves the UI', async () => {
    const spec = (await call(app, 'GET', '/openapi.json')).body
    expect(spec.openapi).toBe('3.1.0')
    const documented = new Set(Object.entries(spec.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)))
    const apiRoutes = app.routeTable.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD')
    expect(apiRoutes.length).toBeGreaterThan(10)
    for (const r of apiRoutes) {
      const path = r.url.replace(/:(\w+)/g, '{$1}')
      expect(documented.has(`${r.method} ${path}`), `${r.method} ${path}`).toBe(true)
      const op = spec.paths[path][r.method.toLowerCase()]
      expect(op.summary, `${r.method} ${path} summary`).toBeTruthy()
      expect(Object.keys(op.responses ?? {}).some((c) => c.startsWith('2')), `${r.method} ${path} documents its success response`).toBe(true)
    }
    const ui = await app.inject({ method: 'GET', url: '/docs/' })
    expect(ui.statusCode).toBe(200)
    expect(ui.body.toLowerCase()).toContain('swagger')
  })

  it('publishes the signing keys and discovery document', async () => {
    const jwks = (await call(app, 'GET', '/.well-known/jwks.json')).body
    expect(jwks.keys.length).toBeGreaterThan(0)
    for (const k of jwks.keys) {
      expect(k).toMatchObject({ use: 'sig' })
      expect(k.kid).toBeDefined()
      expect(k).not.toHaveProperty('d') // never a private part
    }
    const oidc = (await call(app, 'GET', '/.well-known/openid-configuration')).body
    expect(oidc.jwks_uri).toBe(`${app.ctx.config.publicUrl}/.well-known/jwks.json`)
    expect(oidc.issuer).toBe(app.ctx.config.publicUrl)
  })
})
