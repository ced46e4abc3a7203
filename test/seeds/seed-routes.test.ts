import { describe, expect, it } from 'vitest'
import { SEED_TAGS } from '../../src/modules/seeds/tags'
import { call, makeApp } from '../support/helpers'

/** The seed routes as a whole: their OpenAPI tags, and the SEED_ROUTES switch. */
const app = await makeApp()
const off = await makeApp({ seedRoutes: false })

const SEED_PATHS: [string, string][] = [
  ['POST', '/api/create/'], ['POST', '/api/token/'], ['GET', '/api/me/'],
  ['POST', '/api/auth/users/register/'], ['POST', '/api/auth/login/'], ['POST', '/api/auth/token/refresh/'], ['GET', '/api/auth/groups/'],
  ['POST', '/api/auth/register/'], ['GET', '/api/users/'], ['GET', '/api/roles/'], ['GET', '/api/permissions/'], ['GET', '/api/user-roles/'],
  ['POST', '/register/'], ['GET', '/userinfo/'], ['POST', '/products/add/'], ['POST', '/orders/new/'], ['GET', '/products/'],
]

describe('seed routes', () => {
  it('are in the OpenAPI document under one tag per seed, each naming the canonical route it runs', async () => {
    const spec = (await call(app, 'GET', '/openapi.json')).body as { paths: Record<string, Record<string, { tags: string[]; summary: string }>> }
    const seedOps = Object.entries(spec.paths).flatMap(([p, ops]) => Object.entries(ops).map(([m, op]) => ({ p, m, ...op })))
      .filter((op) => op.tags?.some((t) => t.startsWith('seed ')))
    for (const seed of Object.values(SEED_TAGS)) expect(seedOps.some((op) => op.tags.includes(seed.name)), seed.name).toBe(true)
    for (const [method, path] of SEED_PATHS) {
      const op = spec.paths[path]?.[method.toLowerCase()]
      expect(op?.tags?.[0], `${method} ${path}`).toMatch(/^seed 00[1-4]: /)
    }
    for (const op of seedOps.filter((o) => o.p !== '/api/auth/token/refresh/')) expect(op.summary, `${op.m} ${op.p}`).toMatch(/(runs|—) (GET|POST|PUT|PATCH|DELETE) \/api\/v1\//)
  })

  it('SEED_ROUTES=false serves only /api/v1/: every seed path is 404, the canonical ones still work', async () => {
    for (const [method, path] of SEED_PATHS) {
      expect((await call(off, method as 'GET', path, method === 'POST' ? { body: {} } : {})).status, `${method} ${path}`).toBe(404)
      expect((await call(app, method as 'GET', path, method === 'POST' ? { body: {} } : {})).status, `${method} ${path} (on)`).not.toBe(404)
    }
    expect((await call(off, 'GET', '/api/v1/products/')).status).toBe(200)
  })
})
