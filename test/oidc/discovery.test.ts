import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose'
import * as oidc from 'openid-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createOrg } from '../support/helpers'
import { signInWithProvider, FLOW_SCOPE, organizationWithClient, startOidcServer, type OidcServer } from '../support/oidc-helpers'
import { superuserOf } from '../support/rbac-helpers'

let server: OidcServer
beforeAll(async () => { server = await startOidcServer() })
afterAll(() => server.app.close())

const discoveryOf = async (slug: string) => (await fetch(`${server.issuer(slug)}/.well-known/openid-configuration`)).json() as Promise<Record<string, unknown>>
const sorted = (value: unknown) => [...(value as string[])].sort()

describe('the discovery document (RFC 8414, OpenID Connect Discovery)', () => {
  it('names the issuer, and every endpoint lives under it', async () => {
    const org = await createOrg(server.app)
    const doc = await discoveryOf(org.slug)
    const issuer = server.issuer(org.slug)
    expect(doc.issuer).toBe(issuer)
    for (const name of ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'jwks_uri', 'revocation_endpoint', 'introspection_endpoint', 'end_session_endpoint']) {
      expect(doc[name], name).toEqual(expect.stringMatching(new RegExp(`^${issuer.replace(/[.]/g, '\\.')}/`)))
    }
    for (const off of ['registration_endpoint', 'pushed_authorization_request_endpoint', 'device_authorization_endpoint', 'backchannel_authentication_endpoint', 'dpop_signing_alg_values_supported']) {
      expect(doc, off).not.toHaveProperty(off)
    }
  })

  it('offers the code flow with S256 PKCE, three grants and three client authentications only', async () => {
    const doc = await discoveryOf((await createOrg(server.app)).slug)
    expect(doc.response_types_supported).toEqual(['code'])
    expect(sorted(doc.grant_types_supported)).toEqual(['authorization_code', 'client_credentials', 'refresh_token'])
    expect(doc.code_challenge_methods_supported).toEqual(['S256'])
    expect(sorted(doc.token_endpoint_auth_methods_supported)).toEqual(['client_secret_basic', 'client_secret_post', 'none'])
    expect(doc.id_token_signing_alg_values_supported).toEqual([server.app.ctx.config.jwtAlgorithm])
    expect(doc.subject_types_supported).toEqual(['public'])
    expect(doc.claims_supported).toEqual(expect.arrayContaining(['sub', 'email', 'email_verified', 'preferred_username', 'phone_number']))
    expect(sorted(doc.response_modes_supported)).toEqual(['form_post', 'fragment', 'query'])
    // RFC 9207: every authorization response names its issuer (the client can tell mix-ups).
    expect(doc.authorization_response_iss_parameter_supported).toBe(true)
  })

  it('lists the OpenID Connect scopes and every permission codename', async () => {
    const org = await createOrg(server.app)
    const admin = await superuserOf(server.app, org)
    const created = await call(server.app, 'POST', '/api/v1/permissions/', { token: admin.token, body: { codename: 'view_widgets', name: 'Can view widgets' } })
    expect(created.status).toBe(201)
    expect((await discoveryOf(org.slug)).scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile', 'email', 'phone', 'offline_access', 'view_orders', 'manage_users', 'view_widgets']))
  })

  it('a custom permission created after the provider was built is a scope at once', async () => {
    const org = await createOrg(server.app)
    expect((await discoveryOf(org.slug)).scopes_supported).not.toContain('view_gadgets')
    const admin = await superuserOf(server.app, org)
    await call(server.app, 'POST', '/api/v1/permissions/', { token: admin.token, body: { codename: 'view_gadgets', name: 'Can view gadgets' } })
    expect((await discoveryOf(org.slug)).scopes_supported).toContain('view_gadgets')
  })

  it('publishes public keys only, and the ID token verifies with them', async () => {
    const { org, user, rp } = await organizationWithClient(server)
    const jwks = await (await fetch(rp.serverMetadata().jwks_uri!)).json() as { keys: Record<string, unknown>[] }
    expect(jwks.keys.length).toBeGreaterThan(0)
    for (const key of jwks.keys) for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) expect(key, secret).not.toHaveProperty(secret)
    oidc.enableNonRepudiationChecks(rp) // openid-client then verifies the ID token's signature against jwks_uri
    const { tokens } = await signInWithProvider(server, rp, org, user, { offline: true })
    const idToken = tokens.id_token!
    expect(jwks.keys.map((k) => k.kid)).toContain(decodeProtectedHeader(idToken).kid)
    const { payload } = await jwtVerify(idToken, createRemoteJWKSet(new URL(rp.serverMetadata().jwks_uri!)), { issuer: rp.serverMetadata().issuer })
    expect(payload.sub).toBe(user.user.id)
    const forged = `${idToken.slice(0, idToken.lastIndexOf('.') + 1)}${'A'.repeat(86)}`
    await expect(jwtVerify(forged, createRemoteJWKSet(new URL(rp.serverMetadata().jwks_uri!)))).rejects.toThrow()
  })
})

describe('the ID token and the token response', () => {
  it('carries the standard claims', async () => {
    const { org, user, rp, client } = await organizationWithClient(server)
    const before = Math.floor(Date.now() / 1000)
    const { tokens, request: check, back } = await signInWithProvider(server, rp, org, user, { params: { max_age: '300' } })
    expect(new URL(back).searchParams.get('iss')).toBe(rp.serverMetadata().issuer) // RFC 9207
    const after = Math.floor(Date.now() / 1000)
    const claims = tokens.claims()!
    expect(claims.iss).toBe(rp.serverMetadata().issuer)
    expect([claims.aud].flat()).toEqual([client.clientId])
    expect(claims.sub).toBe(user.user.id)
    expect(claims.nonce).toBe(check.nonce)
    expect(claims.iat).toBeGreaterThanOrEqual(before - 5)
    expect(claims.iat).toBeLessThanOrEqual(after + 5)
    expect(claims.exp - claims.iat).toBe(3600) // the ID token's lifetime (provider.ts ttl.IdToken)
    expect(claims.auth_time).toBeGreaterThanOrEqual(before - 5)
    expect(claims.auth_time).toBeLessThanOrEqual(claims.iat)
    expect(decodeProtectedHeader(tokens.id_token!).alg).toBe(server.app.ctx.config.jwtAlgorithm)
    // From the token endpoint (code flow) at_hash is optional (OIDC Core §3.3.2.11); oidc-provider puts it only in ID tokens from the authorization endpoint.
    expect(claims).not.toHaveProperty('at_hash')
  })

  it('is a Bearer token with its lifetime and the granted scope', async () => {
    const { org, user, rp } = await organizationWithClient(server)
    const { tokens } = await signInWithProvider(server, rp, org, user)
    expect(tokens.token_type.toLowerCase()).toBe('bearer')
    expect(tokens.expires_in).toBe(server.app.ctx.config.accessTokenLifetime)
    expect(sorted(tokens.scope!.split(' '))).toEqual(sorted(FLOW_SCOPE.split(' ')))
    expect(tokens.access_token).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })
})
