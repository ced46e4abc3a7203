import * as oidc from 'openid-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOrg } from '../support/helpers'
import { apiStatus, oauthOutcome, registerClient, relyingParty, startOidcServer, type ClientOptions, type OidcServer } from '../support/oidc-helpers'
import { developerWith, superuserOf } from '../support/rbac-helpers'

let server: OidcServer
beforeAll(async () => { server = await startOidcServer() })
afterAll(() => server.app.close())

/** A machine client allowed view_orders, of a developer holding `held` (made through the developers and roles API). */
async function machineClient(held: Parameters<typeof developerWith>[3], opts: ClientOptions = {}) {
  const org = await createOrg(server.app)
  const admin = await superuserOf(server.app, org)
  const developer = await developerWith(server.app, org, admin.token, held)
  const client = await registerClient(server.app, org.id, { developerId: developer.id, grantTypes: ['client_credentials'], redirectUris: [], scopes: ['view_orders'], ...opts })
  return { org, client, rp: await relyingParty(server, org.slug, client) }
}

describe('client credentials', () => {
  it('a token acts as the developer, within its scopes: orders 200, users 403 though the developer may view users', async () => {
    const { rp, client } = await machineClient(['view_orders', 'view_users'])
    const tokens = await oidc.clientCredentialsGrant(rp, { scope: 'view_orders' })
    expect(tokens).toMatchObject({ token_type: 'bearer', scope: 'view_orders' })
    expect(tokens.expires_in).toBeGreaterThan(0)
    expect(tokens.refresh_token).toBeUndefined()
    expect(tokens.id_token).toBeUndefined()
    expect(await apiStatus(server, tokens.access_token)).toBe(200)
    expect(await apiStatus(server, tokens.access_token, '/api/v1/users/')).toBe(403)
    expect(await oidc.tokenIntrospection(rp, tokens.access_token)).toMatchObject({ active: true, client_id: client.clientId, scope: 'view_orders' })
  })

  it('a developer without the permission gets 403, even with the scope', async () => {
    const { rp } = await machineClient(['view_users'])
    const tokens = await oidc.clientCredentialsGrant(rp, { scope: 'view_orders' })
    expect(tokens.scope).toBe('view_orders')
    expect(await apiStatus(server, tokens.access_token)).toBe(403)
  })

  it('a scope the client was not given is invalid_scope', async () => {
    const { rp } = await machineClient(['view_orders', 'view_users'])
    expect(await oauthOutcome(oidc.clientCredentialsGrant(rp, { scope: 'view_users' }))).toBe('invalid_scope')
    expect(await oauthOutcome(oidc.clientCredentialsGrant(rp, { scope: 'view_orders manage_orders' }))).toBe('invalid_scope')
  })

  it('a revoked client-credentials token is inactive and 401 on the API', async () => {
    const { rp } = await machineClient(['view_orders'])
    const tokens = await oidc.clientCredentialsGrant(rp, { scope: 'view_orders' })
    expect(await apiStatus(server, tokens.access_token)).toBe(200)
    await oidc.tokenRevocation(rp, tokens.access_token)
    expect((await oidc.tokenIntrospection(rp, tokens.access_token)).active).toBe(false)
    expect(await apiStatus(server, tokens.access_token)).toBe(401)
  })

  // RFC 6749 §5.2 says unauthorized_client; oidc-provider answers invalid_request ("requested grant type is not allowed
  // for this client"), for a public client too (its client_credentials grant is dropped, src/modules/oidc/clients.ts).
  const GRANT_NOT_ALLOWED = 'invalid_request'

  it('a client not given the grant is refused', async () => {
    const { rp } = await machineClient(['view_orders'], { grantTypes: ['authorization_code', 'refresh_token'], redirectUris: undefined })
    expect(await oauthOutcome(oidc.clientCredentialsGrant(rp, { scope: 'view_orders' }))).toBe(GRANT_NOT_ALLOWED)
  })

  for (const grantTypes of [['client_credentials'], ['authorization_code', 'refresh_token', 'client_credentials']]) {
    it(`a public client cannot use client credentials, even registered with ${grantTypes.join(', ')}`, async () => {
      const { rp } = await machineClient(['view_orders'], { kind: 'public', grantTypes, redirectUris: undefined })
      expect(await oauthOutcome(oidc.clientCredentialsGrant(rp, { scope: 'view_orders' }))).toBe(GRANT_NOT_ALLOWED)
    })
  }
})
