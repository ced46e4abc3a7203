import * as oidc from 'openid-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOrg, registerUser } from '../support/helpers'
import { CookieJar, follow, REDIRECT_URI, registerClient, relyingParty, startOidcServer, type OidcServer } from '../support/oidc-helpers'

let server: OidcServer
beforeAll(async () => { server = await startOidcServer() })
afterAll(() => server.app.close())

/** A third-party client's authorization in one browser, signed in and waiting for consent. */
async function waitingForConsent() {
  const org = await createOrg(server.app)
  const user = await registerUser(server.app, org)
  const client = await registerClient(server.app, org.id, { firstParty: false })
  const rp = await relyingParty(server, org.slug, client)
  const authUrl = oidc.buildAuthorizationUrl(rp, {
    redirect_uri: REDIRECT_URI, scope: 'openid profile', state: oidc.randomState(),
    code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()), code_challenge_method: 'S256',
  })
  const jar = new CookieJar()
  const login = await follow(jar, server, authUrl.href)
  const json = { 'content-type': 'application/json' }
  const signedIn = await jar.fetch(`${login}/login`, { method: 'POST', headers: { ...json, authorization: `Bearer ${user.access}` }, body: '{}' })
  const consent = await follow(jar, server, ((await signedIn.json()) as { location: string }).location)
  return { jar, consent, json }
}

const prompt = async (jar: CookieJar, url: string) => ((await (await jar.fetch(`${url}/details`)).json()) as { prompt: string }).prompt

describe('the interaction steps take a JSON body only (no request a page can send without a preflight)', () => {
  it('a bodiless POST, a form and text/plain neither consent nor abort; the JSON step still works', async () => {
    const { jar, consent, json } = await waitingForConsent()
    expect(await prompt(jar, consent)).toBe('consent')
    for (const step of ['consent', 'abort']) {
      expect((await jar.fetch(`${consent}/${step}`, { method: 'POST' })).status).toBe(400)
      expect((await jar.fetch(`${consent}/${step}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=b' })).status).toBe(415)
      expect((await jar.fetch(`${consent}/${step}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415)
    }
    expect(await prompt(jar, consent)).toBe('consent')
    const granted = await jar.fetch(`${consent}/consent`, { method: 'POST', headers: json, body: '{}' })
    expect(granted.status).toBe(200)
    const back = await follow(jar, server, ((await granted.json()) as { location: string }).location)
    expect(new URL(back).searchParams.get('code')).toBeTruthy()
  })
})
