import type { FastifyInstance } from 'fastify'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { buildApp } from '../../src/app'
import { oauthClients } from '../../src/db/schema'
import { sha256 } from '../../src/lib/secrets'
import { call, PASSWORD, testConfig, unique } from '../support/helpers'
import { userWith } from '../support/rbac-helpers'
import { DEMO, seedDemo, type Demo } from '../support/admin-demo'
import { launchChromium, seriousA11yViolations, watchedPage } from '../support/chromium'

/** The console's remaining screens (developers and keys, audit log, organizations, products, orders) in Chromium against the real server. */
describe('admin console screens in Chromium', () => {
  let app: FastifyInstance
  let base: string
  let browser: Promise<Browser>
  let demo: Demo
  /** The superuser's access token, for the API calls that set up and check. */
  let root: string

  beforeAll(async () => {
    browser = launchChromium()
    browser.catch(() => undefined)
    app = await buildApp(testConfig(), { migrate: false, logger: false })
    base = await app.listen({ port: 0, host: '127.0.0.1' })
    demo = await seedDemo(app, unique('acme-'))
    root = await apiLogin(demo.superuser.username)
  })
  afterAll(async () => {
    await browser?.then((b) => b.close(), () => undefined)
    await app?.close()
  })

  const apiLogin = async (username: string) => (await call(app, 'POST', '/api/v1/auth/login/', { org: demo.org.slug, body: { username, password: DEMO.password } })).body.access as string

  async function signIn(page: Page, username: string, password = DEMO.password) {
    await page.goto(`${base}/admin/?org=${demo.org.slug}`)
    await page.getByLabel('Username or email').fill(username)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByTestId('signed-in-as').waitFor()
  }

  async function open(page: Page, link: string, heading: string) {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: link }).click()
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor()
  }

  /** Whether the focus is inside the element `selector` matches. */
  const focusIn = (page: Page, selector: string) => page.evaluate((sel) => Boolean(document.activeElement?.closest(sel)), selector)

  /** The audit rows shown now, as "action target" pairs. */
  const auditRows = (page: Page) => page.getByTestId('audit-event').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-action')} ${r.children[3].textContent}`))

  async function filterAudit(page: Page, filter: { action?: string; actor?: string; target?: string }) {
    await page.getByLabel('Action').fill(filter.action ?? '')
    await page.getByLabel('Actor').fill(filter.actor ?? '')
    await page.getByLabel('Target').fill(filter.target ?? '')
    const answered = page.waitForResponse((r) => r.url().includes('/api/v1/audit-events/'))
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await answered
  }

  /** Applies the filters and waits until the rows shown (usernames resolved) are `expected`. */
  async function expectAudit(page: Page, filter: { action?: string; actor?: string; target?: string }, expected: string[]) {
    await filterAudit(page, filter)
    await expect.poll(() => auditRows(page)).toEqual(expected)
  }

  it('staff creates a developer and a key shown once (not after a revisit or reload); the key works; revoke → 401; the audit log finds every step', async () => {
    // Earlier actions by dana through the API: a user created, a role assigned, the user deactivated.
    const dana = await apiLogin(demo.staff.username)
    const username = unique('quinn')
    const quinn = await call(app, 'POST', '/api/v1/users/', { token: dana, body: { username, email: `${username}@example.com` } })
    expect(quinn.status).toBe(201)
    expect((await call(app, 'PUT', `/api/v1/users/${quinn.body.id}/roles/`, { token: dana, body: { role_ids: [demo.roles.support] } })).status).toBe(200)
    expect((await call(app, 'PATCH', `/api/v1/users/${quinn.body.id}/`, { token: dana, body: { is_active: false } })).status).toBe(200)

    const { page, problems, close } = await watchedPage(await browser)
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base })
    await signIn(page, demo.staff.username)
    await open(page, 'Developers', 'Developers & API keys')
    expect(await seriousA11yViolations(page)).toEqual([])

    const devName = unique('shop-backend-')
    await page.getByLabel('Name', { exact: true }).fill(devName)
    await page.getByLabel('Contact email').fill('ops@example.com')
    await page.getByRole('checkbox', { name: /^support/ }).check()
    await page.getByRole('button', { name: 'Create developer' }).click()
    await page.getByRole('heading', { name: `Developer ${devName}` }).waitFor()
    const devUrl = page.url()

    await page.getByLabel('Key name').fill('ci-deploy')
    await page.getByRole('button', { name: 'Create key' }).click()
    const shown = page.getByLabel('API key', { exact: true })
    await shown.waitFor()
    const key = await shown.inputValue()
    expect(key).toMatch(/^cc_dev_/)
    await page.getByRole('button', { name: 'Copy' }).click()
    await page.getByText('Copied to the clipboard.').waitFor()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key)
    await page.getByTestId('key-ci-deploy').waitFor()
    expect(await page.getByTestId('key-ci-deploy').textContent()).toContain('never') // expires never, last used never
    expect(await seriousA11yViolations(page)).toEqual([])

    // The key works against the API with its developer's permissions (support: view_users).
    expect((await call(app, 'GET', '/api/v1/users/', { token: key })).status).toBe(200)
    expect((await call(app, 'POST', '/api/v1/users/', { token: key, body: { username: unique('x'), email: `${unique('x')}@example.com` } })).status).toBe(403)

    // Revisit: the list shows the key's prefix and its last use, never the key again.
    await open(page, 'Developers', 'Developers & API keys')
    await page.getByRole('link', { name: devName }).click()
    await page.getByTestId('key-ci-deploy').waitFor()
    expect(await page.getByTestId('new-key').count()).toBe(0)
    expect(await page.getByTestId('key-ci-deploy').locator('td').nth(4).textContent()).not.toBe('never')
    expect(await page.content()).not.toContain(key)
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).toBe('{}{}')

    // Reload: signed out (tokens are in memory only), and after signing in again the key is not there either.
    await page.goto(`${devUrl}?org=${demo.org.slug}`)
    await page.getByLabel('Username or email').fill(demo.staff.username)
    await page.getByLabel('Password').fill(DEMO.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByTestId('key-ci-deploy').waitFor()
    expect(await page.getByTestId('new-key').count()).toBe(0)
    expect(await page.content()).not.toContain(key)

    await page.getByRole('button', { name: 'Revoke ci-deploy' }).click()
    await page.getByText('is revoked').waitFor()
    await page.getByTestId('key-ci-deploy').waitFor({ state: 'detached' })
    expect((await call(app, 'GET', '/api/v1/users/', { token: key })).status).toBe(401)

    // The audit log finds each earlier action with filters, and shows its metadata.
    await open(page, 'Audit log', 'Audit log')
    expect(await seriousA11yViolations(page)).toEqual([])
    await expectAudit(page, { action: 'user.created', target: username }, [`user.created user ${username}`])
    await expectAudit(page, { action: 'user.roles_set', actor: demo.staff.username, target: username }, [`user.roles_set user ${username}`])
    const roleRow = page.getByTestId('audit-event').first()
    await roleRow.getByText('Metadata').click()
    expect(await roleRow.locator('pre').textContent()).toContain(demo.roles.support)
    await expectAudit(page, { action: 'user.updated', target: `${username}@example.com` }, [`user.updated user ${username}`])
    await page.getByTestId('audit-event').first().getByText('Metadata').click()
    expect(await page.getByTestId('audit-event').first().locator('pre').textContent()).toContain('is_active')
    // Everything by dana, newest first: the revoke, then the key's creation.
    await filterAudit(page, { actor: demo.staff.username })
    await expect.poll(async () => (await auditRows(page)).map((r) => r.split(' ')[0])).toEqual(expect.arrayContaining(['api_key.created', 'api_key.revoked', 'developer.created', 'user.created', 'user.roles_set', 'user.updated']))
    expect((await auditRows(page))[0]).toMatch(/^api_key\.revoked api_key/)
    // Time filter: nothing before the demo existed; an unknown actor is a field error, not a query.
    await page.getByLabel('Until').fill('2001-01-01T00:00')
    await filterAudit(page, { actor: demo.staff.username })
    await page.getByText('No events match').waitFor()
    expect(await auditRows(page)).toEqual([])
    await page.getByLabel('Until').fill('')
    await page.getByLabel('Actor').fill('nobody-such')
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.getByTestId('audit-actor-errors').getByText('No user “nobody-such”').waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])
    expect(problems).toEqual([])
    await close()
  }, 120_000)

  it('staff registers a confidential OAuth client: the secret is shown once (focused), saved settings reload, rotated after a confirm (shown once again; a double click rotates once), then deleted after a confirm', async () => {
    const devName = unique('storefront-dev-')
    expect((await call(app, 'POST', '/api/v1/developers/', { token: root, org: demo.org.slug, body: { name: devName } })).status).toBe(201)
    const storedHash = async (name: string) => (await app.ctx.db.select().from(oauthClients).where(eq(oauthClients.name, name)))[0]?.secretHash

    const { page, problems, close } = await watchedPage(await browser)
    await signIn(page, demo.staff.username)
    await open(page, 'OAuth clients', 'OAuth clients')
    expect(await seriousA11yViolations(page)).toEqual([])

    // A rule the API enforces shows under its field, and nothing is registered.
    const name = unique('Storefront ')
    await page.getByLabel('Developer', { exact: true }).selectOption({ label: devName })
    await page.getByLabel('Client name').fill(name)
    await page.getByLabel('Redirect URIs', { exact: true }).fill('http://shop.example.com/callback')
    await page.getByRole('button', { name: 'Register client' }).click()
    await page.getByText('must use https').waitFor()
    expect(await storedHash(name)).toBeUndefined()

    await page.getByLabel('Redirect URIs', { exact: true }).fill('https://shop.example.com/callback\nhttp://localhost:3000/callback')
    await page.getByRole('checkbox', { name: 'view_users' }).check()
    await page.getByRole('button', { name: 'Register client' }).click()
    const shown = page.getByLabel('Client secret', { exact: true })
    await shown.waitFor()
    const secret = await shown.inputValue()
    expect(secret).toMatch(/^cc_secret_/)
    expect(await storedHash(name)).toBe(sha256(secret))
    await expect.poll(() => focusIn(page, '[data-testid=new-client-secret]')).toBe(true) // by the form, not out of sight above the table
    await page.getByTestId(`client-${name}`).waitFor()
    expect(await page.getByTestId(`client-${name}`).textContent()).toContain('authorization_code, refresh_token')
    expect(await seriousA11yViolations(page)).toEqual([])

    // Its page: the settings, never the secret.
    await page.getByRole('link', { name }).click()
    await page.getByRole('heading', { name: `OAuth client ${name}` }).waitFor()
    expect(await page.getByLabel('Redirect URIs', { exact: true }).inputValue()).toBe('https://shop.example.com/callback\nhttp://localhost:3000/callback')
    expect(await page.getByRole('checkbox', { name: 'view_users' }).isChecked()).toBe(true)
    expect(await page.getByTestId('new-client-secret').count()).toBe(0)
    expect(await page.content()).not.toContain(secret)
    await page.getByLabel('First party').check()
    const renamed = `${name} (web)`
    await page.getByLabel('Client name').fill(renamed)
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.getByText('Saved.').waitFor()
    await page.getByRole('heading', { name: `OAuth client ${renamed}` }).waitFor() // the client loaded again

    // Rotating is confirmed first (the focus moves to the question); cancelled, the secret still works.
    await page.getByRole('button', { name: 'Rotate secret' }).click()
    await expect.poll(() => focusIn(page, '[role=alertdialog]')).toBe(true)
    await page.getByRole('alertdialog').getByText('stops working at once').waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click()
    expect(await storedHash(renamed)).toBe(sha256(secret))
    // Confirmed with a double click: one rotation, its secret shown (and focused).
    const rotations: string[] = []
    page.on('request', (r) => { if (r.url().includes('/rotate-secret/')) rotations.push(r.url()) })
    await page.getByRole('button', { name: 'Rotate secret' }).click()
    await page.getByRole('button', { name: 'Yes, rotate' }).dblclick()
    await page.getByTestId('new-client-secret').waitFor()
    expect(rotations).toHaveLength(1)
    await expect.poll(() => focusIn(page, '[data-testid=new-client-secret]')).toBe(true)
    const rotated = await page.getByLabel('Client secret', { exact: true }).inputValue()
    expect(rotated).toMatch(/^cc_secret_/)
    expect(rotated).not.toBe(secret)
    expect(await storedHash(renamed)).toBe(sha256(rotated))
    await page.getByRole('button', { name: 'Done' }).click()
    expect(await page.content()).not.toContain(rotated)
    expect(await seriousA11yViolations(page)).toEqual([])

    const id = page.url().split('/').filter(Boolean).pop()!
    await page.getByRole('button', { name: 'Delete client' }).click()
    await expect.poll(() => focusIn(page, '[role=alertdialog]')).toBe(true)
    await page.setViewportSize({ width: 390, height: 800 }) // the question fits a phone
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click()
    expect((await call(app, 'GET', `/api/v1/oauth-clients/${id}/`, { token: root, org: demo.org.slug })).body.first_party).toBe(true)
    await page.getByRole('button', { name: 'Delete client' }).click()
    await page.getByRole('button', { name: 'Yes, delete' }).click()
    await page.getByRole('heading', { name: 'OAuth clients', level: 1 }).waitFor()
    await page.getByTestId(`client-${renamed}`).waitFor({ state: 'detached' })
    expect((await call(app, 'GET', `/api/v1/oauth-clients/${id}/`, { token: root, org: demo.org.slug })).status).toBe(404)
    expect(problems).toEqual([])
    await close()
  }, 120_000)

  it('staff registers a public OAuth client: no client credentials offered, a focused "registered" notice with its client ID, no secret', async () => {
    expect((await call(app, 'POST', '/api/v1/developers/', { token: root, org: demo.org.slug, body: { name: unique('app-dev-') } })).status).toBe(201)
    const { page, problems, close } = await watchedPage(await browser)
    await signIn(page, demo.staff.username)
    await open(page, 'OAuth clients', 'OAuth clients')
    const name = unique('Shop app ')
    await page.getByLabel('Client name').fill(name)
    expect(await page.getByRole('checkbox', { name: 'Client credentials' }).count()).toBe(1)
    await page.getByLabel('Type', { exact: true }).selectOption('public')
    expect(await page.getByRole('checkbox', { name: 'Client credentials' }).count()).toBe(0)
    await page.getByText('http only for localhost, 127.0.0.1 or [::1]').waitFor()
    await page.getByText('A native app (a public client redirecting to a custom scheme or a loopback address) and a request with prompt=consent still always ask.').waitFor()
    await page.getByLabel('Redirect URIs', { exact: true }).fill('http://127.0.0.1:5173/callback\ncom.shop.app:/callback')
    await page.getByRole('button', { name: 'Register client' }).click()
    const registered = page.getByTestId('client-registered')
    await registered.getByText(`Client “${name}” registered`).waitFor()
    await expect.poll(() => focusIn(page, '[data-testid=client-registered]')).toBe(true)
    const row = (await app.ctx.db.select().from(oauthClients).where(eq(oauthClients.name, name)))[0]!
    expect(await registered.textContent()).toContain(row.clientId)
    expect(row.grantTypes).not.toContain('client_credentials')
    expect(await page.getByLabel('Client secret', { exact: true }).count()).toBe(0)
    await page.getByTestId(`client-${name}`).waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.setViewportSize({ width: 390, height: 800 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    expect(problems).toEqual([])
    await close()
  }, 120_000)

  it('a developer manager who is no administrator sees, but cannot change, rotate or delete, a client they could not have registered', async () => {
    const dev = await call(app, 'POST', '/api/v1/developers/', { token: root, org: demo.org.slug, body: { name: unique('partner-dev-') } })
    const manager = await userWith(app, demo.org, ['view_developers', 'manage_developers'])
    const register = async (body: Record<string, unknown>) => {
      const created = await call(app, 'POST', `/api/v1/developers/${dev.body.id}/oauth-clients/`, {
        token: root, org: demo.org.slug, body: { name: unique('Partner app '), type: 'confidential', redirect_uris: ['https://partner.example.com/cb'], ...body },
      })
      expect(created.status).toBe(201)
      return created.body as { id: string; name: string }
    }
    const cases: [{ id: string; name: string }, string][] = [
      [await register({ first_party: true }), 'This client is first-party: only an administrator of the organization changes it.'],
      [await register({ scopes: ['openid', 'manage_roles'] }), 'This client has scopes you do not hold (manage_roles): only someone who holds them changes it.'],
    ]
    const { page, problems, close } = await watchedPage(await browser)
    await signIn(page, manager.user.username, PASSWORD)
    for (const [client, why] of cases) {
      await open(page, 'OAuth clients', 'OAuth clients')
      await page.getByRole('link', { name: client.name }).click()
      await page.getByRole('heading', { name: `OAuth client ${client.name}` }).waitFor()
      await page.getByText(why).waitFor()
      expect(await page.getByLabel('Client name').isDisabled()).toBe(true)
      expect(await page.getByRole('button', { name: 'Save changes' }).count()).toBe(0)
      expect(await page.getByRole('button', { name: /Rotate secret|Delete client/ }).count()).toBe(0)
      expect(await seriousA11yViolations(page)).toEqual([])
    }
    expect(problems).toEqual([])
    await close()
  }, 120_000)

  it('a superuser creates an organization; an invalid profile schema shows the field error and saves nothing; soft delete and restore', async () => {
    const { page, problems, close } = await watchedPage(await browser)
    await signIn(page, demo.superuser.username)
    await open(page, 'Organizations', 'Organizations')
    expect(await seriousA11yViolations(page)).toEqual([])
    const name = `Cedar Camping ${unique('')}`
    await page.getByRole('link', { name: 'New organization' }).click()
    await page.getByLabel('Name').fill(name)
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Create organization' }).click()
    await page.getByRole('heading', { name: `Organization ${name}` }).waitFor()
    const id = page.url().split('/').filter(Boolean).pop() as string
    const stored = async () => (await call(app, 'GET', `/api/v1/organizations/${id}/`, { token: root })).body
    const slug = (await stored()).slug as string
    expect(slug).toMatch(/^cedar-camping-/)
    expect(await seriousA11yViolations(page)).toEqual([])

    const schema = page.getByLabel('Profile JSON Schema')
    const errors = page.getByTestId('org-profile-schema-errors')
    let patches = 0
    page.on('request', (r) => { if (r.method() === 'PATCH') patches++ })
    // Not JSON: refused in the browser, nothing sent.
    await page.getByLabel('Name', { exact: true }).fill(`${name} renamed`)
    await schema.fill('{"type": "object",')
    await page.getByRole('button', { name: 'Save settings' }).click()
    await errors.getByText('Not valid JSON').waitFor()
    expect(await schema.getAttribute('aria-invalid')).toBe('true')
    expect(patches).toBe(0)
    expect(await seriousA11yViolations(page)).toEqual([])
    // JSON, but a pattern RE2 cannot run: the API's rule, shown at the field; the rename is not saved either.
    await schema.fill('{"type": "object", "properties": {"code": {"type": "string", "pattern": "^(?=a)"}}}')
    await page.getByRole('button', { name: 'Save settings' }).click()
    await errors.getByText('is not supported (RE2 syntax').waitFor()
    expect(patches).toBe(1)
    expect(await stored()).toMatchObject({ name, profile_schema: null })
    // A good one saves.
    await schema.fill('{"type": "object", "properties": {"shoe_size": {"type": "integer", "minimum": 15}}}')
    await page.getByLabel('Require email verification').check()
    await page.getByRole('button', { name: 'Save settings' }).click()
    await page.getByText('Saved.').waitFor()
    expect(await stored()).toMatchObject({ name: `${name} renamed`, require_email_verification: true, profile_schema: { type: 'object', properties: { shoe_size: { type: 'integer', minimum: 15 } } } })

    // Soft delete, then restore from the deleted list.
    await page.getByRole('link', { name: '← All organizations' }).click()
    await page.getByLabel('Search organizations').fill(slug)
    await page.getByRole('button', { name: 'Search' }).click()
    await page.getByTestId(`org-${slug}`).waitFor()
    await page.getByRole('button', { name: `Delete ${name} renamed` }).click()
    await page.getByText('is deleted').waitFor()
    await page.getByTestId(`org-${slug}`).waitFor({ state: 'detached' })
    expect((await call(app, 'GET', `/api/v1/organizations/${id}/`, { token: root })).status).toBe(404)
    await page.getByLabel('Show deleted organizations').check()
    await page.getByTestId(`org-${slug}`).waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.getByRole('button', { name: `Restore ${name} renamed` }).click()
    await page.getByText('is restored').waitFor()
    await page.getByTestId(`org-${slug}`).waitFor({ state: 'detached' })
    expect((await stored()).slug).toBe(slug)
    await page.getByLabel('Show deleted organizations').uncheck()
    await page.getByTestId(`org-${slug}`).waitFor()
    expect(problems).toEqual([])
    await close()
  }, 120_000)

  it('staff creates and edits a product, and moves an order along its status machine', async () => {
    const { page, problems, close } = await watchedPage(await browser)
    await signIn(page, demo.staff.username)
    await open(page, 'Products', 'Products')
    expect(await seriousA11yViolations(page)).toEqual([])
    const sku = unique('TENT-').toUpperCase()
    await page.getByRole('link', { name: 'New product' }).click()
    await page.getByLabel('SKU').fill(sku)
    await page.getByLabel('Name').fill('Two-person tent')
    await page.getByLabel('Price').fill('12.5.0')
    await page.getByLabel('Stock').fill('5')
    await page.getByRole('button', { name: 'Create product' }).click()
    await page.getByTestId('product-price-errors').waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.getByLabel('Price').fill('149.90')
    await page.getByRole('button', { name: 'Create product' }).click()
    await page.getByRole('heading', { name: 'Product Two-person tent' }).waitFor()
    const productId = page.url().split('/').filter(Boolean).pop() as string
    await page.getByLabel('Price').fill('139.00')
    await page.getByLabel('Description').fill('Sleeps two; 2.1 kg.')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.getByText('Saved.').waitFor()
    const product = (await call(app, 'GET', `/api/v1/products/${productId}/`, { org: demo.org.slug })).body
    expect(product).toMatchObject({ sku, price: '139.00', currency: 'EUR', stock: 5, description: 'Sleeps two; 2.1 kg.', is_active: true })
    expect(await seriousA11yViolations(page)).toEqual([])

    // A shopper orders two; staff moves it pending → paid → shipped → delivered, offered only the moves that exist.
    const shopper = await apiLogin(demo.users[0].username)
    const order = await call(app, 'POST', '/api/v1/orders/', { token: shopper, body: { items: [{ product: productId, quantity: 2 }] } })
    expect(order.status).toBe(201)
    await open(page, 'Orders', 'Orders')
    const row = page.getByTestId(`order-${order.body.id}`)
    await row.waitFor()
    await expect.poll(() => row.textContent()).toContain(demo.users[0].username) // the customer's name follows the row
    expect(await row.textContent()).toContain('278.00 EUR')
    const moves = () => row.getByRole('button').allTextContents()
    const status = () => row.getByTestId('order-status').textContent()
    expect(await moves()).toEqual(['Mark paid', 'Cancel order'])
    expect(await seriousA11yViolations(page)).toEqual([])
    await row.getByRole('button', { name: /^Mark paid/ }).click()
    await expect.poll(status).toBe('paid')
    expect(await moves()).toEqual(['Mark shipped', 'Cancel order'])
    await row.getByRole('button', { name: /^Mark shipped/ }).click()
    await expect.poll(status).toBe('shipped')
    expect(await moves()).toEqual(['Mark delivered'])
    await row.getByRole('button', { name: /^Mark delivered/ }).click()
    await expect.poll(status).toBe('delivered')
    expect(await moves()).toEqual([])
    expect((await call(app, 'GET', `/api/v1/orders/${order.body.id}/`, { token: shopper })).body.status).toBe('delivered')
    // The status filter asks the server.
    await page.getByLabel('Status').selectOption('pending')
    await row.waitFor({ state: 'detached' })
    await page.getByLabel('Status').selectOption('delivered')
    await row.waitFor()
    expect(problems).toEqual([])
    await close()
  }, 120_000)

  it('read-only staff: controls hidden or disabled on every screen they can see, and the API still refuses', async () => {
    // An auditor: sees developers, the audit log, orders and the organization, changes nothing.
    const perms = (await call(app, 'GET', '/api/v1/permissions/?limit=200', { token: root, org: demo.org.slug })).body.results as { id: string; codename: string }[]
    const ids = perms.filter((p) => ['view_developers', 'view_audit_log', 'view_orders', 'view_users'].includes(p.codename)).map((p) => p.id)
    const role = await call(app, 'POST', '/api/v1/roles/', { token: root, org: demo.org.slug, body: { name: unique('auditor-'), permission_ids: ids } })
    const username = unique('ivy')
    expect((await call(app, 'POST', '/api/v1/users/', { token: root, org: demo.org.slug, body: { username, email: `${username}@example.com`, password: DEMO.password, role_ids: [role.body.id] } })).status).toBe(201)

    const { page, problems, close } = await watchedPage(await browser)
    await signIn(page, username)
    const nav = page.getByRole('navigation', { name: 'Console' })
    await nav.getByRole('link', { name: 'Audit log' }).waitFor()
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Users', 'Developers', 'OAuth clients', 'Orders', 'Audit log'])

    await open(page, 'Developers', 'Developers & API keys')
    await page.getByTestId('read-only').waitFor()
    expect(await page.getByRole('button', { name: 'Create developer' }).count()).toBe(0)
    expect(await seriousA11yViolations(page)).toEqual([])

    await open(page, 'OAuth clients', 'OAuth clients')
    await page.getByTestId('read-only').waitFor()
    expect(await page.getByRole('button', { name: 'Register client' }).count()).toBe(0)
    expect(await seriousA11yViolations(page)).toEqual([])

    const dana = await apiLogin(demo.staff.username)
    const shopper = await apiLogin(demo.users[0].username)
    const product = await call(app, 'POST', '/api/v1/products/', { token: dana, body: { sku: unique('MUG-'), name: 'Enamel mug', price: '9.00', currency: 'EUR', stock: 3 } })
    const order = await call(app, 'POST', '/api/v1/orders/', { token: shopper, body: { items: [{ product: product.body.id, quantity: 1 }] } })
    await open(page, 'Orders', 'Orders')
    await page.getByTestId(`order-${order.body.id}`).waitFor()
    await page.getByTestId('read-only').waitFor()
    expect(await page.getByRole('button', { name: /^(Mark|Cancel)/ }).count()).toBe(0)
    expect(await seriousA11yViolations(page)).toEqual([])

    await open(page, 'Audit log', 'Audit log')
    await page.getByTestId('audit-event').first().waitFor()

    // Typed addresses of screens they cannot use fall back to one they can.
    await page.evaluate(() => { history.pushState(null, '', '/admin/products/new/'); dispatchEvent(new PopStateEvent('popstate')) })
    await page.waitForURL(`${base}/admin/users/`)

    const token = await apiLogin(username)
    expect((await call(app, 'POST', '/api/v1/developers/', { token, body: { name: unique('x') } })).status).toBe(403)
    expect((await call(app, 'PATCH', `/api/v1/orders/${order.body.id}/`, { token, body: { status: 'paid' } })).status).toBe(403)
    expect((await call(app, 'PATCH', `/api/v1/organizations/${demo.org.id}/`, { token, body: { name: 'x' } })).status).toBe(403)
    expect((await call(app, 'GET', '/api/v1/organizations/?deleted=true', { token })).status).toBe(403)
    expect(problems).toEqual([])
    await close()
  }, 90_000)
})
