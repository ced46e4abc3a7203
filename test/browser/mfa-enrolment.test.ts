import type { FastifyInstance } from 'fastify'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app'
import { call, testConfig, unique } from '../support/helpers'
import { DEMO, seedDemo, type Demo } from '../support/admin-demo'
import { totpCode } from '../support/account-steps'
import { launchChromium, seriousA11yViolations, watchedPage } from '../support/chromium'

/** REQUIRE_MFA_FOR_SUPERUSERS: the shared sign-in enrols a superuser who has no TOTP yet, then lets them in. */
describe('MFA enrolment at sign-in, in Chromium', () => {
  let app: FastifyInstance
  let base: string
  let browser: Promise<Browser>
  let demo: Demo

  beforeAll(async () => {
    browser = launchChromium()
    browser.catch(() => undefined)
    app = await buildApp(testConfig({ requireMfaForSuperusers: true }), { migrate: false, logger: false })
    base = await app.listen({ port: 0, host: '127.0.0.1' })
    demo = await seedDemo(app, unique('enrol-'))
  })
  afterAll(async () => {
    await browser?.then((b) => b.close(), () => undefined)
    await app?.close()
  })

  async function passwordStep(page: Page, username: string) {
    await page.getByLabel('Username or email').fill(username)
    await page.getByLabel('Password').fill(DEMO.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
  }

  it('a superuser without MFA enrols in the console\'s sign-in (QR, key, code, recovery codes once) and lands in the console', async () => {
    const { page, problems, close } = await watchedPage(await browser)
    await page.goto(`${base}/admin/?org=${demo.org.slug}`)
    await passwordStep(page, demo.superuser.username)
    await page.getByTestId('totp-qr').waitFor()
    expect(await page.getByRole('button', { name: 'Forgot your password?' }).count()).toBe(0)
    expect(await seriousA11yViolations(page)).toEqual([])
    const secret = (await page.getByTestId('totp-secret').textContent()) as string
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)

    await page.getByLabel('Code from the app').fill('000000')
    await page.getByRole('button', { name: 'Turn on two-factor authentication and sign in' }).click()
    await page.getByTestId('code-errors').getByText('The code is not valid.').waitFor()

    await page.getByLabel('Code from the app').fill(totpCode(secret))
    await page.getByRole('button', { name: 'Turn on two-factor authentication and sign in' }).click()
    await page.getByTestId('recovery-codes').waitFor()
    const codes = (await page.getByTestId('recovery-codes').locator('li').allTextContents()).map((c) => c.trim())
    expect(codes).toHaveLength(10)
    expect(await seriousA11yViolations(page)).toEqual([])
    expect(await page.getByTestId('signed-in-as').count()).toBe(0) // the console only after the codes
    await page.getByRole('button', { name: 'I have saved my recovery codes' }).click()
    await page.getByRole('heading', { name: 'Users' }).waitFor()
    expect(await page.getByTestId('signed-in-as').textContent()).toBe(`${demo.superuser.username} (superuser)`)
    expect(await page.getByTestId('recovery-codes').count()).toBe(0)
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length + document.cookie.length)).toBe(0)
    const login = await call(app, 'POST', '/api/v1/auth/login/', { org: demo.org.slug, body: { username: demo.superuser.username, password: DEMO.password } })
    expect(login.body.mfa_required).toBe(true) // enrolled on the server

    // Enrolled for real: the next sign-in asks for a code, and a recovery code shown above works once.
    await page.getByRole('button', { name: 'Sign out' }).click()
    await passwordStep(page, demo.superuser.username)
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click()
    expect(await page.getByRole('button', { name: 'Forgot your password?' }).count()).toBe(0)
    await page.getByLabel('Recovery code').fill(codes[0])
    await page.getByRole('button', { name: 'Verify' }).click()
    await page.getByRole('heading', { name: 'Users' }).waitFor()
    expect(problems.filter((p) => !p.includes('status of 400') && !p.includes('status of 403'))).toEqual([]) // the wrong code's 400, the login's 403
    await close()
  })

  it('enrolled, but the console could not open (GET /auth/me/access/ fails): the recovery codes are shown anyway, then the problem', async () => {
    const { page, close } = await watchedPage(await browser)
    await page.route('**/api/v1/auth/me/access/', (route) => route.fulfill({ status: 500, json: { detail: 'boom' } }))
    const other = await seedDemo(app, unique('enrol-'))
    await page.goto(`${base}/admin/?org=${other.org.slug}`)
    await passwordStep(page, other.superuser.username)
    const secret = (await page.getByTestId('totp-secret').textContent()) as string
    await page.getByLabel('Code from the app').fill(totpCode(secret))
    await page.getByRole('button', { name: 'Turn on two-factor authentication and sign in' }).click()
    await page.getByTestId('recovery-codes').waitFor()
    expect(await page.getByTestId('recovery-codes').locator('li').count()).toBe(10)
    await page.getByRole('button', { name: 'I have saved my recovery codes' }).click()
    await page.getByText('The server had a problem. Try again later.').waitFor()
    expect(await page.getByTestId('signed-in-as').count()).toBe(0)
    await page.getByRole('button', { name: 'Sign in again' }).click()
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    await close()
  })

  it('a setup token is no way in: a wrong one at the enrolment step says so and goes nowhere', async () => {
    const { page, close } = await watchedPage(await browser)
    await page.route('**/api/v1/auth/login/', async (route) => {
      const response = await route.fetch()
      const body = await response.json()
      await route.fulfill({ response, json: { ...body, mfa_token: 'forged-token' } })
    })
    const other = await seedDemo(app, unique('enrol-'))
    await page.goto(`${base}/admin/?org=${other.org.slug}`)
    await passwordStep(page, other.superuser.username)
    await page.getByText('This account must use two-factor authentication').waitFor()
    await page.getByRole('alert').waitFor()
    expect(await page.getByTestId('totp-qr').count()).toBe(0)
    expect(await page.getByTestId('signed-in-as').count()).toBe(0)
    await page.getByRole('button', { name: 'Start over' }).click()
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    await close()
  })
})
