import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose'
import { and, isNull } from 'drizzle-orm'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { testDatabaseUrl, testRedisUrl } from '../../../test/support/env'
import { createOrg, PASSWORD, registerUser, testConfig } from '../../../test/support/helpers'
import { buildApp } from '../../app'
import { openCommandContext } from '../../cli/run'
import type { Config } from '../../config'
import { signingKeys } from '../../db/schema'
import { activationDelayMs, CLOCK_SKEW_SECONDS } from './key-schedule'
import { rotateSigningKeys } from './signing-keys.service'

/**
 * `keys rotate` with two instances on one PostgreSQL database, over real HTTP. The key
 * clock of both instances is moved forward instead of waiting (the rotation reads the
 * same clock); each instance rereads its keys on its own timer, every second here. A
 * throwaway database: a compromise rotation withdraws every other key, which would break
 * the tokens of test files running beside this one on the shared database.
 */
const name = `cc_rotation_${Date.now().toString(36)}_${process.pid}`
const url = Object.assign(new URL(testDatabaseUrl), { pathname: `/${name}` }).toString()
const admin = () => new pg.Client({ connectionString: Object.assign(new URL(testDatabaseUrl), { pathname: '/postgres' }).toString() })

let offset = 0
const keyClock = () => Date.now() + offset
const RELOAD_SECONDS = 1
const LIFETIME_SECONDS = 300
const config = (overrides: Partial<Config> = {}) => testConfig({ databaseUrl: url, signingKeyReloadSeconds: RELOAD_SECONDS, accessTokenLifetime: LIFETIME_SECONDS, ...overrides })

interface Instance { app: FastifyInstance; url: string }
const running: FastifyInstance[] = []
async function start(cfg: Config, migrate = false): Promise<Instance> {
  const app = await buildApp(cfg, { migrate, logger: false, keyClock })
  running.push(app)
  return { app, url: await app.listen({ port: 0, host: '127.0.0.1' }) }
}

{ // before the suites below start their instances
  const c = admin()
  await c.connect()
  await c.query(`CREATE DATABASE "${name}"`)
  await c.end()
}
afterAll(async () => {
  await Promise.all(running.map((a) => a.close()))
  const c = admin()
  await c.connect()
  await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  await c.end()
})

const kidOf = (token: string): string => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).kid
const jwks = async (i: Instance): Promise<JSONWebKeySet> => (await fetch(`${i.url}/.well-known/jwks.json`)).json() as Promise<JSONWebKeySet>
const kids = async (i: Instance) => (await jwks(i)).keys.map((k) => k.kid)
const me = async (i: Instance, token: string) => (await fetch(`${i.url}/api/v1/auth/me/`, { headers: { authorization: `Bearer ${token}` } })).status
async function login(i: Instance, org: { slug: string }, username: string): Promise<string> {
  const res = await fetch(`${i.url}/api/v1/auth/login/`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-organization': org.slug }, body: JSON.stringify({ username, password: PASSWORD }) })
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`)
  return ((await res.json()) as { access: string }).access
}
/** What a resource server does: the signature checked against a key set it fetched. */
const verifiesWith = (set: JSONWebKeySet, token: string) => jwtVerify(token, createLocalJWKSet(set)).then(() => true, () => false)
/** Waits (up to 5 s) for an instance's own reload timer to pick a change up. */
async function until(check: () => Promise<boolean>) {
  for (const deadline = Date.now() + 5000; Date.now() < deadline;) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('timed out')
}

describe('keys rotate across two instances, without Redis', async () => {
  const a = await start(config(), true)
  const b = await start(config())
  const org = await createOrg(a.app)
  const { user, access: before } = await registerUser(a.app, org)
  const oldKid = kidOf(before)
  let retiredAt = 0 // when the old key stopped signing
  /** Moves the key clock to `ms` after the old key's retirement. */
  const sinceRetirement = (ms: number) => { offset = retiredAt + ms - Date.now() }

  it('publishes the new key on every instance before any signs with it', async () => {
    const delay = activationDelayMs(RELOAD_SECONDS)
    // As the CLI does it: another process, nothing notified.
    const { kid: newKid, activatesAt } = await rotateSigningKeys(a.app.ctx.db, a.app.ctx.secrets, { algorithm: 'ES256', activateInMs: delay, revokeOthers: false, now: keyClock() })
    expect(activatesAt.getTime() - keyClock()).toBeGreaterThan(delay - 1000)
    retiredAt = activatesAt.getTime()
    for (const i of [a, b]) expect(kidOf(await login(i, org, user.username))).toBe(oldKid) // not reloaded yet: the old key
    await until(async () => (await kids(a)).includes(newKid) && (await kids(b)).includes(newKid))
    const publishedByB = await jwks(b)
    for (const i of [a, b]) expect(kidOf(await login(i, org, user.username))).toBe(oldKid) // reloaded, still before activation

    sinceRetirement(0) // the activation time comes: both switch, with no further reload
    const after = await Promise.all([a, b].map((i) => login(i, org, user.username)))
    for (const token of after) {
      expect(kidOf(token)).toBe(newKid)
      expect(await verifiesWith(publishedByB, token)).toBe(true) // the set fetched before the switch has the key
    }
    for (const i of [a, b]) {
      expect(await me(i, before)).toBe(200)
      expect(await verifiesWith(await jwks(i), before)).toBe(true) // the retired key is still published
    }
  })

  it('keeps the retired key published until its last token has expired, then drops it', async () => {
    const retention = (LIFETIME_SECONDS + CLOCK_SKEW_SECONDS) * 1000
    sinceRetirement(retention - 20_000)
    await new Promise((r) => setTimeout(r, RELOAD_SECONDS * 1000 + 300)) // a reload on each
    for (const i of [a, b]) expect(await kids(i)).toContain(oldKid)
    sinceRetirement(retention + 1000)
    await until(async () => !(await kids(a)).includes(oldKid) && !(await kids(b)).includes(oldKid))
  })

  it('keys rotate --now (compromise) signs with the new key at once and withdraws the old one', async () => {
    const current = await login(b, org, user.username)
    // Verified (and cached) by both first: the compromise rotation must drop those cached verdicts.
    for (const i of [a, b]) expect(await me(i, current)).toBe(200)
    const cfg = config()
    const cli = spawnSync(process.execPath, ['bin/commercecore.js', 'keys', 'rotate', '--now'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATABASE_URL: url, COMMERCECORE_SECRET_KEY: cfg.secretKey, DATA_DIR: cfg.dataDir, LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 90_000,
    })
    expect(cli.stderr).toBe('')
    expect(cli.stdout).toContain('signs now; every other key is withdrawn')
    const kid = /signing key (\S+)/.exec(cli.stdout)?.[1]
    await until(async () => {
      const [ka, kb] = await Promise.all([kids(a), kids(b)])
      return ka.length === 1 && ka[0] === kid && kb.length === 1 && kb[0] === kid
    })
    for (const i of [a, b]) {
      expect(kidOf(await login(i, org, user.username))).toBe(kid)
      expect(await me(i, current)).toBe(401)
      expect(await verifiesWith(await jwks(i), current)).toBe(false)
    }
  })

  it('two rotations at once leave one key to sign after them, not two', async () => {
    const rotate = () => rotateSigningKeys(a.app.ctx.db, a.app.ctx.secrets, { algorithm: 'ES256', activateInMs: 0, revokeOthers: false, now: keyClock() })
    const made = await Promise.all([rotate(), rotate()])
    const stillSigning = await a.app.ctx.db.select({ kid: signingKeys.id }).from(signingKeys).where(and(isNull(signingKeys.retiredAt), isNull(signingKeys.revokedAt)))
    expect(stillSigning).toHaveLength(1)
    expect(made.map((m) => m.kid)).toContain(stillSigning[0].kid)
  })
})

describe('with Redis', async () => {
  const cfg = config({ redisUrl: testRedisUrl, redisPrefix: `cc-test:${randomBytes(6).toString('hex')}:`, signingKeyReloadSeconds: 3600 })
  const a = await start(cfg)
  const b = await start(cfg)
  for (const i of [a, b]) if (i.app.ctx.redisSubscriber?.status !== 'ready') await new Promise((r) => i.app.ctx.redisSubscriber?.once('ready', r))
  await new Promise((r) => setTimeout(r, 200)) // subscribed

  it('the CLI notifies every instance, which publishes the new key at once (no hour-long reload wait)', async () => {
    const { kid } = await rotateSigningKeys(a.app.ctx.db, a.app.ctx.secrets, { algorithm: 'ES256', activateInMs: activationDelayMs(3600), revokeOthers: false, now: keyClock() })
    expect(await kids(b)).not.toContain(kid)
    const cli = await openCommandContext(cfg, 'none')
    await cli.changed({ keys: true })
    await cli.close()
    await until(async () => (await kids(a)).includes(kid) && (await kids(b)).includes(kid))
  })
})
