import * as oidc from 'openid-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createOrg } from '../support/helpers'
import { apiStatus, signInWithProvider, FLOW_SCOPE, oauthOutcome, REDIRECT_URI, relyingParty, startOidcServer, type OidcServer } from '../support/oidc-helpers'
import { developerWith, superuserOf, userWith } from '../support/rbac-helpers'

let server: OidcServer
beforeAll(async () => { server = await startOidcServer() })
afterAll(() => server.app.close())

/** A client registered through the registration API (not inserted), its user holding view_orders. */
async function apiRegisteredClient() {
  const org = await createOrg(server.app)
  const staff = await superuserOf(server.app, org)
  const developer = await developerWith(server.app, org, staff.token, [])
  const body = { name: 'Shop', type: 'confidential', redirect_uris: [REDIRECT_URI], grant_types: ['authorization_code', 'refresh_token'], scopes: FLOW_SCOPE.split(' '), first_party: true }
  const created = await call(server.app, 'POST', `/api/v1/developers/${developer.id}/oauth-clients/`, { token: staff.token, body })
  expect(created.status).toBe(201)
  const client = { id: created.body.id as string, clientId: created.body.client_id as string, secret: created.body.client_secret as string }
  const user = await userWith(server.app, org, ['view_orders'])
  return { org, staff, client, user, rp: await relyingParty(server, org.slug, client) }
}

describe('a client registered through /api/v1/developers/:id/oauth-clients/', () => {
  it('signs a user in; after a secret rotation the old secret is invalid_client and the new one works', async () => {
    const { org, staff, client, user, rp } = await apiRegisteredClient()
    const { tokens } = await signInWithProvider(server, rp, org, user)
    expect(await apiStatus(server, tokens.access_token)).toBe(200)
    const rotated = await call(server.app, 'POST', `/api/v1/oauth-clients/${client.id}/rotate-secret/`, { token: staff.token })
    expect(rotated.status).toBe(200)
    expect(await oauthOutcome(oidc.refreshTokenGrant(rp, tokens.refresh_token!))).toBe('invalid_client')
    const renewed = await relyingParty(server, org.slug, { clientId: client.clientId, secret: rotated.body.client_secret })
    expect((await oidc.refreshTokenGrant(renewed, tokens.refresh_token!)).access_token).toBeTruthy()
  })

  it('deleted: its tokens stop working on the API at once and it can no longer authenticate', async () => {
    const { org, staff, client, user, rp } = await apiRegisteredClient()
    const { tokens } = await signInWithProvider(server, rp, org, user)
    expect(await apiStatus(server, tokens.access_token)).toBe(200)
    expect((await call(server.app, 'DELETE', `/api/v1/oauth-clients/${client.id}/`, { token: staff.token })).status).toBe(204)
    expect(await apiStatus(server, tokens.access_token)).toBe(401)
    expect(await oauthOutcome(oidc.refreshTokenGrant(rp, tokens.refresh_token!))).toBe('invalid_client')
    expect(await oauthOutcome(oidc.tokenIntrospection(rp, tokens.access_token))).toBe('invalid_client')
  })
})
