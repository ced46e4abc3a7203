import { describe, expect, it } from 'vitest'
import { createOrg, makeApp, PASSWORD, registerUser } from '../../../test/support/helpers'
import { userWith } from '../../../test/support/rbac-helpers'
import { createVerifier, hasPermission, VerificationError, type Verifier, type VerifierOptions } from '../src/index'
import { CountingProxy } from './counting-proxy'
import { hmacWithPublicKey, signedByOwnKey, withAlgNone, withClaims, withFlippedSignature } from './forge'
import { ACCESS_LIFETIME_SECONDS, login, logout, setupAppConfig, startServer } from './server'

const server = await startServer()
const app = await makeApp(setupAppConfig)
const org = await createOrg(app)
const other = await createOrg(app)
const clerk = await userWith(app, org, ['view_orders'])
const stranger = await registerUser(app, other)
const clerkLogin = { username: clerk.user.username, password: PASSWORD }

const verifierFor = (options: Partial<VerifierOptions> = {}) => createVerifier({ issuer: server.url, organization: org.id, ...options })
const verifier = verifierFor()

/** The VerificationError a verification ends with (fails the test if it succeeds). */
async function refusal(v: Verifier, token: string, online = false): Promise<VerificationError> {
  const err = await v.verify(token, { online }).then(() => undefined, (e: unknown) => e)
  if (!(err instanceof VerificationError)) throw new Error(`expected a VerificationError, got ${err === undefined ? 'success' : String(err)}`)
  return err
}

describe('offline verification against a running server', () => {
  it("accepts the organization's token and returns its claims", async () => {
    const { access } = await login(server, org, clerkLogin)
    const token = await verifier.verify(access)
    expect(token).toMatchObject({ userId: clerk.user.id, organizationId: org.id, permissions: ['view_orders'] })
    expect(token.sessionId).toEqual(expect.any(String))
    expect(token.expiresAt.getTime() - token.issuedAt.getTime()).toBe(ACCESS_LIFETIME_SECONDS * 1000)
    expect(hasPermission(token, 'view_orders')).toBe(true)
    expect(hasPermission(token, 'manage_orders')).toBe(false)
  })

  it("rejects another organization's token, however valid", async () => {
    const { access } = await login(server, other, { username: stranger.user.username, password: PASSWORD })
    expect(await refusal(verifier, access)).toMatchObject({ kind: 'invalid_token', reason: 'organization', status: 401 })
    // ... and the same token is fine for a backend of that organization.
    expect((await verifierFor({ organization: other.id }).verify(access)).organizationId).toBe(other.id)
  })

  it('rejects tampered and forged tokens', async () => {
    const { access } = await login(server, org, clerkLogin)
    const jwks = await (await fetch(`${server.url}/.well-known/jwks.json`)).json() as { keys: Array<{ kid: string }> }
    const kid = JSON.parse(Buffer.from(access.split('.')[0], 'base64url').toString()).kid as string
    const publicJwk = jwks.keys.find((k) => k.kid === kid)!
    const cases: Array<[string, string, string]> = [
      ['claims changed', withClaims(access, { perms: ['view_orders', 'manage_orders'] }), 'signature'],
      ['expiry pushed back', withClaims(access, { exp: Math.floor(Date.now() / 1000) + 86_400 }), 'signature'],
      ['signature changed', withFlippedSignature(access), 'signature'],
      ['signed by another key under our kid', await signedByOwnKey(access, kid), 'signature'],
      ['signed by an unknown key', await signedByOwnKey(access, 'not-a-published-kid'), 'unknown_key'],
      ['HS256 with the public key as secret', hmacWithPublicKey(access, publicJwk), 'algorithm'],
      ['alg none', withAlgNone(access), 'algorithm'],
      ['not a JWT', 'garbage', 'malformed'],
      ['a personal access token', 'cc_pat_0123456789abcdefghijABCDEFGHIJ', 'malformed'],
      ['two parts', access.split('.').slice(0, 2).join('.'), 'malformed'],
    ]
    for (const [name, token, reason] of cases) {
      expect(await refusal(verifier, token), name).toMatchObject({ kind: 'invalid_token', reason, status: 401 })
    }
    expect((await verifier.verify(access)).userId).toBe(clerk.user.id) // the original still passes
  })

  it('checks the issuer, and accepts only the configured algorithms', async () => {
    const { access } = await login(server, org, clerkLogin)
    const elsewhere = verifierFor({ issuer: 'https://auth.other.example', serverUrl: server.url })
    expect(await refusal(elsewhere, access)).toMatchObject({ reason: 'issuer', status: 401 })
    // The test server signs with ES256 (the default JWT_ALGORITHM).
    expect(await refusal(verifierFor({ algorithms: ['EdDSA'] }), access)).toMatchObject({ reason: 'algorithm' })
    expect(await verifierFor({ issuer: `${server.url}/`, algorithms: ['ES256'] }).verify(access)).toBeTruthy()
    // Nothing the server does not sign with can be allowed, even by mistake.
    expect(() => verifierFor({ algorithms: ['HS256' as 'ES256'] })).toThrow(/algorithms/)
    expect(() => verifierFor({ algorithms: [] })).toThrow(/algorithms/)
    expect(() => verifierFor({ organization: '' })).toThrow(/organization/)
  })

  it('fetches the key set once and verifies from the cache; unknown kids refetch at most once per cooldown', async () => {
    const proxy = await CountingProxy.start(server.url)
    const cached = verifierFor({ serverUrl: proxy.url, jwksCooldownMs: 60_000 })
    const { access } = await login(server, org, clerkLogin)
    for (let i = 0; i < 10; i++) await cached.verify(access)
    expect(proxy.jwksFetches).toBe(1)
    const forged = await signedByOwnKey(access, 'not-a-published-kid')
    for (let i = 0; i < 5; i++) expect(await refusal(cached, forged)).toMatchObject({ reason: 'unknown_key' })
    expect(proxy.jwksFetches).toBe(1) // fetched moments ago: within the cooldown, an unknown kid is just refused

    const eager = verifierFor({ serverUrl: proxy.url, jwksCooldownMs: 0 })
    await eager.verify(access)
    for (let i = 0; i < 3; i++) await refusal(eager, forged)
    expect(proxy.jwksFetches).toBe(1 + 1 + 3) // no cooldown: every unknown kid refetches
  })

  it('answers "unavailable" (503), never "valid", when the server cannot be reached', async () => {
    const proxy = await CountingProxy.start(server.url)
    const { access } = await login(server, org, clerkLogin)
    const warm = verifierFor({ serverUrl: proxy.url, timeoutMs: 2000 })
    await warm.verify(access)
    proxy.down = true
    expect((await warm.verify(access)).userId).toBe(clerk.user.id) // offline: cached keys keep working
    expect(await refusal(warm, access, true)).toMatchObject({ kind: 'unavailable', reason: 'server_unreachable', status: 503 })
    const cold = verifierFor({ serverUrl: proxy.url, timeoutMs: 2000 })
    expect(await refusal(cold, access)).toMatchObject({ kind: 'unavailable', reason: 'keys_unreachable', status: 503 })
  })
})

describe('revocation: offline sees it only at expiry, online at once', () => {
  it('keeps accepting a signed-out session offline until the token expires; online mode refuses it at once', async () => {
    const proxy = await CountingProxy.start(server.url)
    const v = verifierFor({ serverUrl: proxy.url })
    const session = await login(server, org, clerkLogin)
    expect((await v.verify(session.access, { online: true })).userId).toBe(clerk.user.id)
    expect(proxy.onlineChecks).toBe(1)
    await logout(server, session)

    const claims = await v.verify(session.access)
    expect(claims.userId).toBe(clerk.user.id) // revoked, yet valid offline: the documented trade-off
    expect(await refusal(v, session.access, true)).toMatchObject({ kind: 'invalid_token', reason: 'revoked', status: 401 })
    expect(proxy.onlineChecks).toBe(2)
    // A token that fails offline is refused without asking the server.
    expect(await refusal(v, withFlippedSignature(session.access), true)).toMatchObject({ reason: 'signature' })
    expect(proxy.onlineChecks).toBe(2)

    // One second past `exp`: inside the default 5 s clock tolerance, outside a zero one.
    await sleepUntil(claims.expiresAt.getTime() + 1000)
    expect((await v.verify(session.access)).userId).toBe(clerk.user.id)
    expect(await refusal(verifierFor({ clockToleranceSeconds: 0 }), session.access)).toMatchObject({ reason: 'expired' })
    await sleepUntil(claims.expiresAt.getTime() + 5500)
    expect(await refusal(v, session.access)).toMatchObject({ kind: 'invalid_token', reason: 'expired', status: 401 })
  }, 60_000)
})

const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())))
