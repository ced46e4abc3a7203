import * as oidc from 'openid-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOrg, registerUser } from '../support/helpers'
import { organizationWithClient, REDIRECT_URI, registerClient, relyingParty, signInWithProvider, startOidcServer, type OidcServer } from '../support/oidc-helpers'

/** A public client (a single-page app or a mobile app: no secret) at the token, introspection and CORS checks. */
let server: OidcServer
beforeAll(async () => { server = await startOidcServer() })
afterAll(() => server.app.close())

const CLIENT_ORIGIN = new URL(REDIRECT_URI).origin

/** A public client of a fresh organization, and its relying party (no client authentication). */
async function publicClient() {
  const org = await createOrg(server.app)
  const client = await registerClient(server.app, org.id, { kind: 'public' })
  return { org, client, rp: await relyingParty(server, org.slug, client) }
}

/** A code exchange for a made-up code, posted by a page at `origin` as the public client. */
const tokenRequestFrom = (org: { slug: string }, clientId: string, origin: string) => fetch(`${server.issuer(org.slug)}/token`, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
  body: new URLSearchParams({ grant_type: 'authorization_code', client_id: clientId, code: 'x'.repeat(43), code_verifier: oidc.randomPKCECodeVerifier(), redirect_uri: REDIRECT_URI }).toString(),
})

describe('CORS at the token endpoint (oidc-provider\'s clientBasedCORS: the origins of the client\'s redirect URIs)', () => {
  it('a page at the public client\'s redirect URI origin may read the answer: Access-Control-Allow-Origin is that origin', async () => {
    const { org, client } = await publicClient()
    const preflight = await fetch(`${server.issuer(org.slug)}/token`, {
      method: 'OPTIONS', headers: { origin: CLIENT_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe(CLIENT_ORIGIN)
    const res = await tokenRequestFrom(org, client.clientId, CLIENT_ORIGIN)
    expect(res.headers.get('access-control-allow-origin')).toBe(CLIENT_ORIGIN)
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' })
  })

  it('a page at another origin gets no Access-Control-Allow-Origin (its script cannot read the answer), and the request is refused', async () => {
    const { org, client } = await publicClient()
    const res = await tokenRequestFrom(org, client.clientId, 'https://evil.example')
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: 'invalid_request' })
  })
})

describe('introspection by a public client', () => {
  it('answers active: false for another client\'s live token, and describes the client\'s own', async () => {
    const { org, user, rp: confidential } = await organizationWithClient(server)
    const { tokens } = await signInWithProvider(server, confidential, org, user)
    const publicRp = await relyingParty(server, org.slug, await registerClient(server.app, org.id, { kind: 'public' }))
    expect(await oidc.tokenIntrospection(publicRp, tokens.access_token)).toEqual({ active: false })
    expect((await oidc.tokenIntrospection(confidential, tokens.access_token)).active).toBe(true)
    const own = await signInWithProvider(server, publicRp, org, await registerUser(server.app, org), { params: { scope: 'openid' } })
    expect((await oidc.tokenIntrospection(publicRp, own.tokens.access_token)).active).toBe(true)
  })
})
