import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOrg, registerUser } from '../support/helpers'
import {
  CookieJar, follow, interactionDetails, jsonSignIn, postStep, REDIRECT_URI, redeem, registerClient, relyingParty, startAuthorization, startOidcServer, type OidcServer,
} from '../support/oidc-helpers'

/** Consent for a client that is not first-party: asked for what is not granted yet, and only that. */
let server: OidcServer
beforeAll(async () => { server = await startOidcServer() })
afterAll(() => server.app.close())

const sorted = (scopes: string[]) => [...scopes].sort()

/** Posts one hosted-page step and follows its answer: the next interaction, or the client's redirect URI. */
async function step(jar: CookieJar, interaction: string, name: 'login' | 'consent', accessToken?: string) {
  const res = await postStep(jar, interaction, name, accessToken)
  expect(res.status).toBe(200)
  return follow(jar, server, ((await res.json()) as { location: string }).location)
}

describe('consent for a non-first-party client, over HTTP', () => {
  it('lists the missing scopes; is not asked again for the same ones; asked again for more, it lists only the new ones; prompt=consent lists all', async () => {
    const org = await createOrg(server.app)
    const user = await registerUser(server.app, org)
    const rp = await relyingParty(server, org.slug, await registerClient(server.app, org.id, { firstParty: false }))
    const jar = new CookieJar()
    const ask = (params: Record<string, string>) => startAuthorization(server, rp, { params, jar })

    const first = await ask({ scope: 'openid profile' })
    expect((await interactionDetails(jar, first.landed)).prompt).toBe('login')
    const consent = await step(jar, first.landed, 'login', (await jsonSignIn(server, org, user.user.username)).access)
    expect(await interactionDetails(jar, consent)).toMatchObject({ prompt: 'consent' })
    expect(sorted((await interactionDetails(jar, consent)).scopes)).toEqual(['openid', 'profile'])
    const back = await step(jar, consent, 'consent')
    expect((await redeem(rp, back, first.request)).scope?.split(' ').sort()).toEqual(['openid', 'profile'])

    const same = await ask({ scope: 'openid profile' })
    expect(same.landed.startsWith(REDIRECT_URI)).toBe(true)
    expect(new URL(same.landed).searchParams.get('code')).toBeTruthy()

    const more = await ask({ scope: 'openid profile email' })
    expect(await interactionDetails(jar, more.landed)).toMatchObject({ prompt: 'consent', scopes: ['email'] })
    const granted = await step(jar, more.landed, 'consent')
    expect((await redeem(rp, granted, more.request)).scope?.split(' ').sort()).toEqual(['email', 'openid', 'profile'])

    const forced = await ask({ scope: 'openid profile email', prompt: 'consent' })
    const details = await interactionDetails(jar, forced.landed)
    expect(details.prompt).toBe('consent')
    expect(sorted(details.scopes)).toEqual(['email', 'openid', 'profile'])
  })
})
