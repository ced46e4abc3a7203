import * as oidc from 'openid-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authorize, codeFlow, organizationWithClient, redeem, startOidcServer, type OidcServer } from '../support/oidc-helpers'

let server: OidcServer
beforeAll(async () => { server = await startOidcServer() })
afterAll(() => server.app.close())

const outcomes = (results: PromiseSettledResult<unknown>[]) => results.map((r) => r.status).sort()

describe('one code, one refresh token: used once even when presented twice at the same moment', () => {
  it('two parallel exchanges of one code: one wins, the other is invalid_grant', async () => {
    const { user, rp } = await organizationWithClient(server)
    const { callback, check } = await authorize(server, rp, user.access)
    const results = await Promise.allSettled([redeem(rp, callback.href, check), redeem(rp, callback.href, check)])
    expect(outcomes(results)).toEqual(['fulfilled', 'rejected'])
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ error: 'invalid_grant' })
  })

  it('two parallel refreshes with one refresh token: at most one gets tokens', async () => {
    const { user, rp } = await organizationWithClient(server)
    const { tokens } = await codeFlow(server, rp, user.access)
    for (let i = 0; i < 5; i++) {
      const results = await Promise.allSettled([oidc.refreshTokenGrant(rp, tokens.refresh_token!), oidc.refreshTokenGrant(rp, tokens.refresh_token!)])
      expect(results.filter((r) => r.status === 'fulfilled').length).toBeLessThanOrEqual(1)
    }
  })
})
