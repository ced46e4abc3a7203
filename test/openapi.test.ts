import { readFileSync } from 'node:fs'
import { Validator } from '@seriousme/openapi-schema-validator'
import { describe, expect, it } from 'vitest'
import { User } from '../src/modules/users/users.schemas'
import { call, createOrg, makeApp, registerUser } from './support/helpers'
import { dereferencedDocument } from './support/openapi-helpers'

const app = await makeApp()
await app.ready()
const doc = (await call(app, 'GET', '/openapi.json')).body
type Op = { operationId: string; summary?: string; security?: unknown[]; parameters?: { $ref?: string; name?: string }[]; responses: Record<string, { $ref?: string; description?: string; headers?: Record<string, unknown> }> }
const operations = Object.entries(doc.paths as Record<string, Record<string, Op>>).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })))
const opAt = (method: string, path: string) => doc.paths[path][method] as Op
const packageVersion = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version

describe('the OpenAPI document', () => {
  it('passes the OpenAPI 3.1 schema validator', async () => {
    const validator = new Validator({ allErrors: true })
    const result = await validator.validate(structuredClone(doc))
    expect(result.errors).toBeUndefined()
    expect(result.valid).toBe(true)
    expect(validator.version).toBe('3.1')
    expect(() => validator.resolveRefs()).not.toThrow()
    // and it does reject a broken document
    const broken = structuredClone(doc)
    delete broken.paths['/api/v1/auth/me/'].get.responses['200'].description
    expect((await new Validator().validate(broken)).valid).toBe(false)
  })

  it('documents every registered route but its own (and HEAD)', () => {
    const own = (url: string) => url === '/openapi.json' || url === '/docs' || url.startsWith('/docs/')
    const routes = app.routeTable.filter((r) => r.method !== 'HEAD' && !own(r.url))
    expect(routes.length).toBeGreaterThan(130)
    const documented = new Set(operations.map(({ method, path }) => `${method.toUpperCase()} ${path}`))
    for (const r of routes) expect(documented.has(`${r.method} ${r.url.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{*}')}`), `${r.method} ${r.url}`).toBe(true)
    expect(operations.length).toBe(routes.length)
    for (const path of ['/healthz', '/readyz']) expect(opAt('get', path).security).toEqual([])
    expect(opAt('get', '/metrics').security).toEqual([{}, { metricsToken: [] }])
  })

  it('gives every operation a unique operationId, a summary and its security', () => {
    const ids = operations.map(({ op }) => op.operationId)
    expect(ids.every((id) => /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
    for (const { method, path, op } of operations) {
      expect(op.summary, `${method} ${path}`).toBeTruthy()
      expect(op.security, `${method} ${path}`).toBeDefined()
    }
    expect(opAt('post', '/api/v1/auth/login/').operationId).toBe('postAuthLogin')
    expect(opAt('post', '/api/v1/auth/login/').security).toEqual([])
    expect(opAt('get', '/api/v1/auth/me/').security).toEqual([{ bearer: [] }, { token: [] }])
    expect((opAt('post', '/api/v1/users/') as { description?: string }).description).toContain('`manage_users` permission')
  })

  it('describes every response, with the DRF error responses a route can give', () => {
    const all = operations.flatMap(({ op }) => Object.values(op.responses))
    expect(all.filter((r) => !r.$ref && (!r.description || r.description === 'Default Response'))).toEqual([])
    const codes = (method: string, path: string) => Object.keys(opAt(method, path).responses)
    expect(codes('post', '/api/v1/auth/login/')).toEqual(expect.arrayContaining(['200', '400', '413', '415', '429', '503']))
    expect(codes('get', '/api/v1/users/{id}/')).toEqual(expect.arrayContaining(['200', '401', '403', '404', '503']))
    expect(codes('get', '/api/v1/users/')).not.toContain('413')
    expect(opAt('get', '/api/v1/auth/me/').responses['401']).toEqual({ $ref: '#/components/responses/Unauthorized' })
    expect(doc.components.responses.Unauthorized.headers['WWW-Authenticate']).toBeDefined()
    expect(doc.components.responses.TooManyRequests.headers['Retry-After']).toBeDefined()
    expect(doc.components.responses.ServiceUnavailable.headers['Retry-After']).toBeDefined()
    expect(doc.components.responses.BadRequest.content['application/json'].schema).toEqual({ anyOf: [{ $ref: '#/components/schemas/ValidationErrors' }, { $ref: '#/components/schemas/Error' }] })
  })

  it('declares X-Organization, Idempotency-Key and Idempotent-Replayed', () => {
    const org = { $ref: '#/components/parameters/XOrganization' }
    expect(opAt('post', '/api/v1/auth/register/').parameters).toContainEqual(org)
    expect(opAt('get', '/api/v1/users/').parameters).toContainEqual(org)
    expect(doc.components.parameters.XOrganization).toMatchObject({ name: 'X-Organization', in: 'header', required: false })
    const placeOrder = opAt('post', '/api/v1/orders/')
    expect(placeOrder.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' })
    expect(placeOrder.parameters?.some((p) => p.name?.toLowerCase() === 'idempotency-key')).toBe(false)
    expect(placeOrder.responses['201'].headers).toEqual({ 'Idempotent-Replayed': { $ref: '#/components/headers/IdempotentReplayed' } })
  })

  it('names reusable schemas in components.schemas, and every $ref resolves', () => {
    const schemas = doc.components.schemas
    for (const name of ['User', 'UserPage', 'AuthResult', 'TokenPair', 'Credentials', 'RegisterBody', 'Order', 'Session', 'Error', 'ValidationErrors']) expect(schemas[name], name).toBeDefined()
    expect(Object.keys(schemas).length).toBeGreaterThan(50)
    expect(Object.keys(schemas.User.properties)).toEqual(Object.keys(User.properties))
    expect(opAt('get', '/api/v1/auth/me/').responses['200']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/User' } } } })
    expect(JSON.stringify(doc)).not.toMatch(/x-schema-name|x-response-description/)
    // a copy of a named schema (Type.Optional(User)) refers to it as well
    expect(JSON.stringify(opAt('post', '/api/v1/auth/mfa/totp/confirm/').responses['200'])).toContain('#/components/schemas/User')
    expect(() => dereferencedDocument(app)).not.toThrow()
  })

  it('takes info.version from package.json', () => {
    expect(doc.info.version).toBe(packageVersion)
  })
})

describe('naming schemas leaves validation and serialization alone', () => {
  it('GET /auth/me/ still answers every field of User, and the schema objects carry no marks', async () => {
    const org = await createOrg(app)
    const u = await registerUser(app, org)
    const me = await call(app, 'GET', '/api/v1/auth/me/', { token: u.access })
    expect(me.status).toBe(200)
    expect(Object.keys(me.body).sort()).toEqual(Object.keys(User.properties).sort())
    expect(JSON.stringify(User)).not.toContain('x-schema-name')
  })
})

describe('one canonical URL', () => {
  it('/docs/json and /docs/yaml redirect (301) to /openapi.json, and the UI loads /openapi.json', async () => {
    for (const url of ['/docs/json', '/docs/yaml']) {
      const old = await app.inject({ method: 'GET', url })
      expect(old.statusCode, url).toBe(301)
      expect(old.headers.location).toBe('/openapi.json')
    }
    const init = await app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' })
    expect(init.statusCode).toBe(200)
    expect(init.body).toContain('"url":"../openapi.json"')
  })
})
