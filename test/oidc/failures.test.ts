import { and, eq, sql } from 'drizzle-orm'
import * as oidc from 'openid-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { oauthArtifacts } from '../../src/db/schema'
import { apiStatus, authorizationRequest, isActive, CookieJar, follow, oauthOutcome, organizationWithClient, REDIRECT_URI, redeem, registerClient, relyingParty, signInAtClient, signInWithProvider, startOidcServer, type OidcServer } from '../support/oidc-helpers'

let server: OidcServer
beforeAll(async () => { server = await startOidcServer() })
afterAll(() => server.app.close())

/** A user's sign-in for the client up to its redirect URI: the callback, and openid-client's checks to redeem its code. */
async function pendingCode(org: { slug: string }, user: { user: { username: string } }, rp: oidc.Configuration) {
  const { back, request } = await signInAtClient(server, rp, org, user, { offline: true })
  return { callback: new URL(back), checks: { pkceCodeVerifier: request.verifier, expectedState: request.state, expectedNonce: request.nonce } }
}

/** The provider's first answer to an authorization request, in a fresh browser. */
async function authorizationResponse(url: URL) {
  const response = await new CookieJar().fetch(url.href)
  return { status: response.status, location: response.headers.get('location') }
}

describe('redirect URIs are matched exactly', () => {
  for (const redirect of ['https://evil.example/callback', `${REDIRECT_URI}/`, `${REDIRECT_URI}?next=1`, 'https://shop.example/callbac', REDIRECT_URI.toUpperCase()]) {
    it(`refuses ${redirect} without redirecting anywhere`, async () => {
      const { rp } = await organizationWithClient(server)
      const { url } = await authorizationRequest(rp, { redirect_uri: redirect })
      const response = await authorizationResponse(url)
      expect(response.status).toBe(400)
      expect(response.location).toBeNull()
    })
  }

  it('a code issued for one redirect URI cannot be exchanged with another one', async () => {
    const { org, user, rp } = await organizationWithClient(server, { redirectUris: [REDIRECT_URI, 'https://shop.example/other'] })
    const { callback, checks } = await pendingCode(org, user, rp)
    const elsewhere = new URL(`https://shop.example/other${callback.search}`) // openid-client sends the redirect_uri it was called back at
    expect(await oauthOutcome(oidc.authorizationCodeGrant(rp, elsewhere, checks))).toBe('invalid_grant')
    expect((await oidc.authorizationCodeGrant(rp, callback, checks)).access_token).toBeTruthy()
  })
})

describe('PKCE', () => {
  it('an exchange without the code_verifier is invalid_grant', async () => {
    const { org, user, rp } = await organizationWithClient(server)
    const { callback, checks } = await pendingCode(org, user, rp)
    expect(await oauthOutcome(oidc.authorizationCodeGrant(rp, callback, { ...checks, pkceCodeVerifier: undefined }))).toBe('invalid_grant')
  })

  it('an exchange with another code_verifier is invalid_grant', async () => {
    const { org, user, rp } = await organizationWithClient(server)
    const { callback, checks } = await pendingCode(org, user, rp)
    expect(await oauthOutcome(oidc.authorizationCodeGrant(rp, callback, { ...checks, pkceCodeVerifier: oidc.randomPKCECodeVerifier() }))).toBe('invalid_grant')
  })

  for (const kind of ['public', 'confidential'] as const) {
    it(`a ${kind} client's request without code_challenge comes back with an error, never a code`, async () => {
      const { rp } = await organizationWithClient(server, { kind })
      const { url } = await authorizationRequest(rp)
      url.searchParams.delete('code_challenge')
      url.searchParams.delete('code_challenge_method')
      const landed = new URL(await follow(new CookieJar(), server, url.href))
      expect(`${landed.origin}${landed.pathname}`).toBe(REDIRECT_URI)
      expect(landed.searchParams.get('error')).toBe('invalid_request')
      expect(landed.searchParams.get('code')).toBeNull()
    })
  }

  it('a plain (not S256) code_challenge_method is refused', async () => {
    const { rp } = await organizationWithClient(server)
    const { url } = await authorizationRequest(rp, { code_challenge: oidc.randomPKCECodeVerifier(), code_challenge_method: 'plain' })
    const landed = new URL(await follow(new CookieJar(), server, url.href))
    expect(landed.searchParams.get('error')).toBe('invalid_request')
    expect(landed.searchParams.get('code')).toBeNull()
  })
})

describe('authorization codes', () => {
  it('a code exchanged twice: the second exchange fails and the first exchange\'s tokens are revoked', async () => {
    const { org, user, rp } = await organizationWithClient(server)
    const { tokens, back, request } = await signInWithProvider(server, rp, org, user, { offline: true })
    expect(await apiStatus(server, tokens.access_token)).toBe(200)
    expect(await oauthOutcome(redeem(rp, back, request))).toBe('invalid_grant')
    expect(await isActive(rp, tokens.access_token)).toBe(false)
    expect(await isActive(rp, tokens.refresh_token!)).toBe(false)
    expect(await apiStatus(server, tokens.access_token)).toBe(401)
  })

  /** Ages the organization's pending authorization code: its row's expiry, its payload's `exp`, or both. */
  async function ageCode(organizationId: string, what: { row?: boolean; payload?: boolean }) {
    const past = Math.floor(Date.now() / 1000) - 1
    const updated = await server.app.ctx.db.update(oauthArtifacts).set({
      ...(what.row && { expiresAt: new Date(past * 1000) }),
      ...(what.payload && { payload: sql`jsonb_set(${oauthArtifacts.payload}, '{exp}', to_jsonb(${past}::int))` }),
    }).where(and(eq(oauthArtifacts.kind, 'AuthorizationCode'), eq(oauthArtifacts.organizationId, organizationId))).returning({ kind: oauthArtifacts.kind })
    expect(updated).toHaveLength(1)
  }

  for (const what of [{ row: true }, { payload: true }, { row: true, payload: true }]) {
    it(`an expired code (${Object.keys(what).join(' and ')} aged) is invalid_grant`, async () => {
      const { org, user, rp } = await organizationWithClient(server)
      const { callback, checks } = await pendingCode(org, user, rp)
      await ageCode(org.id, what)
      expect(await oauthOutcome(oidc.authorizationCodeGrant(rp, callback, checks))).toBe('invalid_grant')
    })
  }
})

describe('client authentication', () => {
  it('a wrong client secret is invalid_client, and the code is still there for the right one', async () => {
    const { org, user, rp, client } = await organizationWithClient(server)
    const { callback, checks } = await pendingCode(org, user, rp)
    const wrong = await relyingParty(server, org.slug, { clientId: client.clientId, secret: `${client.secret}x` })
    expect(await oauthOutcome(oidc.authorizationCodeGrant(wrong, callback, checks))).toBe('invalid_client')
    const tokens = await oidc.authorizationCodeGrant(rp, callback, checks)
    expect(await isActive(rp, tokens.access_token)).toBe(true)
  })

  // oidc-provider takes a secret in the body or in HTTP Basic for either registered method (one secret, two encodings): only the secret is checked.
  it('a client_secret_post client authenticates with its secret in the body; a wrong one there is invalid_client', async () => {
    const { org, user, client } = await organizationWithClient(server, { authMethod: 'client_secret_post' })
    const post = await relyingParty(server, org.slug, client, oidc.ClientSecretPost(client.secret))
    const wrong = await relyingParty(server, org.slug, client, oidc.ClientSecretPost(`${client.secret}x`))
    const { tokens } = await signInWithProvider(server, post, org, user, { offline: true })
    expect(await isActive(post, tokens.access_token)).toBe(true)
    expect(await oauthOutcome(oidc.refreshTokenGrant(wrong, tokens.refresh_token!))).toBe('invalid_client')
    expect(await oauthOutcome(oidc.tokenIntrospection(wrong, tokens.access_token))).toBe('invalid_client')
    expect((await oidc.refreshTokenGrant(post, tokens.refresh_token!)).access_token).toBeTruthy()
  })
})

describe('clients and organizations are kept apart', () => {
  async function twoOrganizations() {
    const a = await organizationWithClient(server)
    const b = await organizationWithClient(server)
    const { tokens } = await signInWithProvider(server, a.rp, a.org, a.user, { offline: true })
    const aAtB = await relyingParty(server, b.org.slug, a.client)
    return { a, b, tokens, aAtB }
  }

  it('a client of organization A is unknown at B: authorization refused without a redirect', async () => {
    const { aAtB } = await twoOrganizations()
    const { url } = await authorizationRequest(aAtB)
    const response = await authorizationResponse(url)
    expect(response.status).toBe(400)
    expect(response.location).toBeNull()
  })

  it('a client of A at B\'s token, introspection and revocation endpoints, with its secret: invalid_client', async () => {
    const { a, tokens, aAtB } = await twoOrganizations()
    expect(await oauthOutcome(oidc.refreshTokenGrant(aAtB, tokens.refresh_token!))).toBe('invalid_client')
    expect(await oauthOutcome(oidc.tokenIntrospection(aAtB, tokens.access_token))).toBe('invalid_client')
    expect(await oauthOutcome(oidc.tokenRevocation(aAtB, tokens.access_token))).toBe('invalid_client')
    expect(await isActive(a.rp, tokens.access_token)).toBe(true)
  })

  it('B\'s own client sees A\'s tokens as inactive and cannot revoke them', async () => {
    const { a, b, tokens } = await twoOrganizations()
    expect(await oidc.tokenIntrospection(b.rp, tokens.access_token)).toEqual({ active: false })
    expect(await oidc.tokenIntrospection(b.rp, tokens.refresh_token!)).toEqual({ active: false })
    await oidc.tokenRevocation(b.rp, tokens.access_token)
    await oidc.tokenRevocation(b.rp, tokens.refresh_token!)
    expect(await isActive(a.rp, tokens.access_token)).toBe(true)
    expect(await isActive(a.rp, tokens.refresh_token!)).toBe(true)
    expect(await apiStatus(server, tokens.access_token)).toBe(200)
  })

  it('another client of the same organization cannot revoke a client\'s tokens, nor refresh them', async () => {
    const { org, user, rp } = await organizationWithClient(server)
    const { tokens } = await signInWithProvider(server, rp, org, user, { offline: true })
    const other = await relyingParty(server, org.slug, await registerClient(server.app, org.id))
    expect(await oauthOutcome(oidc.tokenRevocation(other, tokens.refresh_token!))).toBe('invalid_request')
    expect(await oauthOutcome(oidc.refreshTokenGrant(other, tokens.refresh_token!))).toBe('invalid_grant')
    expect(await isActive(rp, tokens.refresh_token!)).toBe(true)
    expect(await apiStatus(server, tokens.access_token)).toBe(200)
  })

  it('A\'s refresh token is invalid_grant for B\'s own client', async () => {
    const { b, tokens } = await twoOrganizations()
    expect(await oauthOutcome(oidc.refreshTokenGrant(b.rp, tokens.refresh_token!))).toBe('invalid_grant')
  })
})
