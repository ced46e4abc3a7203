import * as oidc from 'openid-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { organizationWithClient, redeem, signInAtClient, signInWithProvider, startOidcServer, type OidcServer } from '../support/oidc-helpers'

let server: OidcServer
beforeAll(async () => { server = await startOidcServer() })
afterAll(() => server.app.close())

const outcomes = (results: PromiseSettledResult<unknown>[]) => results.map((r) => r.status).sort()

describe('one code, one refresh token: used once even when presented twice at the same moment', () => {
  it('two parallel exchanges of one code: one wins, the other is invalid_grant', async () => {
    const { org, user, rp } = await organizationWithClient(server)
    const { back, request } = await signInAtClient(server, rp, org, user)
    const results = await Promise.allSettled([redeem(rp, back, request), redeem(rp, back, request)])
    expect(outcomes(results)).toEqual(['fulfilled', 'rejected'])
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ error: 'invalid_grant' })
  })

  it('two parallel refreshes with one refresh token: at most one gets tokens, every other answer is invalid_grant', async () => {
    const { org, user, rp } = await organizationWithClient(server)
    for (let i = 0; i < 3; i++) {
      const { tokens } = await signInWithProvider(server, rp, org, user) // a fresh refresh token each round
      const results = await Promise.allSettled([oidc.refreshTokenGrant(rp, tokens.refresh_token!), oidc.refreshTokenGrant(rp, tokens.refresh_token!)])
      expect(results.filter((r) => r.status === 'fulfilled').length).toBeLessThanOrEqual(1)
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ error: 'invalid_grant' })
    }
  })
})
