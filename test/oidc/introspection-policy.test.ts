import * as oidc from 'openid-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { organizationWithClient, registerClient, relyingParty, signInWithProvider, startOidcServer, type OidcServer } from '../support/oidc-helpers'

let server: OidcServer
beforeAll(async () => { server = await startOidcServer() })
afterAll(() => server.app.close())

describe('who may introspect a token', () => {
  it('its own client, and the organization\'s first-party confidential clients; not a third-party one', async () => {
    const { org, user, rp } = await organizationWithClient(server)
    const { tokens } = await signInWithProvider(server, rp, org, user)
    const resourceServer = await relyingParty(server, org.slug, await registerClient(server.app, org.id, { firstParty: true, grantTypes: ['client_credentials'], redirectUris: [] }))
    const thirdParty = await relyingParty(server, org.slug, await registerClient(server.app, org.id, { firstParty: false, grantTypes: ['client_credentials'], redirectUris: [] }))
    expect((await oidc.tokenIntrospection(rp, tokens.access_token)).active).toBe(true)
    expect((await oidc.tokenIntrospection(resourceServer, tokens.access_token)).active).toBe(true)
    expect(await oidc.tokenIntrospection(thirdParty, tokens.access_token)).toEqual({ active: false })
  })
})
