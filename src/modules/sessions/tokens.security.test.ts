import { execFileSync } from 'node:child_process'
import { Writable } from 'node:stream'
import { desc, isNull } from 'drizzle-orm'
import { generateKeyPair, importPKCS8, SignJWT, type JWK } from 'jose'
import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { buildApp } from '../../app'
import { signingKeys } from '../../db/schema'
import { call, createOrg, makeApp, PASSWORD, registerUser, testConfig } from '../../../test/support/helpers'
import { testDatabaseUrl } from '../../../test/support/env'

const app = await makeApp()
const org = await createOrg(app)
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')

async function currentKey() {
  const [row] = await app.ctx.db.select().from(signingKeys).where(isNull(signingKeys.retiredAt)).orderBy(desc(signingKeys.createdAt)).limit(1)
  return { kid: row.id, alg: row.algorithm, privateKey: await importPKCS8(app.ctx.secrets.decrypt(row.privateKeyEncrypted), row.algorithm), jwk: row.publicJwk as JWK }
}

async function claimsOf(access: string) {
  return JSON.parse(Buffer.from(access.split('.')[1], 'base64url').toString()) as Record<string, unknown>
}

const me = (token: string) => call(app, 'GET', '/api/v1/auth/me/', { token })

describe('access token verification', () => {
  it('accepts a token signed with the real key (control for the forgeries below)', async () => {
    const { access } = await registerUser(app, org)
    const key = await currentKey()
    const claims = await claimsOf(access)
    const token = await new SignJWT(claims).setProtectedHeader({ alg: key.alg, kid: key.kid }).sign(key.privateKey)
    expect((await me(token)).status).toBe(200)
  })

  it('rejects alg none, a foreign key, HS256 keyed with the public key, expiry, a wrong issuer and tampering', async () => {
    const { access } = await registerUser(app, org)
    const key = await currentKey()
    const claims = await claimsOf(access)
    const [h, p, s] = access.split('.')
    const now = Math.floor(Date.now() / 1000)

    const none = `${b64({ alg: 'none', typ: 'JWT', kid: key.kid })}.${p}.`
    const foreign = await generateKeyPair('ES256')
    const wrongKey = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: key.kid }).sign(foreign.privateKey)
    const hsHeader = b64({ alg: 'HS256', typ: 'JWT', kid: key.kid })
    const hsSig = createHmac('sha256', JSON.stringify(key.jwk)).update(`${hsHeader}.${p}`).digest('base64url')
    const hs256 = `${hsHeader}.${p}.${hsSig}`
    const expired = await new SignJWT({ ...claims, iat: now - 600, exp: now - 300 }).setProtectedHeader({ alg: key.alg, kid: key.kid }).sign(key.privateKey)
    const wrongIssuer = await new SignJWT({ ...claims, iss: 'https://evil.example' }).setProtectedHeader({ alg: key.alg, kid: key.kid }).sign(key.privateKey)
    const tampered = `${h}.${b64({ ...claims, perms: ['manage_users'] })}.${s}`
    const refreshAsAccess = await new SignJWT({ ...claims, token_type: 'refresh' }).setProtectedHeader({ alg: key.alg, kid: key.kid }).sign(key.privateKey)

    for (const [name, token] of Object.entries({ none, wrongKey, hs256, expired, wrongIssuer, tampered, refreshAsAccess })) {
      const res = await me(token)
      expect(res.status, name).toBe(401)
      expect(res.body, name).toEqual({ detail: 'Given token not valid for any token type', code: 'token_not_valid' })
      expect((await call(app, 'POST', '/api/v1/auth/token/verify/', { body: { token } })).status, name).toBe(401)
    }
  })

  it('rejects a valid token whose session belongs to another user', async () => {
    const a = await registerUser(app, org)
    const b = await registerUser(app, org)
    const key = await currentKey()
    const bClaims = await claimsOf(b.access)
    const mixed = await new SignJWT({ ...(await claimsOf(a.access)), sid: bClaims.sid }).setProtectedHeader({ alg: key.alg, kid: key.kid }).sign(key.privateKey)
    expect((await me(mixed)).status).toBe(401)
  })
})

describe('secrets at rest', () => {
  it('keeps no plaintext password, refresh token, access token or API key in the database', async () => {
    const { access, refresh, password } = await registerUser(app, org, { password: 'Unique-Plaintext-Canary-91' })
    const rotated = await call(app, 'POST', '/api/v1/auth/token/refresh/', { body: { refresh } })
    const pat = await call(app, 'POST', '/api/v1/auth/tokens/', { token: access, body: { name: 'canary' } })
    expect(pat.status).toBe(201)
    const dump = execFileSync('pg_dump', ['--data-only', testDatabaseUrl], { maxBuffer: 1 << 30 }).toString()
    expect(dump).toContain(pat.body.prefix) // the dump is real and holds our rows
    for (const secret of [password, refresh, rotated.body.refresh, access, rotated.body.access, pat.body.key]) {
      expect(dump.includes(secret)).toBe(false)
    }
  })

  it('writes no password, token or key to the logs', async () => {
    const lines: string[] = []
    const stream = new Writable({ write(chunk, _enc, done) { lines.push(chunk.toString()); done() } })
    const logged = await buildApp(testConfig({ logLevel: 'trace' }), { migrate: false, logStream: stream })
    try {
      const { access, refresh, password } = await registerUser(logged, org, { password: 'Log-Canary-Password-77' })
      const login = await call(logged, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: 'nobody', password } })
      expect(login.status).toBe(401)
      const rotated = await call(logged, 'POST', '/api/v1/auth/token/refresh/', { body: { refresh } })
      const pat = await call(logged, 'POST', '/api/v1/auth/tokens/', { token: rotated.body.access, body: { name: 'log-canary' } })
      await call(logged, 'GET', '/api/v1/auth/me/', { headers: { authorization: `Token ${pat.body.key}` } })
      await call(logged, 'POST', '/api/v1/auth/login/', { headers: { 'content-type': 'application/json' }, body: `{"password": "${password}"` })
      const text = lines.join('')
      expect(text).toContain('/api/v1/auth/me/') // logging did happen
      for (const secret of [password, access, refresh, rotated.body.access, rotated.body.refresh, pat.body.key]) {
        expect(text.includes(secret)).toBe(false)
      }
    } finally {
      await logged.close()
    }
  })
})

describe('personal access tokens', () => {
  it('authenticate with both schemes, are listed without the key, and die when revoked', async () => {
    const { access, user } = await registerUser(app, org)
    const created = await call(app, 'POST', '/api/v1/auth/tokens/', { token: access, body: { name: 'ci' } })
    expect(created.status).toBe(201)
    expect(created.body.key).toMatch(/^cc_pat_/)
    expect(created.body.key.startsWith(created.body.prefix)).toBe(true)
    for (const scheme of ['Token', 'Bearer']) {
      const res = await call(app, 'GET', '/api/v1/auth/me/', { headers: { authorization: `${scheme} ${created.body.key}` } })
      expect(res.status).toBe(200)
      expect(res.body.id).toBe(user.id)
    }
    const list = await call(app, 'GET', '/api/v1/auth/tokens/', { token: access })
    expect(list.body.results).toHaveLength(1)
    expect(list.body.results[0]).not.toHaveProperty('key')
    expect((await call(app, 'DELETE', `/api/v1/auth/tokens/${created.body.id}/`, { token: access })).status).toBe(204)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { headers: { authorization: `Token ${created.body.key}` } })).status).toBe(401)
  })

  it('expire at expires_at and reject a past expiry', async () => {
    const { access } = await registerUser(app, org)
    const past = await call(app, 'POST', '/api/v1/auth/tokens/', { token: access, body: { name: 'old', expires_at: '2000-01-01T00:00:00Z' } })
    expect(past.status).toBe(400)
    expect(past.body.expires_at).toBeDefined()
    const soon = await call(app, 'POST', '/api/v1/auth/tokens/', { token: access, body: { name: 'soon', expires_at: new Date(Date.now() + 1500).toISOString() } })
    const auth = { headers: { authorization: `Token ${soon.body.key}` } }
    expect((await call(app, 'GET', '/api/v1/auth/me/', auth)).status).toBe(200)
    await new Promise((r) => setTimeout(r, 1600))
    expect((await call(app, 'GET', '/api/v1/auth/me/', auth)).status).toBe(401)
  })

  it('POST /auth/token/ issues an opaque key for valid credentials only', async () => {
    const { user } = await registerUser(app, org)
    const ok = await call(app, 'POST', '/api/v1/auth/token/', { org: org.slug, body: { username: user.username, password: PASSWORD } })
    expect(ok.status).toBe(200)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { headers: { authorization: `Token ${ok.body.token}` } })).status).toBe(200)
    const bad = await call(app, 'POST', '/api/v1/auth/token/', { org: org.slug, body: { username: user.username, password: 'not the password 1' } })
    expect(bad.status).toBe(401)
  })
})
