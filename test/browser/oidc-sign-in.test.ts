import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as oidc from 'openid-client'
import type { Browser, Page, Route } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PAGE_CSP } from '../../src/modules/pages/pages.routes'
import { enterCredentials, totpCode } from '../support/account-steps'
import { launchChromium, seriousA11yViolations, watchedPage } from '../support/chromium'
import { call, createOrg, PASSWORD, registerUser } from '../support/helpers'
import { authorizationRequest, isActive, redeem, registerClient, relyingParty, startOidcServer, type AuthorizationRequest, type ClientOptions, type OidcServer } from '../support/oidc-helpers'
import { expectNoTokenAtRest, recordTokens } from '../support/page-tokens'

const GONE = 'This sign-in request has expired or was already used.'
/** Chrome logs the refused `…/details` of a spent interaction as a console error: the page's expected answer, not a fault. */
const notGone = (problems: string[]) => problems.filter((p) => !p.includes('status of 404'))
const FAILED = 'Something went wrong: the sign-in service is unavailable or busy right now. Try again in a moment.'
/** The failures a test makes the page meet (an outage, a throttle, no network), which Chrome logs as console errors. */
const notMadeToFail = (problems: string[]) => notGone(problems).filter((p) => !/status of (503|429)|net::ERR_/.test(p))

/** The relying party's own tiny site on another loopback port: the redirect URI the browser really lands on. */
async function startClientSite(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end('<!doctype html><html lang="en"><head><title>Client</title><link rel="icon" href="data:,"></head><body><p>Client</p></body></html>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

type Flow = AuthorizationRequest

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

  /** openid-client's authorization URL: code, PKCE S256, state and nonce, back to the local site. */
  const startFlow = (rp: oidc.Configuration, params: Record<string, string> = {}): Promise<Flow> =>
    authorizationRequest(rp, { redirect_uri: redirectUri, scope: 'openid profile email', ...params })

  /** Waits for the browser at the redirect URI; openid-client checks state, nonce and PKCE and exchanges the code. */
  async function landAtClient(page: Page, rp: oidc.Configuration, flow: Flow) {
    await page.waitForURL((u) => u.href.startsWith(redirectUri))
    return redeem(rp, page.url(), flow)
  }

  /** The whole flow for a first-party client, without a second factor: returns the tokens. */
  async function signInThrough(page: Page, rp: oidc.Configuration, username: string) {
    const flow = await startFlow(rp)
    await page.goto(flow.url.href)
    await enterCredentials(page, username, PASSWORD)
    return landAtClient(page, rp, flow)
  }

  /** The sign-out question for the client's ID token (RP-initiated logout), checked for the sign-in page's look. */
  async function openSignOut(page: Page, rp: oidc.Configuration, idToken: string, params: Record<string, string> = {}) {
    const response = await page.goto(oidc.buildEndSessionUrl(rp, { id_token_hint: idToken, ...params }).href)
    expect(response?.headers()['content-security-policy']).toMatch(/^default-src 'none'; .*style-src 'self'/)
    await page.getByRole('heading', { name: 'Sign out' }).waitFor()
    await expectHostedLook(page)
  }

  /** The hosted pages' look (the provider's own pages link the same stylesheet): the card, centred, never wider than a phone, each answer's label on one line. */
  async function expectHostedLook(page: Page) {
    expect(await page.locator('.card').evaluate((card) => getComputedStyle(card).borderRadius)).toBe('12px')
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 760 })
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
      const card = (await page.locator('.card').boundingBox())!
      expect(Math.abs(card.x + card.width / 2 - width / 2)).toBeLessThan(2)
      for (const answer of await page.locator('.actions button').all()) { // side by side or stacked, inside the card
        const box = (await answer.boundingBox())!
        expect(box.x >= card.x && box.x + box.width <= card.x + card.width).toBe(true)
        expect(box.height).toBeLessThan(60)
      }
    }
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
    await expectHostedLook(page)
    const interactionUrl = page.url()

    await enterCredentials(page, user.user.username, PASSWORD)
    const tokens = await landAtClient(page, rp, flow)
    const claims = tokens.claims()!
    expect(claims.sub).toBe(user.user.id)
    expect(claims.amr).toEqual(['pwd'])
    const landed = new URL(page.url())
    expect([...landed.searchParams.keys()].sort()).toEqual(['code', 'iss', 'state'])
    for (const token of apiTokens) expect(landed.href).not.toContain(token)
    expect(await page.context().cookies(site.origin)).toEqual([])

    // Back at the spent interaction, in the same tab: the notice, and nothing left in storage or script-readable cookies.
    await page.goto(interactionUrl)
    await page.getByText(GONE).waitFor()
    await expectNoTokenAtRest(page, apiTokens)
    // The provider's cookies sit under /oidc/<slug>/ (cookies(url) matches by path).
    const providerCookies = await page.context().cookies(interactionUrl)
    expect(providerCookies.map((c) => c.name)).toContain('_cc_session')
    for (const cookie of providerCookies) {
      expect(cookie.httpOnly).toBe(true)
      for (const token of [...apiTokens, tokens.access_token]) expect(cookie.value).not.toContain(token)
    }
    expect(notGone(problems)).toEqual([])
    await close()
  })

  it('with TOTP enrolled, the page asks for the code after the password, then returns to the client', async () => {
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
    expect(claims.amr).toEqual(['pwd', 'otp', 'mfa'])
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
    const asked = [
      'Sign you in with your account', 'See your name and username', 'See your email address',
      'View orders on your behalf, within what your account may do',
    ]
    expect(await page.getByRole('listitem').allTextContents()).toEqual(asked)
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.emulateMedia({ colorScheme: 'dark' })
    expect(await seriousA11yViolations(page)).toEqual([]) // the dark palette's contrast too
    await page.emulateMedia({ colorScheme: 'light' })
    await expectHostedLook(page)
    await page.getByRole('button', { name: 'Allow' }).click()
    expect((await landAtClient(page, rp, flow)).claims()!.sub).toBe(user.user.id)

    // Asked again (prompt=consent): still signed in at the provider, straight to the question; Cancel.
    const again = await startFlow(rp, { scope: 'openid profile email view_orders', prompt: 'consent' })
    await page.goto(again.url.href)
    await page.getByRole('heading', { name: 'Allow Trailhead Maps?' }).waitFor()
    await page.getByText('Trailhead Maps asks to:').waitFor() // nothing new: it lists all it asks for again
    expect(await page.getByRole('listitem').allTextContents()).toEqual(asked)
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

  it('a failure that may pass (503, 429, no network) says so and offers the step again, at every step; the flow then completes', async () => {
    const { user, rp } = await setUp({ firstParty: false, name: 'Trailhead Maps' })
    const { page, problems, close } = await watchedPage(await browser)
    const flow = await startFlow(rp)
    await page.route('**/interaction/*/details', (r) => r.fulfill({ status: 503, body: '{}' }), { times: 1 })
    await page.goto(flow.url.href)
    await page.getByText(FAILED).waitFor()
    expect(await page.getByText(GONE).count()).toBe(0)
    expect(await seriousA11yViolations(page)).toEqual([])
    await expectHostedLook(page)
    await page.getByRole('button', { name: 'Try again' }).click()
    await page.getByRole('heading', { name: 'Sign in to Trailhead Maps' }).waitFor()

    // The session's hand-over to the provider: the network fails once; "Try again" hands it over.
    await page.route('**/interaction/*/login', (r) => r.abort('internetdisconnected'), { times: 1 })
    await enterCredentials(page, user.user.username, PASSWORD)
    await page.getByText(FAILED).waitFor()
    expect(await page.getByText('Signed in. Returning').count()).toBe(0)
    await page.getByRole('button', { name: 'Try again' }).click()
    await page.getByRole('heading', { name: 'Allow Trailhead Maps?' }).waitFor()

    // Consent: an outage, a throttle, no network; each time the answers are offered again.
    const allow = page.getByRole('button', { name: 'Allow' })
    for (const fail of [(r: Route) => r.fulfill({ status: 503, body: '{}' }), (r: Route) => r.fulfill({ status: 429, body: '{}' }), (r: Route) => r.abort('internetdisconnected')]) {
      await page.route('**/interaction/*/consent', fail, { times: 1 })
      await allow.click()
      await page.getByText(FAILED).waitFor()
      expect(await page.getByText(GONE).count()).toBe(0)
      await expect.poll(() => allow.isEnabled()).toBe(true)
      expect(await page.getByRole('button', { name: 'Cancel' }).isEnabled()).toBe(true)
    }
    expect(await seriousA11yViolations(page)).toEqual([])
    await allow.click()
    expect((await landAtClient(page, rp, flow)).claims()!.sub).toBe(user.user.id)
    expect(notMadeToFail(problems)).toEqual([])
    await close()
  })

  it('a step the provider no longer knows (404) says expired, with nothing to try again', async () => {
    const { user, rp } = await setUp({ firstParty: false, name: 'Trailhead Maps' })
    for (const step of ['login', 'consent']) {
      const { page, problems, close } = await watchedPage(await browser)
      await page.route(`**/interaction/*/${step}`, (r) => r.fulfill({ status: 404, body: '{}' }))
      await page.goto((await startFlow(rp)).url.href)
      await enterCredentials(page, user.user.username, PASSWORD)
      if (step === 'consent') await page.getByRole('button', { name: 'Allow' }).click()
      await page.getByText(GONE).waitFor()
      expect(await page.getByText(FAILED).count()).toBe(0)
      expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0)
      if (step === 'consent') expect(await page.getByRole('button', { name: 'Allow' }).isDisabled()).toBe(true)
      expect(notGone(problems)).toEqual([])
      await close()
    }
  })

  it('"Forgot your password?" on the sign-in step offers the organization\'s reset email, then back to the sign-in, which still returns to the client', async () => {
    const { user, rp } = await setUp()
    const { page, problems, close } = await watchedPage(await browser)
    const flow = await startFlow(rp)
    await page.goto(flow.url.href)
    await page.getByRole('button', { name: 'Forgot your password?' }).click()
    await page.getByLabel('Email address').fill(user.user.email)
    await page.getByRole('button', { name: 'Email me a link' }).click()
    await page.getByText('If an account uses this email address').waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])
    await expectHostedLook(page)
    await page.getByRole('button', { name: 'Back to sign-in' }).click()
    await enterCredentials(page, user.user.username, PASSWORD)
    expect((await landAtClient(page, rp, flow)).claims()!.sub).toBe(user.user.id)
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
  it('the provider\'s sign-out question after a sign-in is styled, accessible and without CSP violations; "Yes" ends the client\'s grant and the provider\'s session', async () => {
    const { user, rp } = await setUp({ name: 'Trailhead Maps' })
    const { page, problems, close } = await watchedPage(await browser)
    const tokens = await signInThrough(page, rp, user.user.username)
    expect(await isActive(rp, tokens.access_token)).toBe(true)
    await openSignOut(page, rp, tokens.id_token!)
    await page.getByText('You are signing out of Trailhead Maps.').waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])

    await page.getByRole('button', { name: 'Yes, sign me out' }).click()
    await page.getByRole('heading', { name: 'Signed out' }).waitFor()
    await page.getByText('You are signed out. You can close this window.').waitFor()
    await expectHostedLook(page)
    expect(await isActive(rp, tokens.access_token)).toBe(false)
    const flow = await startFlow(rp)
    await page.goto(flow.url.href)
    await page.getByLabel('Password', { exact: true }).waitFor() // the provider forgot this browser: sign in again
    expect(problems).toEqual([])
    await close()
  })

  it('"No, stay signed in" still signs out of the client (its grant ends) but keeps the provider\'s session: the next authorization needs no password', async () => {
    const { user, rp } = await setUp({ name: 'Trailhead Maps' })
    const { page, problems, close } = await watchedPage(await browser)
    const tokens = await signInThrough(page, rp, user.user.username)
    await openSignOut(page, rp, tokens.id_token!)
    await page.getByRole('button', { name: 'No, stay signed in' }).click()
    await page.getByRole('heading', { name: 'Signed out' }).waitFor()
    await page.getByText('still signed in to your account on this device').waitFor()
    await expectHostedLook(page)
    expect(await seriousA11yViolations(page)).toEqual([])
    expect(await isActive(rp, tokens.access_token)).toBe(false)
    const flow = await startFlow(rp)
    await page.goto(flow.url.href)
    expect((await landAtClient(page, rp, flow)).claims()!.sub).toBe(user.user.id)
    expect(problems).toEqual([])
    await close()
  })

  it('the provider\'s error page (a redirect URI the client did not register) is styled and without CSP violations', async () => {
    const { rp } = await setUp()
    const { page, problems, close } = await watchedPage(await browser)
    const flow = await startFlow(rp, { redirect_uri: `${site.origin}/elsewhere` })
    const response = await page.goto(flow.url.href)
    expect(response?.status()).toBe(400)
    await page.getByRole('heading', { name: 'Sign-in could not continue' }).waitFor()
    await page.getByRole('alert').getByText('invalid_redirect_uri').waitFor()
    await expectHostedLook(page)
    expect(await seriousA11yViolations(page)).toEqual([])
    expect(page.url().startsWith(server.url)).toBe(true) // never sent to the unregistered address
    expect(problems.filter((p) => !p.includes('status of 400'))).toEqual([])
    await close()
  })

  // PROVIDER_CSP has no `form-action`: it would also govern the redirect that follows the sign-out
  // form, and Chrome would refuse to go on to the client's post_logout_redirect_uri (another origin).
  it('signing out with a registered post_logout_redirect_uri returns to the client with its state', async () => {
    const { user, rp } = await setUp()
    const { page, problems, close } = await watchedPage(await browser)
    const tokens = await signInThrough(page, rp, user.user.username)
    await openSignOut(page, rp, tokens.id_token!, { post_logout_redirect_uri: `${site.origin}/signed-out`, state: 'bye-42' })
    await page.getByRole('button', { name: 'Yes, sign me out' }).click()
    await page.waitForURL(`${site.origin}/signed-out?state=bye-42`, { timeout: 3000 })
    expect(problems).toEqual([])
    await close()
  })

  // With no session left at the provider, oidc-provider answers the sign-out with its self-submitting
  // form; PROVIDER_CSP's `script-src` is where it adds that inline script's hash (without it: a blank page).
  it('signing out again once signed out (no provider session) ends at the signed-out page, without CSP violations', async () => {
    const { user, rp } = await setUp()
    const { page, problems, close } = await watchedPage(await browser)
    const tokens = await signInThrough(page, rp, user.user.username)
    await openSignOut(page, rp, tokens.id_token!)
    await page.getByRole('button', { name: 'Yes, sign me out' }).click()
    await page.getByRole('heading', { name: 'Signed out' }).waitFor()
    await page.goto(oidc.buildEndSessionUrl(rp, { id_token_hint: tokens.id_token! }).href)
    await page.getByRole('heading', { name: 'Signed out' }).waitFor({ timeout: 3000 })
    expect(problems).toEqual([])
    await close()
  })
})
