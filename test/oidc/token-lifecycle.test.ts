import { and, eq } from 'drizzle-orm'
import * as oidc from 'openid-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditEvents } from '../../src/db/schema'
import { apiStatus, isActive, signInWithProvider, oauthOutcome, organizationWithClient, startOidcServer, type OidcServer } from '../support/oidc-helpers'

let server: OidcServer
beforeAll(async () => { server = await startOidcServer() })
afterAll(() => server.app.close())

async function grantRevocations(organizationId: string) {
  await server.app.ctx.backgroundIdle()
  return server.app.ctx.db.select().from(auditEvents).where(and(eq(auditEvents.organizationId, organizationId), eq(auditEvents.action, 'oauth.grant_revoked')))
}

describe('refresh token rotation', () => {
  it('a client without the refresh_token grant gets no refresh token, even asking for offline_access', async () => {
    const { org, user, rp } = await organizationWithClient(server, { grantTypes: ['authorization_code'] })
    for (const offline of [false, true]) {
      const { tokens } = await signInWithProvider(server, rp, org, user, { offline })
      expect(tokens.access_token).toBeTruthy()
      expect(tokens.refresh_token).toBeUndefined()
    }
  })

  it('gives a new refresh token on every use, each new access token working on the API', async () => {
    const { org, user, rp } = await organizationWithClient(server)
    const { tokens } = await signInWithProvider(server, rp, org, user, { offline: true })
    const seen = new Set([tokens.refresh_token])
    let refreshToken = tokens.refresh_token!
    for (let i = 0; i < 3; i++) {
      const next = await oidc.refreshTokenGrant(rp, refreshToken)
      expect(next.refresh_token).toBeTruthy()
      expect(seen.has(next.refresh_token)).toBe(false)
      seen.add(next.refresh_token)
      expect(await apiStatus(server, next.access_token)).toBe(200)
      refreshToken = next.refresh_token!
    }
  })

  it('a rotated refresh token presented again is invalid_grant and ends the whole grant, in the audit log', async () => {
    const { org, user, rp, client } = await organizationWithClient(server)
    const { tokens } = await signInWithProvider(server, rp, org, user, { offline: true })
    const second = await oidc.refreshTokenGrant(rp, tokens.refresh_token!)
    const third = await oidc.refreshTokenGrant(rp, second.refresh_token!)
    expect(await apiStatus(server, third.access_token)).toBe(200)
    expect(await grantRevocations(org.id)).toHaveLength(0)

    expect(await oauthOutcome(oidc.refreshTokenGrant(rp, tokens.refresh_token!))).toBe('invalid_grant')

    for (const token of [tokens.access_token, second.access_token, third.access_token, third.refresh_token!]) expect(await isActive(rp, token)).toBe(false)
    expect(await apiStatus(server, third.access_token)).toBe(401)
    expect(await oauthOutcome(oidc.refreshTokenGrant(rp, third.refresh_token!))).toBe('invalid_grant')
    const events = await grantRevocations(org.id)
    expect(events.map((e) => e.metadata)).toEqual([{ client_id: client.clientId, reason: 'token' }])
  })
})

/** Revokes one of a fresh grant's tokens: every token of the grant is then dead (oidc-provider's revokeGrantPolicy). */
async function revokeOne(which: 'access_token' | 'refresh_token') {
  const { org, user, rp } = await organizationWithClient(server)
  const { tokens } = await signInWithProvider(server, rp, org, user, { offline: true })
  expect(await isActive(rp, tokens.access_token)).toBe(true)
  expect(await apiStatus(server, tokens.access_token)).toBe(200)
  await oidc.tokenRevocation(rp, tokens[which]!, { token_type_hint: which })
  expect(await isActive(rp, tokens.access_token)).toBe(false)
  expect(await isActive(rp, tokens.refresh_token!)).toBe(false)
  expect(await apiStatus(server, tokens.access_token)).toBe(401)
  expect(await oauthOutcome(oidc.refreshTokenGrant(rp, tokens.refresh_token!))).toBe('invalid_grant')
  return org
}

describe('revocation (RFC 7009)', () => {
  it('revoking the access token ends the grant\'s tokens: introspection inactive, the API 401, no refresh', async () => {
    await revokeOne('access_token')
  })

  it('revoking the refresh token ends the grant\'s tokens and the grant itself, in the audit log', async () => {
    const org = await revokeOne('refresh_token')
    expect((await grantRevocations(org.id)).map((e) => e.metadata.reason)).toEqual(['revocation'])
  })

  it('revoking an unknown token is a 200 with no effect (RFC 7009 §2.2)', async () => {
    const { org, user, rp } = await organizationWithClient(server)
    const { tokens } = await signInWithProvider(server, rp, org, user, { offline: true })
    await oidc.tokenRevocation(rp, 'x'.repeat(43))
    expect(await isActive(rp, tokens.access_token)).toBe(true)
  })
})

describe('introspection (RFC 7662)', () => {
  it('describes a live access token and a refresh token', async () => {
    const { org, user, rp, client } = await organizationWithClient(server)
    const before = Math.floor(Date.now() / 1000)
    const { tokens } = await signInWithProvider(server, rp, org, user, { offline: true })
    const access = await oidc.tokenIntrospection(rp, tokens.access_token)
    expect(access).toMatchObject({ active: true, sub: user.user.id, client_id: client.clientId, token_type: 'Bearer' })
    expect(new Set(access.scope!.split(' '))).toEqual(new Set(tokens.scope!.split(' ')))
    expect(access.scope!.split(' ')).toContain('view_orders')
    expect(access.exp).toBeGreaterThanOrEqual(before + tokens.expires_in! - 5)
    expect(access.exp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + tokens.expires_in! + 5)
    const refresh = await oidc.tokenIntrospection(rp, tokens.refresh_token!)
    expect(refresh).toMatchObject({ active: true, sub: user.user.id, client_id: client.clientId })
    expect(refresh.exp).toBeGreaterThan(access.exp!)
  })

  it('an unknown token is just active: false, nothing else', async () => {
    const { rp } = await organizationWithClient(server)
    expect(await oidc.tokenIntrospection(rp, 'y'.repeat(43))).toEqual({ active: false })
  })
})
