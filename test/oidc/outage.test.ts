import * as oidc from 'openid-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOrg, registerUser } from '../support/helpers'
import { testDatabaseUrl } from '../support/env'
import { oauthOutcome, registerClient, relyingParty, signInWithProvider, startOidcServer, type OidcServer } from '../support/oidc-helpers'
import { OutageProxy, portOf, via, type ProxyMode } from '../support/outage-proxy'

/**
 * PostgreSQL out of reach (a TCP proxy in front of it, test/support/outage-proxy.ts):
 * the provider's token endpoint answers an honest 503 at once, never hangs or says 500,
 * and works again when the database is back, without a restart.
 */
describe.each<ProxyMode>(['refuse', 'blackhole'])('PostgreSQL down (%s)', (mode) => {
  let proxy: OutageProxy
  let server: OidcServer
  beforeAll(async () => {
    proxy = await OutageProxy.start(portOf(testDatabaseUrl, 5432))
    server = await startOidcServer({ databaseUrl: via(testDatabaseUrl, proxy), databaseConnectTimeoutMs: 1000, databaseQueryTimeoutMs: 1000 })
  })
  afterAll(async () => { await server.app.close(); await proxy.stop() })

  it('the token endpoint answers 503 temporarily_unavailable with Retry-After within 2 s, and recovers', async () => {
    const org = await createOrg(server.app)
    const user = await registerUser(server.app, org)
    const client = await registerClient(server.app, org.id)
    const rp = await relyingParty(server, org.slug, client)
    const { tokens } = await signInWithProvider(server, rp, org, user, { params: { scope: 'openid' }, offline: true })
    const refresh = () => fetch(`${server.issuer(org.slug)}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${client.clientId}:${client.secret}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! }).toString(),
    })

    await proxy.set(mode)
    const started = performance.now()
    const down = await refresh()
    expect(performance.now() - started).toBeLessThan(2000)
    expect(down.status).toBe(503)
    expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await down.json()).toMatchObject({ error: 'temporarily_unavailable' })

    await proxy.set('up')
    let outcome = 'not tried'
    for (const end = Date.now() + 5000; outcome !== 'ok' && Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
      outcome = await oauthOutcome(oidc.refreshTokenGrant(rp, tokens.refresh_token!)).catch(String) // any other failure while it reconnects
    }
    expect(outcome).toBe('ok')
  }, 20_000)
})
