/**
 * Screenshots of the account pages for the docs: docs/images/account-<page>.png.
 *   npm run screenshots (after the admin console's); then the OpenID sign-in pages (authorize-screenshots.ts)
 * A throwaway server on embedded PostgreSQL (PGlite) in a temporary directory, a shopper with
 * some history (two other devices, a token), and the system's Chromium, as in the browser tests.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { buildApp } from '../src/app'
import { loadConfig } from '../src/config'
import { PROJECT_ROOT } from '../src/lib/project-root'
import { insertOrganizationWithDefaults } from '../src/modules/organizations/organizations.repository'
import { ACCOUNT_PROFILE_SCHEMA, goTo, openAccount, signIn, totpCode } from '../test/support/account-steps'
import { freePort, launchChromium } from '../test/support/chromium'
import { shootAuthorize } from './authorize-screenshots'

const OUT = path.join(PROJECT_ROOT, 'docs/images')
const PASSWORD = 'correct horse battery staple 7'
const dataDir = mkdtempSync(path.join(tmpdir(), 'cc-shots-'))
const port = await freePort()
const base = `http://127.0.0.1:${port}`
const app = await buildApp(loadConfig({
  DATA_DIR: dataDir, PUBLIC_URL: base, COMMERCECORE_SECRET_KEY: 'screenshots-secret-key-that-is-long-enough-0123',
  PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_ITERATIONS: '1', LOG_LEVEL: 'silent',
}), { logger: false })
const browser = await launchChromium()
try {
  await app.listen({ port, host: '127.0.0.1' })
  const org = await app.ctx.db.transaction((tx) => insertOrganizationWithDefaults(tx, { name: 'Acme Outdoor Supplies', slug: 'acme', profileSchema: ACCOUNT_PROFILE_SCHEMA }))
  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-organization': org.slug, ...headers }, body: JSON.stringify(body) }).then((r) => r.json())
  await post('/api/v1/auth/register/', { username: 'ada', email: 'ada@example.com', password: PASSWORD, first_name: 'Ada', last_name: 'Lovelace', profile: { shoe_size: 39, favourite_trail: 'West Highland Way' } }, { 'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36' })
  await post('/api/v1/auth/login/', { username: 'ada', password: PASSWORD }, { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Version/18.1 Mobile/15E148 Safari/604.1' })
  const { access } = await post('/api/v1/auth/login/', { username: 'ada', password: PASSWORD }, { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0' })
  await post('/api/v1/auth/tokens/', { name: 'spreadsheet sync' }, { authorization: `Bearer ${access}` })

  mkdirSync(OUT, { recursive: true })
  const context = await browser.newContext({ viewport: { width: 1000, height: 760 } })
  const page = await context.newPage()
  const shot = async (name: string) => {
    await page.mouse.move(0, 0) // no hover state in the picture
    await page.screenshot({ path: path.join(OUT, `account-${name}.png`), fullPage: true })
  }

  await openAccount(page, base, org.slug)
  await page.getByRole('button', { name: 'Sign in' }).waitFor()
  await shot('sign-in')
  await signIn(page, 'ada', PASSWORD)
  await page.getByRole('button', { name: 'Save profile' }).waitFor()
  await shot('profile')

  await goTo(page, 'Password', 'Change password')
  await page.getByLabel('Current password').fill(PASSWORD)
  await page.getByLabel('New password', { exact: true }).fill('password1234')
  await page.getByLabel('Repeat the new password').fill('password1234')
  await page.getByRole('button', { name: 'Change password' }).click()
  await page.locator('#new_password-errors').waitFor()
  await shot('password')

  await goTo(page, 'Two-factor', 'Two-factor authentication')
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click()
  await page.getByTestId('totp-qr').waitFor()
  await shot('two-factor')
  const totpSecret = (await page.getByTestId('totp-secret').textContent()) ?? ''
  await page.getByLabel('Code from the app').fill(totpCode(totpSecret))
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click()
  await page.getByTestId('recovery-codes').waitFor()
  await shot('recovery-codes')
  await page.getByRole('button', { name: 'I have saved my recovery codes' }).click()

  await goTo(page, 'Devices', 'Signed-in devices')
  await page.getByTestId('sessions').waitFor()
  await shot('sessions')
  await page.setViewportSize({ width: 390, height: 760 }) // a phone: one column, rows stacked
  await shot('sessions-phone')
  await page.setViewportSize({ width: 1000, height: 760 })

  await goTo(page, 'Access tokens', 'Personal access tokens')
  await page.getByLabel('Token name').fill('order export')
  await page.getByRole('button', { name: 'Create token' }).click()
  await page.getByTestId('new-token').waitFor()
  await shot('tokens')
  console.log(`wrote ${OUT}/account-*.png`)
  await shootAuthorize(app, browser, base, org, { login: 'ada', password: PASSWORD, totpSecret })
  console.log(`wrote ${OUT}/authorize-*.png`)
} finally {
  await browser.close()
  await app.close()
  rmSync(dataDir, { recursive: true, force: true })
}

