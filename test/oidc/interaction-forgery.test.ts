import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOrg, registerUser } from '../support/helpers'
import { follow, interactionDetails, postStep, registerClient, relyingParty, startAuthorization, startOidcServer, type CookieJar, type OidcServer } from '../support/oidc-helpers'

let server: OidcServer
beforeAll(async () => { server = await startOidcServer() })
afterAll(() => server.app.close())

/** A third-party client's authorization in one browser, signed in and waiting for consent. */
async function waitingForConsent() {
  const org = await createOrg(server.app)
  const user = await registerUser(server.app, org)
  const client = await registerClient(server.app, org.id, { firstParty: false })
  const rp = await relyingParty(server, org.slug, client)
  const { jar, landed } = await startAuthorization(server, rp, { params: { scope: 'openid profile' } })
  const signedIn = await postStep(jar, landed, 'login', user.access)
  const consent = await follow(jar, server, ((await signedIn.json()) as { location: string }).location)
  const json = { 'content-type': 'application/json' }
  return { jar, consent, json }
}

const prompt = async (jar: CookieJar, url: string) => (await interactionDetails(jar, url)).prompt

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
