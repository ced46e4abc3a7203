import { eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app'
import { oneTimeTokens } from '../../src/db/schema'
import { checkPassword } from '../../src/lib/password-policy'
import { startSmtp } from '../support/security-helpers'
import { insertOrganizationWithDefaults } from '../../src/modules/organizations/organizations.repository'
import { PAGE_CSP } from '../../src/modules/pages/pages.routes'
import { call, PASSWORD, registerUser, testConfig, unique } from '../support/helpers'
import { freePort, launchChromium, linkIn, seriousA11yViolations, watchedPage } from '../support/chromium'

const ORG_NAME = 'Acme Outdoor Supplies'
const NEW_PASSWORD = 'lantern orchard velvet 42 quietly'
const EXPIRED = 'This link is invalid, has expired or was already used. Ask for a new one.'

describe('hosted pages in Chromium', () => {
  let app: FastifyInstance
  // Awaited by each test, so a machine without Chromium fails every test with how to install it (not skips).
  let browser: Promise<Browser>
  let smtp: Awaited<ReturnType<typeof startSmtp>>
  let org: { slug: string }

  beforeAll(async () => {
    browser = launchChromium()
    browser.catch(() => undefined)
    smtp = await startSmtp()
    const port = await freePort()
    app = await buildApp(testConfig({ smtpUrl: smtp.url, publicUrl: `http://127.0.0.1:${port}` }), { migrate: false, logger: false })
    await app.listen({ port, host: '127.0.0.1' })
    const slug = unique('shop-')
    org = await app.ctx.db.transaction((tx) => insertOrganizationWithDefaults(tx, { name: ORG_NAME, slug }))
  })
  /** The link in the first email to `to` that has one to `path` (each test's user has its own address). */
  async function linkMailedTo(to: string, path: string): Promise<string> {
    for (let n = 1; ; n++) {
      const mail = (await smtp.waitFor(n)).find((m) => m.to.includes(to) && m.text.includes(`${path}?`))
      if (mail) return linkIn(mail.text, path)
    }
  }

  afterAll(async () => {
    await browser?.then((b) => b.close(), () => undefined)
    await app?.close()
    await smtp?.close()
  })

  it('reset: the emailed link opens a themed form, the policy speaks at the field, the new password works, the token dies', async () => {
    const user = await registerUser(app, org)
    expect((await call(app, 'POST', '/api/v1/auth/password/forgot/', { body: { email: user.user.email }, org: org.slug })).status).toBe(202)
    const link = await linkMailedTo(user.user.email, '/reset-password')
    expect(link).toContain(`&org=${org.slug}`)

    const { page, problems, close } = await watchedPage(await browser)
    const response = await page.goto(link)
    expect(response?.headers()['content-security-policy']).toBe(PAGE_CSP)
    expect(response?.headers()['cache-control']).toBe('no-store')
    expect(response?.headers()['referrer-policy']).toBe('no-referrer')
    await page.getByText(ORG_NAME).waitFor()
    expect(page.url()).not.toContain('token')
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).toBe('{}{}')
    expect(await seriousA11yViolations(page)).toEqual([])

    const weak = user.user.username
    await page.getByLabel('New password', { exact: true }).fill(weak)
    await page.getByLabel('Repeat the new password').fill(weak)
    await page.getByRole('button', { name: 'Set new password' }).click()
    const expected = checkPassword(weak, app.ctx.config.passwordMinLength, { username: user.user.username, email: user.user.email })
    expect(expected.length).toBeGreaterThan(0)
    await page.locator('#new_password-errors').waitFor()
    expect(await page.locator('#new_password-errors li').allTextContents()).toEqual(expected)
    expect(await page.getByLabel('New password', { exact: true }).getAttribute('aria-invalid')).toBe('true')
    expect(await seriousA11yViolations(page)).toEqual([])

    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD)
    await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD)
    await page.getByRole('button', { name: 'Set new password' }).click()
    await page.getByText('Your password has been changed.').waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])

    const login = (password: string) => call(app, 'POST', '/api/v1/auth/login/', { body: { username: user.user.username, password }, org: org.slug })
    expect((await login(NEW_PASSWORD)).status).toBe(200)
    expect((await login(PASSWORD)).status).toBe(401)
    const used = await call(app, 'POST', '/api/v1/auth/password/reset/', { body: { token: new URL(link).searchParams.get('token'), new_password: `${NEW_PASSWORD} 2` } })
    expect(used).toMatchObject({ status: 400, body: { token: ['Invalid or expired token.'] } })

    // The same link again: the form shows, and the used token is refused with a clear message.
    await page.goto(link)
    await page.getByLabel('New password', { exact: true }).fill(`${NEW_PASSWORD} again`)
    await page.getByLabel('Repeat the new password').fill(`${NEW_PASSWORD} again`)
    await page.getByRole('button', { name: 'Set new password' }).click()
    await page.getByText(EXPIRED).waitFor()
    expect((await login(NEW_PASSWORD)).status).toBe(200)
    expect(problems).toEqual([])
    await close()
  })

  it('reset: a link whose org was changed still resets the token\'s account, without a name', async () => {
    const user = await registerUser(app, org)
    await call(app, 'POST', '/api/v1/auth/password/forgot/', { body: { email: user.user.email }, org: org.slug })
    const link = (await linkMailedTo(user.user.email, '/reset-password')).replace(`org=${org.slug}`, 'org=no-such-org')

    const { page, problems, close } = await watchedPage(await browser)
    await page.goto(link)
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD)
    await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD)
    await page.getByRole('button', { name: 'Set new password' }).click()
    await page.getByText('Your password has been changed.').waitFor()
    expect(await page.getByTestId('organization').textContent()).toBe('Your account')
    expect((await call(app, 'POST', '/api/v1/auth/login/', { body: { username: user.user.username, password: NEW_PASSWORD }, org: org.slug })).status).toBe(200)
    expect(problems.filter((p) => !p.includes('status of 404'))).toEqual([]) // the name lookup's 404
    await close()
  })

  it('verify: the emailed link verifies on load; a second visit says the link is used', async () => {
    const user = await registerUser(app, org)
    // Registration mails the verification link.
    const link = await linkMailedTo(user.user.email, '/verify-email')

    const { page, problems, close } = await watchedPage(await browser)
    const response = await page.goto(link)
    expect(response?.headers()['content-security-policy']).toBe(PAGE_CSP)
    await page.getByText('Your email address is confirmed.').waitFor()
    await page.getByText(ORG_NAME).waitFor()
    expect(page.url()).not.toContain('token')
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: user.access })).body.email_verified).toBe(true)
    expect(await seriousA11yViolations(page)).toEqual([])

    await page.goto(link)
    await page.getByText(EXPIRED).waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])
    expect(problems).toEqual([])
    await close()
  })

  it('verify: an expired link says so, and the address stays unverified', async () => {
    const user = await registerUser(app, org)
    const link = await linkMailedTo(user.user.email, '/verify-email')
    await app.ctx.db.update(oneTimeTokens).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(oneTimeTokens.userId, user.user.id))

    const { page, problems, close } = await watchedPage(await browser)
    await page.goto(link)
    await page.getByText(EXPIRED).waitFor()
    expect(page.url()).not.toContain('token')
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: user.access })).body.email_verified).toBe(false)
    expect(problems).toEqual([])
    await close()
  })

  it('assets: hashed names immutable with their content type; HTML never cached; unknown assets 404', async () => {
    const html = await fetch(`${app.ctx.config.publicUrl}/verify-email`)
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const [script] = /\/assets\/[\w-]+\.js/.exec(await html.text()) ?? []
    const js = await fetch(`${app.ctx.config.publicUrl}${script}`)
    expect(js.status).toBe(200)
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect((await fetch(`${app.ctx.config.publicUrl}/assets/..%2Fmanifest.json`)).status).toBe(404)
    expect((await fetch(`${app.ctx.config.publicUrl}/assets/nope-AAAA.js`)).status).toBe(404)
  })
})
