import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { call, createOrg, makeApp, testConfig, unique } from './support/helpers'

const config = testConfig()
const env = { ...process.env, DATABASE_URL: config.databaseUrl, COMMERCECORE_SECRET_KEY: config.secretKey, PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_ITERATIONS: '1', LOG_LEVEL: 'silent' }
const cli = (args: string[], extraEnv: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, ['bin/commercecore.js', ...args], { env: { ...env, ...extraEnv }, encoding: 'utf8', timeout: 60_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const app = await makeApp()

describe('commercecore CLI', () => {
  it('prints help for the program and for each command', () => {
    const top = cli(['--help'])
    expect(top.code).toBe(0)
    for (const c of ['serve', 'migrate', 'createsuperuser', 'keys rotate']) expect(top.stdout).toContain(c)
    const sub = cli(['createsuperuser', '--help'])
    expect(sub.code).toBe(0)
    expect(sub.stdout).toContain('--username')
  })

  it('fails with one line and a non-zero status on bad input', () => {
    const unknown = cli(['frobnicate'])
    expect(unknown.code).not.toBe(0)
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1)
    const missing = cli(['createsuperuser', '--username', 'x', '--noinput'])
    expect(missing.code).toBe(1)
    expect(missing.stderr.trim().split('\n')).toHaveLength(1)
    const badFlag = cli(['migrate', '--nope'])
    expect(badFlag.code).toBe(1)
    const weak = cli(['createsuperuser', '--username', unique('su'), '--email', 'su@example.com', '--password', 'short', '--noinput'])
    expect(weak.code).toBe(1)
    expect(weak.stderr).toContain('too short')
  })

  it('creates a superuser (password from the environment) who can sign in and act in any organization', async () => {
    const org = await createOrg(app)
    const username = unique('root')
    const made = cli(['createsuperuser', '--username', username, '--email', `${username}@example.com`, '--organization', org.slug, '--noinput'], { COMMERCECORE_SUPERUSER_PASSWORD: 'superuser passphrase 42' })
    expect(made.stderr).toBe('')
    expect(made.code).toBe(0)
    const login = await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username, password: 'superuser passphrase 42' } })
    expect(login.status).toBe(200)
    expect(login.body.user.is_superuser).toBe(true)
    const again = cli(['createsuperuser', '--username', username, '--email', 'other@example.com', '--organization', org.slug, '--password', 'superuser passphrase 42'])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('already exists')
  })

  it('migrate is idempotent and keys rotate publishes a signing key that signs later', async () => {
    expect(cli(['migrate']).code).toBe(0)
    const rotated = cli(['keys', 'rotate'])
    expect(rotated.code).toBe(0)
    // Other test files rotate keys on the same database too: look for this key, not a count.
    const kid = /signing key (\S+)/.exec(rotated.stdout)?.[1]
    // SIGNING_KEY_RELOAD_SECONDS is 30 by default: published now, signing in 2 × 30 + 10 s.
    const activatesAt = Date.parse(/signs from (\S+) \(in 70 s\)/.exec(rotated.stdout)?.[1] ?? '')
    expect(activatesAt - Date.now()).toBeGreaterThan(50_000)
    await app.ctx.keys.load()
    const kids = (await call(app, 'GET', '/.well-known/jwks.json')).body.keys.map((k: { kid: string }) => k.kid)
    expect(kids).toContain(kid)
    expect(app.ctx.keys.signingKey()?.kid).not.toBe(kid)
    expect(cli(['keys', 'spin']).code).toBe(1)
    expect(cli(['keys', 'rotate', '--help']).stdout).toContain('--now')
  })
})
