/**
 * `npm run screenshots`: docs/images/admin-<screen>.png from a seeded demo. A throwaway
 * embedded database (nothing to set up), the real server on a free port, the system's
 * Chromium signing in as a staff member through the console, one picture per screen.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { Browser, Page } from 'playwright-core'
import { buildApp } from '../src/app'
import { loadConfig } from '../src/config'
import { PROJECT_ROOT } from '../src/lib/project-root'
import { launchChromium } from '../test/support/chromium'
import { DEMO, enrolMfa, seedDemo, totpNow } from '../test/support/admin-demo'
import { seedScreensDemo } from '../test/support/admin-demo-screens'

const OUT = path.join(PROJECT_ROOT, 'docs/images')

async function shoot(page: Page, name: string, fullPage = true) {
  await page.screenshot({ path: path.join(OUT, `admin-${name}.png`), fullPage })
  console.log(`docs/images/admin-${name}.png`)
}

const openScreen = (page: Page, title: string) => page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: title }).click()

/** Developers and a freshly shown key, OAuth clients and a freshly rotated secret, products, orders, the audit log, the organization's settings; as the staff member. */
async function shootOtherScreens(page: Page) {
  await openScreen(page, 'Developers')
  await page.getByTestId('developer-shop-backend').waitFor()
  await shoot(page, 'developers')
  await page.getByRole('link', { name: 'shop-backend' }).click()
  await page.getByTestId('key-storefront').waitFor()
  await page.getByLabel('Key name').fill('ci-deploy')
  await page.getByRole('button', { name: 'Create key' }).click()
  await page.getByTestId('new-key').waitFor()
  await page.getByTestId('key-ci-deploy').waitFor()
  await shoot(page, 'developer')
  await openScreen(page, 'OAuth clients')
  await page.getByTestId('client-Acme storefront').waitFor()
  await shoot(page, 'oauth-clients')
  await page.getByRole('link', { name: 'Acme storefront' }).click()
  await page.getByRole('button', { name: 'Rotate secret' }).click()
  await page.getByRole('button', { name: 'Yes, rotate' }).click()
  await page.getByTestId('new-client-secret').waitFor()
  await shoot(page, 'oauth-client')
  await openScreen(page, 'Products')
  await page.getByTestId('product-TENT-2P').waitFor()
  await shoot(page, 'products')
  await page.getByRole('link', { name: 'Two-person tent' }).click()
  await page.getByLabel('SKU').waitFor()
  await shoot(page, 'product')
  await openScreen(page, 'Orders')
  await page.getByRole('button', { name: /^Mark shipped/ }).waitFor()
  await shoot(page, 'orders')
  await openScreen(page, 'Audit log')
  await page.getByTestId('audit-event').nth(5).waitFor()
  await page.getByTestId('audit-event').filter({ hasText: 'api_key.created' }).first().getByText('Metadata').click()
  await shoot(page, 'audit')
  await openScreen(page, 'Organizations')
  await page.getByRole('link', { name: DEMO.org.name }).click()
  await page.getByLabel('Profile JSON Schema').fill('{"type": "object", "properties": {"shoe_size": {"type": "integer", "pattern": "(?=4)"}}}')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await page.getByTestId('org-profile-schema-errors').waitFor()
  await shoot(page, 'organization')
}

/** A server on a throwaway embedded database, with `env` on top of the screenshots' settings; closed and removed by `done`. */
async function startServer(env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cc-shots-'))
  const config = loadConfig({
    DATA_DIR: dataDir, COMMERCECORE_SECRET_KEY: 'screenshots-secret-key-that-is-long-enough-0123',
    PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_ITERATIONS: '1', THROTTLE_AUTH_PER_IP: 'off', LOG_LEVEL: 'silent', ...env,
  })
  const app: FastifyInstance = await buildApp(config, { logger: false })
  const done = async () => { await app.close(); rmSync(dataDir, { recursive: true, force: true }) }
  return { app, done }
}

/** REQUIRE_MFA_FOR_SUPERUSERS (a server of its own): the superuser enrols in the sign-in, then sees the recovery codes once. */
async function shootEnrolment(browser: Browser) {
  const { app, done } = await startServer({ REQUIRE_MFA_FOR_SUPERUSERS: 'true' })
  try {
    const address = await app.listen({ port: 0, host: '127.0.0.1' })
    const demo = await seedDemo(app)
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' })).newPage()
    await page.goto(`${address}/admin/?org=${DEMO.org.slug}`)
    await page.getByLabel('Username or email').fill(demo.superuser.username)
    await page.getByLabel('Password').fill(DEMO.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    const secret = (await page.getByTestId('totp-secret').textContent()) as string
    await shoot(page, 'mfa-setup')
    await page.getByLabel('Code from the app').fill(totpNow(secret))
    await page.getByRole('button', { name: 'Turn on two-factor authentication and sign in' }).click()
    await page.getByTestId('recovery-codes').waitFor()
    await shoot(page, 'mfa-setup-codes')
  } finally {
    await done()
  }
}

async function main() {
  const { app, done } = await startServer()
  const browser = await launchChromium()
  try {
    const address = await app.listen({ port: 0, host: '127.0.0.1' })
    const demo = await seedDemo(app)
    await seedScreensDemo(app, demo)
    const secret = await enrolMfa(app, DEMO.org.slug, demo.staff.username)
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' })).newPage()
    await page.goto(`${address}/admin/?org=${DEMO.org.slug}`)
    await page.getByLabel('Username or email').fill(demo.staff.username)
    await page.getByLabel('Password').fill(DEMO.password)
    await shoot(page, 'sign-in')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByLabel('Authentication code').fill(totpNow(secret))
    await shoot(page, 'mfa')
    await page.getByRole('button', { name: 'Verify' }).click()
    await page.getByRole('heading', { name: 'Users' }).waitFor()
    await page.getByTestId(`user-${demo.users[0].username}`).waitFor()
    await shoot(page, 'users')
    await page.getByRole('link', { name: demo.users[0].username, exact: true }).click()
    await page.getByRole('heading', { name: 'Roles', exact: true }).waitFor()
    await page.getByText('Save roles').waitFor()
    await shoot(page, 'user')
    await page.getByRole('link', { name: 'Roles & permissions' }).click()
    await page.getByRole('columnheader', { name: 'support' }).waitFor()
    await shoot(page, 'roles')
    // A phone: the navigation above the screen, wide tables scroll inside their box
    await page.setViewportSize({ width: 390, height: 844 })
    await page.getByRole('columnheader', { name: 'support' }).waitFor()
    await shoot(page, 'roles-phone', false)
    await page.getByRole('link', { name: 'Users' }).click()
    await page.getByTestId(`user-${demo.users[0].username}`).waitFor()
    await shoot(page, 'users-phone', false)
    await page.setViewportSize({ width: 1280, height: 800 })
    await shootOtherScreens(page)
    // A superuser's header: the organization switcher
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByLabel('Username or email').fill(demo.superuser.username)
    await page.getByLabel('Password').fill(DEMO.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('link', { name: 'Users' }).click()
    await page.getByTestId(`user-${demo.users[0].username}`).waitFor()
    await page.getByLabel('Switch to organization').fill('ac')
    await shoot(page, 'superuser', false)
    await page.getByLabel('Switch to organization').fill('')
    await openScreen(page, 'Organizations')
    await page.getByRole('link', { name: 'Birch Bicycles' }).waitFor()
    await shoot(page, 'organizations')
    await shootEnrolment(browser)
  } finally {
    await browser.close()
    await done()
  }
}

await main()
