import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as oidc from 'openid-client'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PAGE_CSP } from '../../src/modules/pages/pages.routes'
import { enterCredentials, totpCode } from '../support/account-steps'
import { launchChromium, seriousA11yViolations, watchedPage } from '../support/chromium'
import { call, createOrg, PASSWORD, registerUser } from '../support/helpers'
import { registerClient, relyingParty, startOidcServer, type ClientOptions, type OidcServer } from '../support/oidc-helpers'
import { expectNoTokenAtRest, recordTokens } from '../support/page-tokens'

const GONE = 'This sign-in request has expired or was already used.'
/** Chrome logs the refused `…/details` of a spent interaction as a console error: the page's expected answer, not a fault. */
const notGone = (problems: string[]) => problems.filter((p) => !p.includes('status of 404'))

/** The relying party's own tiny site on another loopback port: the redirect URI the browser really lands on. */
async function startClientSite(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end('<!doctype html><html lang="en"><head><title>Client</title><link rel="icon" href="data:,"></head><body><p>Client</p></body></html>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

interface Flow { url: URL; verifier: string; state: string; nonce: string }

describe('the OpenID providers\' hosted sign-in and consent page, in Chromium, with openid-client as the relying party', () => {
  let server: OidcServer
  let site: Awaited<ReturnType<typeof startClientSite>>
  let browser: Promise<Browser>
  let redirectUri: string

  beforeAll(async () => {
    browser = launchChromium()
    browser.catch(() => undefined)
    server = await startOidcServer()
    site = await startClientSite()
    redirectUri = `${site.origin}/callback`
  })
  afterAll(async () => {
    await browser?.then((b) => b.close(), () => undefined)
    await server?.app.close()
    site?.server.close()
  })

  /** An organization, a user of it, a client redirecting to the client site, and openid-client configured for it. */
  async function setUp(client: Omit<ClientOptions, 'redirectUris'> = {}) {
    const org = await createOrg(server.app)
    const user = await registerUser(server.app, org)
    const registered = await registerClient(server.app, org.id, { redirectUris: [redirectUri], postLogoutRedirectUris: [`${site.origin}/signed-out`], ...client })
    return { org, user, rp: await relyingParty(server, org.slug, registered) }
  }

  /** openid-client's authorization URL: code, PKCE S256, state and nonce. */
  async function startFlow(rp: oidc.Configuration, params: Record<string, string> = {}): Promise<Flow> {
    const verifier = oidc.randomPKCECodeVerifier()
    const state = oidc.randomState()
    const nonce = oidc.randomNonce()
    const url = oidc.buildAuthorizationUrl(rp, {
      redirect_uri: redirectUri, scope: 'openid profile email', state, nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', ...params,
    })
    return { url, verifier, state, nonce }
  }

  /** Waits for the browser at the redirect URI; openid-client checks state, nonce and PKCE and exchanges the code. */
  async function landAtClient(page: Page, rp: oidc.Configuration, flow: Flow) {
    await page.waitForURL((u) => u.href.startsWith(redirectUri))
    return oidc.authorizationCodeGrant(rp, new URL(page.url()), { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce })
  }

  /** The whole flow for a first-party client, without a second factor: returns the tokens. */
  async function signInThrough(page: Page, rp: oidc.Configuration, username: string) {
    const flow = await startFlow(rp)
    await page.goto(flow.url.href)
    await enterCredentials(page, username, PASSWORD)
    return landAtClient(page, rp, flow)
  }

  it('signs in (username + password) and returns to the client, whose ID token names the user; no token at rest', async () => {
    const { org, user, rp } = await setUp()
    const { page, problems, close } = await watchedPage(await browser)
    const apiTokens = recordTokens(page)
    const flow = await startFlow(rp)
    const response = await page.goto(flow.url.href)
    expect(page.url()).toMatch(new RegExp(`^${server.url}/oidc/${org.slug}/interaction/[\\w-]+$`))
    expect(response?.headers()['content-security-policy']).toBe(PAGE_CSP)
    await page.getByRole('heading', { name: /^Sign in to App / }).waitFor()
    await page.getByTestId('organization').getByText(org.slug).waitFor()
    expect(await page.getByLabel('Organization').count()).toBe(0) // the address names it
    expect(await seriousA11yViolations(page)).toEqual([])
    const interactionUrl = page.url()

    await enterCredentials(page, user.user.username, PASSWORD)
    const tokens = await landAtClient(page, rp, flow)
    const claims = tokens.claims()!
    expect(claims.sub).toBe(user.user.id)
    if (claims.amr) expect(claims.amr).not.toContain('otp')
    const landed = new URL(page.url())
    expect([...landed.searchParams.keys()].sort()).toEqual(['code', 'iss', 'state'])
    for (const token of apiTokens) expect(landed.href).not.toContain(token)
    expect(await page.context().cookies(site.origin)).toEqual([])

    // Back at the spent interaction, in the same tab: the notice, and nothing left in storage or script-readable cookies.
    await page.goto(interactionUrl)
    await page.getByText(GONE).waitFor()
    await expectNoTokenAtRest(page, apiTokens)
    for (const cookie of await page.context().cookies(server.url)) {
      expect(cookie.httpOnly).toBe(true)
      for (const token of [...apiTokens, tokens.access_token]) expect(cookie.value).not.toContain(token)
    }
    expect(notGone(problems)).toEqual([])
    await close()
  })

  it('with TOTP enrolled, the page asks for the code after the password; the ID token says otp', async () => {
    const { user, rp } = await setUp()
    const setup = await call(server.app, 'POST', '/api/v1/auth/mfa/totp/', { token: user.access })
    const secret = setup.body.secret as string
    expect((await call(server.app, 'POST', '/api/v1/auth/mfa/totp/confirm/', { token: user.access, body: { code: totpCode(secret) } })).status).toBe(200)
    const { page, problems, close } = await watchedPage(await browser)
    const apiTokens = recordTokens(page)
    const flow = await startFlow(rp)
    await page.goto(flow.url.href)
    await enterCredentials(page, user.user.username, PASSWORD, secret)
    const claims = (await landAtClient(page, rp, flow)).claims()!
    expect(claims.sub).toBe(user.user.id)
    if (claims.amr) expect(claims.amr).toContain('otp')
    for (const token of apiTokens) expect(page.url()).not.toContain(token)
    expect(problems).toEqual([])
    await close()
  })

  it('asks a non-first-party client\'s user for consent: the client\'s name and the scopes in words; Allow continues, Cancel returns access_denied', async () => {
    const { user, rp } = await setUp({ firstParty: false, name: 'Trailhead Maps', scopes: ['openid', 'profile', 'email', 'view_orders'] })
    const { page, problems, close } = await watchedPage(await browser)
    const flow = await startFlow(rp, { scope: 'openid profile email view_orders' })
    await page.goto(flow.url.href)
    await page.getByRole('heading', { name: 'Sign in to Trailhead Maps' }).waitFor()
    await enterCredentials(page, user.user.username, PASSWORD)
    await page.getByRole('heading', { name: 'Allow Trailhead Maps?' }).waitFor()
    expect(await page.getByRole('listitem').allTextContents()).toEqual([
      'Sign you in with your account', 'See your name and username', 'See your email address',
      'Act for you where you hold the “view_orders” permission',
    ])
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Allow' }).click()
    expect((await landAtClient(page, rp, flow)).claims()!.sub).toBe(user.user.id)

    // Asked again (prompt=consent): still signed in at the provider, straight to the question; Cancel.
    const again = await startFlow(rp, { prompt: 'consent' })
    await page.goto(again.url.href)
    await page.getByRole('heading', { name: 'Allow Trailhead Maps?' }).waitFor()
    await page.getByRole('button', { name: 'Cancel' }).click()
    await page.waitForURL((u) => u.href.startsWith(redirectUri))
    const refused = new URL(page.url())
    expect(refused.searchParams.get('error')).toBe('access_denied')
    expect(refused.searchParams.get('state')).toBe(again.state)
    expect(refused.searchParams.get('code')).toBeNull()
    await expect(landAtClient(page, rp, again)).rejects.toMatchObject({ error: 'access_denied' })
    expect(problems).toEqual([])
    await close()
  })

  it('login_hint fills the username: only the password is left to type', async () => {
    const { user, rp } = await setUp()
    const { page, problems, close } = await watchedPage(await browser)
    const flow = await startFlow(rp, { login_hint: user.user.email })
    await page.goto(flow.url.href)
    await expect.poll(() => page.getByLabel('Username or email').inputValue()).toBe(user.user.email)
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    expect((await landAtClient(page, rp, flow)).claims()!.sub).toBe(user.user.id)
    expect(problems).toEqual([])
    await close()
  })

  it('an unknown interaction address (or organization) shows the expired notice, accessibly', async () => {
    const { org } = await setUp()
    const { page, problems, close } = await watchedPage(await browser)
    for (const path of [`/oidc/${org.slug}/interaction/not-a-real-interaction`, '/oidc/no-such-organization/interaction/abc']) {
      await page.goto(`${server.url}${path}`)
      await page.getByText(GONE).waitFor()
      expect(await page.getByLabel('Password', { exact: true }).count()).toBe(0)
    }
    expect(await seriousA11yViolations(page)).toEqual([])
    expect(notGone(problems)).toEqual([])
    await close()
  })
})
