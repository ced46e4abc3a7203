import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app'
import { testDatabaseUrl } from './support/env'
import { testConfig } from './support/helpers'

/**
 * Two PostgreSQL-mode instances, one database: the second without the first one's
 * secret key must refuse at start, never generate its own and die on the first
 * decryption. A throwaway database, so the shared test database's keys stay readable.
 */
const name = `cc_secret_${Date.now().toString(36)}_${process.pid}`
const raceName = `${name}_race`
const urlOf = (db: string) => Object.assign(new URL(testDatabaseUrl), { pathname: `/${db}` }).toString()
const url = urlOf(name)
const admin = () => new pg.Client({ connectionString: Object.assign(new URL(testDatabaseUrl), { pathname: '/postgres' }).toString() })
const KEY_A = 'first-instance-secret-key-0123456789abcdef'
const KEY_B = 'second-instance-secret-key-0123456789abcdef'
const freshDir = () => mkdtempSync(path.join(tmpdir(), 'cc-secret-'))
const start = (secretKey: string | undefined, dataDir = freshDir(), databaseUrl = url) => buildApp(testConfig({ databaseUrl, secretKey, dataDir }), { logger: false })
const cli = (args: string[], extra: Record<string, string>) => {
  const r = spawnSync(process.execPath, ['bin/commercecore.js', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATABASE_URL: url, LOG_LEVEL: 'silent', PORT: '0', ...extra }, encoding: 'utf8', timeout: 90_000,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

beforeAll(async () => {
  const c = admin()
  await c.connect()
  await c.query(`CREATE DATABASE "${name}"`)
  await c.query(`CREATE DATABASE "${raceName}"`)
  await c.end()
  const first = await start(KEY_A) // migrates and creates the first signing key, encrypted with KEY_A
  await first.close()
})
afterAll(async () => {
  const c = admin()
  await c.connect()
  await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  await c.query(`DROP DATABASE IF EXISTS "${raceName}" WITH (FORCE)`)
  await c.end()
})

describe('the secret key against the stored signing keys', () => {
  it('refuses a second instance without COMMERCECORE_SECRET_KEY, and writes no secret.key', async () => {
    const dataDir = freshDir()
    await expect(start(undefined, dataDir)).rejects.toThrow(/no secret key is set .* does not match the one that encrypted the signing keys stored in the database: set COMMERCECORE_SECRET_KEY/)
    expect(existsSync(path.join(dataDir, 'secret.key'))).toBe(false)
  })

  it('refuses a different COMMERCECORE_SECRET_KEY, and accepts the right one', async () => {
    await expect(start(KEY_B)).rejects.toThrow('the secret key from COMMERCECORE_SECRET_KEY does not match the one that encrypted the signing keys stored in the database')
    const app = await start(KEY_A)
    await app.close()
  })

  it('serve exits 1 at start with that one line', () => {
    const served = cli(['serve'], { DATA_DIR: freshDir() })
    expect(served.code).toBe(1)
    expect(served.stderr.trim().split('\n')).toHaveLength(1)
    expect(served.stderr).toContain('does not match the one that encrypted the signing keys')
    expect(served.stderr).not.toContain('Unsupported state')
  }, 120_000)

  it('keys rotate checks the key too; --lost-secret-key starts over with the new one', async () => {
    const dataDir = freshDir()
    const refused = cli(['keys', 'rotate'], { DATA_DIR: dataDir })
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('does not match the one that encrypted the signing keys')
    expect(existsSync(path.join(dataDir, 'secret.key'))).toBe(false)
    // A database restored without its key: rotate with a new one (generated here), retiring the unreadable keys.
    const rotated = cli(['keys', 'rotate', '--lost-secret-key'], { DATA_DIR: dataDir })
    expect(rotated.stderr).toBe('')
    expect(rotated.code).toBe(0)
    const generated = readFileSync(path.join(dataDir, 'secret.key'), 'utf8').trim()
    const app = await start(generated)
    await app.close()
    await expect(start(KEY_A)).rejects.toThrow('does not match')
  }, 120_000)

  it('two instances with different keys starting together on an empty database: one starts, the other refuses', async () => {
    const results = await Promise.allSettled([start(KEY_A, freshDir(), urlOf(raceName)), start(KEY_B, freshDir(), urlOf(raceName))])
    const started = results.filter((r) => r.status === 'fulfilled')
    expect(started).toHaveLength(1)
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(refused.reason.message).toContain('does not match the one that encrypted the signing keys')
    const app = (started[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof start>>>).value
    expect(app.ctx.keys.jwks().keys).toHaveLength(1) // one first key between them
    await app.close()
  }, 120_000)
})
