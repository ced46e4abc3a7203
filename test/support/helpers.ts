import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { afterAll } from 'vitest'
import { buildApp } from '../../src/app'
import { loadConfig, type Config } from '../../src/config'
import { insertOrganizationWithDefaults } from '../../src/modules/organizations/organizations.repository'
import { testDatabaseUrl } from './env'
import { tags } from '../../src/lib/cache-tags'

const dataDir = mkdtempSync(path.join(tmpdir(), 'cc-test-'))

/** Test configuration: the real test database, cheap (but real) argon2id, no per-IP throttle. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig({
    DATABASE_URL: testDatabaseUrl,
    DATA_DIR: dataDir,
    COMMERCECORE_SECRET_KEY: 'test-secret-key-that-is-long-enough-0123456789',
    PASSWORD_HASH_MEMORY_KIB: '1024',
    PASSWORD_HASH_ITERATIONS: '1',
    THROTTLE_AUTH_PER_IP: 'off',
    THROTTLE_AUTH_PER_ACCOUNT: 'off',
    LOG_LEVEL: 'silent',
  }, overrides)
}

/** One app per test file (closed after the file), on the shared, already-migrated test database. */
export async function makeApp(overrides: Partial<Config> = {}): Promise<FastifyInstance> {
  const app = await buildApp(testConfig(overrides), { migrate: false, logger: false })
  afterAll(() => app.close())
  return app
}

let counter = 0
export const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${process.pid.toString(36)}${(counter++).toString(36)}`

/** A fresh organization (with built-in permissions and default roles) for one test. */
export async function createOrg(app: FastifyInstance, input: { allowRegistration?: boolean } = {}) {
  const slug = unique('org-')
  const org = await app.ctx.db.transaction((tx) => insertOrganizationWithDefaults(tx, { name: slug, slug, ...input }))
  return { id: org.id, slug: org.slug }
}

export interface Call { status: number; body: any; headers: Record<string, unknown> }

/** `app.inject` with JSON in and out. */
export async function call(app: FastifyInstance, method: InjectOptions['method'], url: string, opts: { body?: unknown; token?: string; org?: string; headers?: Record<string, string> } = {}): Promise<Call> {
  const headers: Record<string, string> = { ...opts.headers }
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  if (opts.org) headers['x-organization'] = opts.org
  const res = await app.inject({ method, url, headers, ...(opts.body !== undefined ? { payload: opts.body as object } : {}) })
  let body: unknown = res.body
  try { body = res.body ? JSON.parse(res.body) : null } catch { /* not JSON */ }
  return { status: res.statusCode, body, headers: res.headers }
}

export const PASSWORD = 'correct horse battery staple 7'

/** Registers a user through the API; returns tokens, the user and the password. */
export async function registerUser(app: FastifyInstance, org: { slug: string }, overrides: Record<string, unknown> = {}) {
  const username = unique('user')
  const body = { username, email: `${username}@example.com`, password: PASSWORD, ...overrides }
  const res = await call(app, 'POST', '/api/v1/auth/register/', { body, org: org.slug })
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`)
  return { ...(res.body as { access: string; refresh: string; user: { id: string; username: string; email: string } }), password: body.password as string }
}

/** Makes an existing user superuser directly in the database (as the CLI would). */
export async function promoteToSuperuser(app: FastifyInstance, userId: string) {
  const { users } = await import('../../src/db/schema')
  const { eq } = await import('drizzle-orm')
  await app.ctx.db.update(users).set({ isSuperuser: true }).where(eq(users.id, userId))
  await app.ctx.invalidate([tags.user(userId)])
}
