import type { FastifyInstance } from 'fastify'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app'
import { PAGE_CSP } from '../../src/modules/pages/pages.routes'
import { call, testConfig, unique } from '../support/helpers'
import { DEMO, enrolMfa, seedDemo, totpNow, type Demo } from '../support/admin-demo'
import { launchChromium, seriousA11yViolations, watchedPage } from '../support/chromium'

/** Short-lived access tokens, so the console's silent refresh runs several times during each test. */
const ACCESS_LIFETIME_S = 15
const LOCKOUT_AFTER = 3

describe('admin console in Chromium', () => {
  let app: FastifyInstance
  let base: string
  let browser: Promise<Browser>
  let demo: Demo
  let other: Demo

  beforeAll(async () => {
    browser = launchChromium()
    browser.catch(() => undefined)
    app = await buildApp(testConfig({ accessTokenLifetime: ACCESS_LIFETIME_S, lockoutThreshold: LOCKOUT_AFTER }), { migrate: false, logger: false })
    base = await app.listen({ port: 0, host: '127.0.0.1' })
    demo = await seedDemo(app, unique('acme-'))
    other = await seedDemo(app, unique('birch-'), 'Birch Bicycles')
  })
  afterAll(async () => {
    await browser?.then((b) => b.close(), () => undefined)
    await app?.close()
  })

  const apiLogin = (org: string, username: string, password = DEMO.password) =>
    call(app, 'POST', '/api/v1/auth/login/', { org, body: { username, password } })

  /** The refresh token the console holds now: the last one the server gave it (sign-in, MFA step or silent refresh). */
  function trackRefresh(page: Page) {
    const seen = { refresh: '', refreshes: 0 }
    page.on('response', async (r) => {
      if (!/\/auth\/(login|mfa\/verify|token\/refresh)\/$/.test(r.url()) || !r.ok()) return
      const body = await r.json().catch(() => ({}))
      if (body.refresh) seen.refresh = body.refresh
      if (r.url().endsWith('/token/refresh/')) seen.refreshes++
    })
    return seen
  }

  async function signIn(page: Page, org: string, username: string) {
    const response = await page.goto(`${base}/admin/?org=${org}`)
    expect(response?.headers()['content-security-policy']).toBe(PAGE_CSP)
    await page.getByLabel('Username or email').fill(username)
    await page.getByLabel('Password').fill(DEMO.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
  }

  it('staff with MFA: TOTP step, create a user, give a role, deactivate (their token dies), reactivate, grid, sign out', async () => {
    const secret = await enrolMfa(app, demo.org.slug, demo.staff.username)
    const { page, problems, close } = await watchedPage(await browser)
    const held = trackRefresh(page)
    await signIn(page, demo.org.slug, demo.staff.username)
    await page.getByLabel('Authentication code').fill(totpNow(secret))
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Verify' }).click()
    await page.getByRole('heading', { name: 'Users' }).waitFor()
    await page.getByTestId(`user-${demo.users[0].username}`).waitFor()
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie)).toBe('{}{}')
    expect(page.url()).toBe(`${base}/admin/users/`)
    expect(await seriousA11yViolations(page)).toEqual([])

    // One's own account: no Deactivate on its page either (as in the list)
    await page.getByRole('link', { name: demo.staff.username, exact: true }).click()
    await page.getByRole('heading', { name: `User ${demo.staff.username}` }).waitFor()
    await page.getByTestId('user-summary').waitFor()
    expect(await page.getByRole('button', { name: /^(Deactivate|Delete)/ }).count()).toBe(0)
    await page.getByRole('link', { name: '← All users' }).click()

    // Server-side search
    await page.getByLabel('Search users').fill('hopper')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.getByTestId('user-ada').waitFor({ state: 'detached' })
    expect(await page.locator('tbody tr').count()).toBe(1)

    // Create
    const username = unique('zoe')
    await page.getByRole('link', { name: 'New user' }).click()
    await page.getByLabel('Username').fill(username)
    await page.getByLabel('Email').fill(`${username}@example.com`)
    await page.getByLabel('First name').fill('Zoe')
    await page.getByLabel('Password (optional)').fill(DEMO.password)
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Create user' }).click()
    await page.getByRole('heading', { name: `User ${username}` }).waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])

    // Roles: the support role says what it brings; saving replaces the set
    const supportRole = page.getByRole('checkbox', { name: /^support —/ })
    expect(await page.locator('label.check', { has: supportRole }).textContent()).toContain('refund_orders, view_orders, view_users')
    await supportRole.check()
    await page.getByRole('checkbox', { name: /^customer —/ }).uncheck()
    await page.getByRole('button', { name: 'Save roles' }).click()
    await page.getByText('Roles saved.').waitFor()
    const zoe = await apiLogin(demo.org.slug, username)
    expect(zoe.status).toBe(200)
    expect(zoe.body.user.roles.map((r: { name: string }) => r.name)).toEqual(['support'])

    // Deactivate: the API refuses zoe's existing access token at once; reactivate: she signs in again
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: zoe.body.access })).status).toBe(200)
    await page.getByRole('button', { name: 'Deactivate' }).click()
    await page.getByText('is deactivated').waitFor()
    expect((await call(app, 'GET', '/api/v1/auth/me/', { token: zoe.body.access })).status).toBe(401)
    expect((await apiLogin(demo.org.slug, username)).status).toBe(401)
    await page.getByRole('button', { name: 'Reactivate' }).click()
    await page.getByText('is active again').waitFor()
    expect((await apiLogin(demo.org.slug, username)).status).toBe(200)

    // Soft delete from the list; found again among the deleted users, and restored from there
    await page.getByRole('link', { name: '← All users' }).click()
    await page.getByLabel('Search users').fill(username)
    await page.getByRole('button', { name: 'Search' }).click()
    await page.getByRole('button', { name: `Delete ${username}` }).click()
    await page.getByText(`${username} is deleted`).waitFor()
    await page.getByTestId(`user-${username}`).waitFor({ state: 'detached' })
    expect((await apiLogin(demo.org.slug, username)).status).toBe(401)
    await page.getByLabel('Deleted users').check()
    await page.getByRole('button', { name: `Restore ${username}` }).click()
    await page.getByText(`${username} is restored.`).waitFor()
    await page.getByTestId(`user-${username}`).waitFor({ state: 'detached' })
    await page.getByLabel('Deleted users').uncheck()
    await page.getByTestId(`user-${username}`).waitFor()
    expect((await apiLogin(demo.org.slug, username)).status).toBe(200)

    // Roles & permissions grid: tick one permission of one role
    await page.getByRole('link', { name: 'Roles & permissions' }).click()
    const cell = page.getByRole('checkbox', { name: 'catalogue: view_orders' })
    await cell.check()
    const su = (await apiLogin(demo.org.slug, demo.superuser.username)).body.access // the seeded token has expired by now
    await expect.poll(async () => (await call(app, 'GET', `/api/v1/roles/${demo.roles.catalogue}/`, { token: su })).body.permissions.map((p: { codename: string }) => p.codename).sort()).toEqual(['manage_products', 'view_orders'])
    await page.getByRole('checkbox', { name: 'catalogue: view_orders', checked: true }).waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])

    // A custom permission and a role made from the forms; the permission deleted, then restored
    await page.getByLabel('Codename').fill('gift_cards')
    await page.getByLabel('Name', { exact: true }).last().fill('Can sell gift cards')
    await page.getByRole('button', { name: 'Create permission' }).click()
    await page.getByRole('button', { name: 'Delete permission gift_cards' }).waitFor()
    expect(await page.getByRole('row', { name: /gift_cards/ }).locator('.badge').textContent()).toBe('custom')
    await page.getByLabel('Name', { exact: true }).first().fill('wholesale')
    await page.getByRole('button', { name: 'Create role' }).click()
    await page.getByRole('checkbox', { name: 'wholesale: gift_cards' }).check()
    await expect.poll(async () => (await call(app, 'GET', '/api/v1/roles/?search=wholesale', { token: su })).body.results[0]?.permissions.map((p: { codename: string }) => p.codename)).toEqual(['gift_cards'])
    expect(await page.getByRole('button', { name: 'Delete permission view_users' }).count()).toBe(0) // built-ins are read-only
    await page.getByRole('button', { name: 'Delete permission gift_cards' }).click()
    await page.getByText('Permission gift_cards is deleted.').waitFor()
    await page.getByRole('checkbox', { name: 'wholesale: gift_cards' }).waitFor({ state: 'detached' })
    await page.getByRole('button', { name: 'Restore' }).click()
    await page.getByText('Permission gift_cards is restored.').waitFor()
    await page.getByRole('checkbox', { name: 'wholesale: gift_cards' }).waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])

    // The silent refresh keeps the session alive past the access token's lifetime; sign out kills the refresh token server-side
    await expect.poll(() => held.refreshes, { timeout: ACCESS_LIFETIME_S * 2000, interval: 500 }).toBeGreaterThan(0)
    await page.waitForTimeout(ACCESS_LIFETIME_S * 1000 * 0.3) // now past the first access token's expiry
    await page.getByRole('link', { name: 'Users' }).click()
    await page.getByTestId(`user-${username}`).waitFor()
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByText('You are signed out.').waitFor()
    expect((await call(app, 'POST', '/api/v1/auth/token/refresh/', { body: { refresh: held.refresh } })).status).toBe(401)
    expect(problems).toEqual([])
    await close()
  }, 120_000)

  it('a superuser switches organization: every call then acts in the other one', async () => {
    const { page, problems, close } = await watchedPage(await browser)
    await signIn(page, demo.org.slug, demo.superuser.username)
    await page.getByTestId(`user-${demo.staff.username}`).waitFor()
    expect(await page.getByTestId('organization').textContent()).toBe(DEMO.org.name)
    await page.getByLabel('Switch to organization').fill(other.org.slug)
    await page.getByRole('button', { name: 'Switch' }).click()
    await page.getByText(`ada@${other.org.slug}.example.com`).waitFor()
    await expect.poll(() => page.getByTestId('organization').textContent()).toBe('Birch Bicycles')
    expect(await page.getByText(`ada@${demo.org.slug}.example.com`).count()).toBe(0)
    expect(await seriousA11yViolations(page)).toEqual([])

    // Cursor pages of 25: 20 more users make 30 in the other organization (a superuser, dana, 8 shoppers)
    const su = (await apiLogin(demo.org.slug, demo.superuser.username)).body.access
    for (let n = 0; n < 20; n++) {
      const u = `bulk${n}-${unique('')}`
      expect((await call(app, 'POST', '/api/v1/users/', { token: su, org: other.org.slug, body: { username: u, email: `${u}@example.com` } })).status).toBe(201)
    }
    await page.getByRole('link', { name: 'Roles & permissions' }).click()
    await page.getByRole('link', { name: 'Users' }).click()
    await expect.poll(() => page.locator('tbody tr').count()).toBe(25)
    await page.getByRole('button', { name: 'Next' }).click()
    await expect.poll(() => page.locator('tbody tr').count()).toBe(5)
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true)
    await page.getByText(`ada@${other.org.slug}.example.com`).waitFor() // the oldest, last
    await page.getByRole('button', { name: 'Previous' }).click()
    await expect.poll(() => page.locator('tbody tr').count()).toBe(25)
    expect(problems).toEqual([])
    await close()
  }, 60_000)

  it('staff without manage_users: create and edit controls are hidden or disabled, and the API still refuses', async () => {
    const grace = demo.users[1] // customer + support: view_users, no manage_users
    const { page, problems, close } = await watchedPage(await browser)
    await signIn(page, demo.org.slug, grace.username)
    await page.getByTestId(`user-${demo.staff.username}`).waitFor()
    expect(await page.getByRole('link', { name: 'New user' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: /^(Deactivate|Delete)/ }).count()).toBe(0)
    await page.getByTestId('read-only').waitFor()
    expect(await page.getByRole('link', { name: 'Roles & permissions' }).count()).toBe(0)
    expect(await seriousA11yViolations(page)).toEqual([])

    await page.getByRole('link', { name: demo.users[0].username, exact: true }).click()
    await page.getByRole('heading', { name: `User ${demo.users[0].username}` }).waitFor()
    expect(await page.getByLabel('Username').isDisabled()).toBe(true)
    expect(await page.getByRole('button', { name: /Save|Deactivate/ }).count()).toBe(0)
    expect(await seriousA11yViolations(page)).toEqual([])

    const token = (await apiLogin(demo.org.slug, grace.username)).body.access
    expect((await call(app, 'POST', '/api/v1/users/', { token, body: { username: unique('x'), email: `${unique('x')}@example.com` } })).status).toBe(403)
    expect((await call(app, 'PATCH', `/api/v1/users/${demo.users[0].id}/`, { token, body: { is_active: false } })).status).toBe(403)
    expect(problems).toEqual([])
    // A logout the server refuses (401) is not reported as a confirmed sign-out
    await page.route('**/api/v1/auth/logout/', (route) => route.fulfill({ status: 401, json: { detail: 'no' } }))
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByText('the server did not confirm it').waitFor()
    await close()
  }, 60_000)

  it('edits a role\'s name and description: a taken name is refused at the field; a role one holds stays read-only', async () => {
    const { page, problems, close } = await watchedPage(await browser)
    await signIn(page, other.org.slug, other.staff.username) // admin role (manage_roles), not a superuser
    await page.getByRole('link', { name: 'Roles & permissions' }).click()
    await page.getByRole('checkbox', { name: 'support: view_users' }).waitFor()
    expect(await page.getByRole('button', { name: 'Edit role admin' }).count()).toBe(0) // dana holds it
    await page.getByRole('button', { name: 'Edit role support' }).click()
    const name = page.getByLabel('Name', { exact: true }).first()
    expect(await name.inputValue()).toBe('support')
    expect(await page.getByLabel('Description').first().inputValue()).toBe('Answers customers')
    await name.fill('catalogue')
    await page.getByRole('button', { name: 'Save role' }).click()
    await page.getByTestId('edit-role-name-errors').getByText('role with this name already exists.').waitFor()
    expect(await name.getAttribute('aria-invalid')).toBe('true')
    expect(await seriousA11yViolations(page)).toEqual([])
    await name.fill('helpdesk')
    await page.getByLabel('Description').first().fill('First line: answers customers')
    await page.getByRole('button', { name: 'Save role' }).click()
    await page.getByText('Role helpdesk is saved.').waitFor()
    await page.getByRole('checkbox', { name: 'helpdesk: view_users', checked: true }).waitFor() // same role, permissions kept
    expect(await seriousA11yViolations(page)).toEqual([])

    const token = (await apiLogin(other.org.slug, other.staff.username)).body.access
    const role = (await call(app, 'GET', `/api/v1/roles/${other.roles.support}/`, { token })).body
    expect(role).toMatchObject({ name: 'helpdesk', description: 'First line: answers customers' })
    expect(role.permissions.map((p: { codename: string }) => p.codename).sort()).toEqual(['refund_orders', 'view_orders', 'view_users'])
    // What the screen does not offer, the API refuses: renaming the role one holds, or a role of another organization.
    expect((await call(app, 'PATCH', `/api/v1/roles/${other.roles.admin}/`, { token, body: { name: 'boss' } })).status).toBe(403)
    expect((await call(app, 'PATCH', `/api/v1/roles/${demo.roles.catalogue}/`, { token, body: { name: 'mine' } })).status).toBe(404)
    expect(problems.filter((p) => !p.includes('status of 400'))).toEqual([]) // the taken name's 400
    await close()
  }, 60_000)

  it('on a phone (390 px) nothing spills off the page: users become cards with every action in reach, the grid scrolls in its box', async () => {
    const { page, problems, close } = await watchedPage(await browser)
    await page.setViewportSize({ width: 390, height: 844 })
    await signIn(page, other.org.slug, other.staff.username)
    const newest = other.users[other.users.length - 1] // on the first page whatever earlier tests added
    const row = page.getByTestId(`user-${newest.username}`)
    await row.waitFor()
    const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth)
    expect(await pageWidth()).toBeLessThanOrEqual(390)
    for (const name of [`Deactivate ${newest.username}`, `Delete ${newest.username}`]) {
      const box = await page.getByRole('button', { name, exact: true }).boundingBox()
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true)
    }
    expect(await row.getByText('Roles:').count()).toBe(0) // the label is drawn by CSS, not text
    expect(await row.evaluate((tr) => getComputedStyle(tr.querySelector('td[data-label="Roles"]') as Element, '::before').content)).toBe('"Roles: "')
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.getByRole('link', { name: 'Roles & permissions' }).click()
    await page.getByRole('checkbox', { name: 'customer: view_users' }).waitFor()
    expect(await pageWidth()).toBeLessThanOrEqual(390)
    const matrix = page.locator('.matrix')
    expect(await matrix.evaluate((m) => m.scrollWidth > m.clientWidth)).toBe(true) // scrolls inside, not the page
    await page.getByRole('checkbox', { name: 'customer: view_users' }).scrollIntoViewIfNeeded()
    const permission = await page.getByRole('rowheader').filter({ hasText: 'view_users' }).boundingBox()
    expect(permission && permission.x >= 0).toBe(true) // the permission column stays in sight
    expect(await seriousA11yViolations(page)).toEqual([])
    // Every other screen too: its tables scroll in their box, the page does not
    const nav = page.getByRole('navigation', { name: 'Console' }).getByRole('link')
    for (const title of await nav.allTextContents()) {
      await nav.filter({ hasText: title }).first().click()
      await page.waitForLoadState('networkidle')
      expect(await pageWidth(), title).toBeLessThanOrEqual(390)
    }
    // The audit log names actors with GET /users/{id}/: the other organization's superuser who
    // added users here in an earlier test is a 404 from this organization (shown as an id).
    expect(problems.filter((p) => !p.includes('status of 404'))).toEqual([])
    await close()
  }, 60_000)

  it('a session revoked elsewhere ends in the console with a clear message', async () => {
    const { page, problems, close } = await watchedPage(await browser)
    const alan = demo.users[2]
    const held = trackRefresh(page)
    await signIn(page, demo.org.slug, alan.username)
    // alan has no staff permission: the shell says so instead of showing empty screens
    await page.getByText('has no administrative permissions').waitFor()
    await expect.poll(() => held.refresh).not.toBe('')
    const token = (await apiLogin(demo.org.slug, alan.username)).body.access
    expect((await call(app, 'POST', '/api/v1/auth/logout/all/', { token })).status).toBe(204)
    await page.getByText('Your session has ended').waitFor({ timeout: ACCESS_LIFETIME_S * 1000 + 5000 })
    await page.getByLabel('Username or email').waitFor()
    expect(problems.filter((p) => !p.includes('status of 401'))).toEqual([])
    await close()
  }, 60_000)

  it('wrong passwords: the API message at the form, then the lockout 429 with its wait, the button off meanwhile', async () => {
    const { page, problems, close } = await watchedPage(await browser)
    await page.goto(`${base}/admin/?org=${demo.org.slug}`)
    await page.getByLabel('Username or email').fill(demo.users[4].username)
    await page.getByLabel('Password').fill('not the password at all')
    for (let n = 0; n < LOCKOUT_AFTER; n++) {
      await page.getByRole('button', { name: 'Sign in', exact: true }).click()
      await page.getByRole('alert').filter({ hasText: 'No active account found with the given credentials' }).waitFor()
      await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor() // enabled again
    }
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.getByRole('alert').filter({ hasText: /Too many attempts\. Try again in \d+ seconds\./ }).waitFor()
    const button = page.getByRole('button', { name: /^Sign in \(wait \d+ s\)$/ })
    expect(await button.isDisabled()).toBe(true)
    expect(await seriousA11yViolations(page)).toEqual([])
    expect(problems.filter((p) => !/status of (401|429)/.test(p))).toEqual([])
    await close()
  }, 60_000)
})
