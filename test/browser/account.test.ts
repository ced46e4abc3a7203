import type { FastifyInstance } from 'fastify'
import type { Browser, Page } from 'playwright-core'
import decodeQR from 'qr/decode.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app'
import { checkPassword } from '../../src/lib/password-policy'
import { insertOrganizationWithDefaults } from '../../src/modules/organizations/organizations.repository'
import { startSmtp } from '../support/security-helpers'
import { PAGE_CSP } from '../../src/modules/pages/pages.routes'
import { call, PASSWORD, registerUser, testConfig, unique } from '../support/helpers'
import { ACCOUNT_PROFILE_SCHEMA, enrolTotp, goTo, openAccount, signIn } from '../support/account-steps'
import { freePort, launchChromium, linkIn, seriousA11yViolations, watchedPage } from '../support/chromium'
import { expectNoTokenAtRest, recordTokens } from '../support/page-tokens'

const ORG_NAME = 'Acme Outdoor Supplies'
const NEW_PASSWORD = 'lantern orchard velvet 42 quietly'

/** The QR code as the browser drew it, decoded: what a phone's camera would read. */
async function qrText(page: Page): Promise<string> {
  const size = 240
  // One character per pixel, dark or light: far less to carry out of the page than RGBA numbers.
  const pixels = await page.getByTestId('totp-qr').evaluate(async (svg, side) => {
    const img = new Image()
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`
    await img.decode()
    const canvas = document.createElement('canvas')
    canvas.width = canvas.height = side
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D
    ctx.drawImage(img, 0, 0, side, side)
    const { data } = ctx.getImageData(0, 0, side, side)
    let out = ''
    for (let i = 0; i < data.length; i += 4) out += data[i] < 128 ? '1' : '0'
    return out
  }, size)
  const data = new Uint8ClampedArray(size * size * 4)
  for (let i = 0; i < pixels.length; i++) data.fill(pixels[i] === '1' ? 0 : 255, i * 4, i * 4 + 3).fill(255, i * 4 + 3, i * 4 + 4)
  return decodeQR({ width: size, height: size, data })
}

describe('account pages in Chromium', () => {
  let app: FastifyInstance
  let browser: Promise<Browser>
  let org: { id: string; slug: string }
  let base: string
  let smtp: Awaited<ReturnType<typeof startSmtp>>

  beforeAll(async () => {
    browser = launchChromium()
    browser.catch(() => undefined)
    smtp = await startSmtp()
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    app = await buildApp(testConfig({ publicUrl: base, smtpUrl: smtp.url }), { migrate: false, logger: false })
    await app.listen({ port, host: '127.0.0.1' })
    org = await app.ctx.db.transaction((tx) => insertOrganizationWithDefaults(tx, { name: ORG_NAME, slug: unique('shop-'), profileSchema: ACCOUNT_PROFILE_SCHEMA }))
  })
  afterAll(async () => {
    await browser?.then((b) => b.close(), () => undefined)
    await app?.close()
    await smtp?.close()
  })

  /** The link to `path` in the `n`-th email to `to` that has one (each test's user has its own address). */
  async function linkMailedTo(to: string, path: string, n = 1): Promise<string> {
    for (let total = 1; ; total++) {
      const mails = (await smtp.waitFor(total)).filter((m) => m.to.includes(to) && m.text.includes(`${path}?`))
      if (mails.length >= n) return linkIn(mails[n - 1].text, path)
    }
  }

  const login = (username: string, password: string) => call(app, 'POST', '/api/v1/auth/login/', { body: { username, password }, org: org.slug })

  it('signs in themed, edits the profile (schema fields), changes the password with the policy speaking at the field', async () => {
    const user = await registerUser(app, org)
    const { page, problems, close } = await watchedPage(await browser)
    const tokens = recordTokens(page)
    const response = await openAccount(page, base, org.slug)
    expect(response?.headers()['content-security-policy']).toBe(PAGE_CSP)
    await page.getByText(ORG_NAME).waitFor()
    expect(await page.getByLabel('Organization').count()).toBe(0) // the address names it
    expect(await seriousA11yViolations(page)).toEqual([])
    await signIn(page, user.user.username, PASSWORD)
    await expectNoTokenAtRest(page, tokens)

    expect(await page.getByTestId('email-status').textContent()).toContain('not confirmed yet')
    await page.getByRole('button', { name: 'Send the link again' }).click()
    await page.getByText('We sent you a new link').waitFor()
    const second = await linkMailedTo(user.user.email, '/verify-email', 2) // the first came with the registration
    expect((await call(app, 'POST', '/api/v1/auth/email/verify/', { body: { token: new URL(second).searchParams.get('token') } })).status).toBe(204)

    await page.getByLabel('First name').fill('Ada')
    await page.getByLabel('Shoe size (EU)').fill('12')
    await page.getByRole('button', { name: 'Save profile' }).click()
    await page.getByTestId('profile-errors').waitFor() // the organization's schema refused it, at the profile
    expect(await page.getByTestId('profile-errors').textContent()).toContain('shoe_size')
    await page.getByLabel('Shoe size (EU)').fill('43')
    await page.getByLabel('Send me the newsletter').check()
    await page.getByLabel('Other profile data (JSON)').fill('{"nickname": "ada"}')
    await page.getByRole('button', { name: 'Save profile' }).click()
    await page.getByText('Your profile has been saved.').waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])
    const me = await call(app, 'GET', '/api/v1/auth/me/', { token: user.access })
    expect(me.body).toMatchObject({ first_name: 'Ada', profile: { shoe_size: 43, newsletter: true, nickname: 'ada' } })

    await goTo(page, 'Password', 'Change password')
    const weak = user.user.username
    await page.getByLabel('Current password').fill(PASSWORD)
    await page.getByLabel('New password', { exact: true }).fill(weak)
    await page.getByLabel('Repeat the new password').fill(weak)
    await page.getByRole('button', { name: 'Change password' }).click()
    await page.locator('#new_password-errors').waitFor()
    const expected = checkPassword(weak, app.ctx.config.passwordMinLength, { username: user.user.username, email: user.user.email })
    expect(expected.length).toBeGreaterThan(0)
    expect(await page.locator('#new_password-errors li').allTextContents()).toEqual(expected)
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD)
    await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD)
    await page.getByRole('button', { name: 'Change password' }).click()
    await page.getByText('Your password has been changed.').waitFor()
    expect((await login(user.user.username, NEW_PASSWORD)).status).toBe(200)
    expect((await login(user.user.username, PASSWORD)).status).toBe(401)
    await expectNoTokenAtRest(page, tokens)
    expect(problems).toEqual([])
    await close()
  })

  it('forgot password: the sign-in offers the reset email of the address\'s organization', async () => {
    const user = await registerUser(app, org)
    const { page, problems, close } = await watchedPage(await browser)
    await openAccount(page, base, org.slug)
    await page.getByRole('button', { name: 'Forgot your password?' }).click()
    await page.getByLabel('Email address').fill(user.user.email)
    await page.getByRole('button', { name: 'Email me a link' }).click()
    await page.getByText('If an account uses this email address').waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])
    const link = await linkMailedTo(user.user.email, '/reset-password')
    expect(link).toContain(`org=${org.slug}`)
    await page.getByRole('button', { name: 'Back to sign-in' }).click()
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    expect(problems).toEqual([])
    await close()
  })

  it('another organization\'s page does not sign its shoppers in (the address picks the organization, not the account)', async () => {
    const user = await registerUser(app, org)
    const other = await app.ctx.db.transaction((tx) => insertOrganizationWithDefaults(tx, { name: 'Other Shop', slug: unique('other-') }))
    const { page, problems, close } = await watchedPage(await browser)
    await openAccount(page, base, other.slug)
    await page.getByText('Other Shop').waitFor()
    await page.getByLabel('Username or email').fill(user.user.username)
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByText('No active account found with the given credentials').waitFor()
    expect(await page.getByTestId('signed-in-as').count()).toBe(0)
    expect(problems.filter((p) => !p.includes('status of 401'))).toEqual([]) // the refused login's 401
    await close()
  })

  it('enrols TOTP from the page (QR and key), shows recovery codes once, signs in again with the code, turns MFA off', async () => {
    const user = await registerUser(app, org)
    const { page, problems, close } = await watchedPage(await browser)
    const tokens = recordTokens(page)
    await openAccount(page, base, org.slug, 'two-factor')
    await signIn(page, user.user.username, PASSWORD)
    await page.getByRole('heading', { name: 'Two-factor authentication', level: 2 }).waitFor() // the address's section, after sign-in
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click()
    await page.getByTestId('totp-qr').waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])
    const shownSecret = await page.getByTestId('totp-secret').textContent()
    const otpauth = new URL(await qrText(page))
    expect(otpauth.protocol).toBe('otpauth:')
    expect(otpauth.searchParams.get('secret')).toBe(shownSecret)
    await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Profile' }).click() // abandon; start again below

    const { secret, recoveryCodes } = await enrolTotp(page)
    expect(secret).not.toBe(shownSecret) // a new setup, a new key
    expect(recoveryCodes).toHaveLength(10)
    expect(new Set(recoveryCodes).size).toBe(10)
    expect(await seriousA11yViolations(page)).toEqual([])
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: user.access })).body.mfa_enabled).toBe(true)
    await page.getByRole('button', { name: 'I have saved my recovery codes' }).click()
    await page.getByTestId('mfa-status').waitFor() // the account was reloaded while the codes were on screen
    expect(await page.getByTestId('recovery-codes').count()).toBe(0) // shown once

    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    await signIn(page, user.user.username, PASSWORD, secret)
    await expectNoTokenAtRest(page, tokens)

    await goTo(page, 'Two-factor', 'Two-factor authentication')
    await page.getByRole('radio', { name: 'Password' }).check()
    await page.getByLabel('Your password').fill('not the password at all')
    await page.getByRole('button', { name: 'Turn off two-factor authentication' }).click()
    await page.getByText('The password is not correct.').waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.getByLabel('Your password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Turn off two-factor authentication' }).click()
    await page.getByTestId('notice').getByText('Two-factor authentication is off.').waitFor()
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: user.access })).body.mfa_enabled).toBe(false)
    expect(problems).toEqual([])
    await close()
  })

  it('lists sessions, ends another one (its refresh then fails), signs out everywhere', async () => {
    const user = await registerUser(app, org)
    const apiLogin = async (userAgent: string) => (await call(app, 'POST', '/api/v1/auth/login/', { body: { username: user.user.username, password: PASSWORD }, org: org.slug, headers: { 'user-agent': userAgent } })).body as { access: string; refresh: string }
    const other = await apiLogin('OrderSync/2.1')
    const tablet = await apiLogin('TabletShop/1.0')
    const { page, problems, close } = await watchedPage(await browser)
    await openAccount(page, base, org.slug, 'sessions')
    await signIn(page, user.user.username, PASSWORD)
    const rows = page.getByTestId('session')
    await rows.first().waitFor()
    expect(await rows.count()).toBe(4) // registration, two API sign-ins, this browser
    expect(await rows.filter({ hasText: 'This device' }).count()).toBe(1)
    expect(await rows.filter({ hasText: 'This device' }).textContent()).toContain('Chrome on Linux')
    expect(await seriousA11yViolations(page)).toEqual([])

    await rows.filter({ hasText: 'OrderSync/2.1' }).getByRole('button', { name: 'Sign out' }).click()
    await page.getByText('OrderSync/2.1 was signed out.').waitFor()
    expect(await rows.count()).toBe(3)
    expect((await call(app, 'POST', '/api/v1/auth/token/refresh/', { body: { refresh: other.refresh } })).status).toBe(401)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: other.access })).status).toBe(401)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: tablet.access })).status).toBe(200)

    await page.getByRole('button', { name: 'Sign out everywhere' }).click()
    await page.getByText('You are signed out on every device.').waitFor()
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    expect((await call(app, 'POST', '/api/v1/auth/token/refresh/', { body: { refresh: tablet.refresh } })).status).toBe(401)
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: tablet.access })).status).toBe(401)
    expect(await seriousA11yViolations(page)).toEqual([])
    expect(problems).toEqual([])
    await close()
  })

  it('creates a personal access token (shown once, copyable), lists it, revokes it: the key then gets 401', async () => {
    const user = await registerUser(app, org)
    const { page, problems, close } = await watchedPage(await browser)
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base })
    await openAccount(page, base, org.slug, 'tokens')
    await signIn(page, user.user.username, PASSWORD)
    await page.getByText('You have no tokens.').waitFor()
    await page.getByRole('button', { name: 'Create token' }).click()
    await page.locator('#name-errors').waitFor() // a name is required (the API says so)
    await page.getByLabel('Token name').fill('order export')
    await page.getByRole('button', { name: 'Create token' }).click()
    const key = (await page.getByTestId('new-token').textContent()) ?? ''
    expect(key).toMatch(/^cc_/)
    await page.getByRole('button', { name: 'Copy the token' }).click()
    await page.getByText('Copied.').waitFor()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key)
    expect(await page.getByTestId('token').count()).toBe(1)
    expect(await page.getByTestId('token').textContent()).toContain('order export')
    expect(await page.getByTestId('token').textContent()).not.toContain(key) // the list shows the prefix only
    expect(await seriousA11yViolations(page)).toEqual([])
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: key })).status).toBe(200)

    await page.getByRole('button', { name: 'Revoke order export' }).click()
    await page.getByText('The token order export was revoked').waitFor()
    expect(await page.getByTestId('new-token').count()).toBe(0)
    await page.getByText('You have no tokens.').waitFor()
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: key })).status).toBe(401)
    expect(problems).toEqual([])
    await close()
  })
})
