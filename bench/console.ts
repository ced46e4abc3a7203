import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import pg from 'pg'
import type { Browser, Page } from 'playwright-core'
import { loadConfig } from '../src/config'
import { openCommandContext } from '../src/cli/run'
import { createSuperuser } from '../src/cli/superuser'
import { openDatabase } from '../src/db'
import { insertOrganizationWithDefaults } from '../src/modules/organizations/organizations.repository'
import { WEB_DIST, type WebManifest } from '../src/modules/pages/web-bundle'
import { launchChromium } from '../test/support/chromium'
import { freshDatabase, startServer, writeSection } from './lib'
import { bulkInsertUsers } from './search-seed'

/**
 * The admin console's budget (issue 11): its script and stylesheet gzipped; the first load
 * of /admin/ in Chromium until the sign-in form takes input, next to a bare /healthz
 * navigation in the same run; and the Users screen of an organization of 100,000 users
 * (seeded with generate_series): first page, a search, the next page — all server-side
 * (?search=, cursor pages), timed in the browser from the click to the rows shown.
 *
 *   node --import tsx bench/console.ts      (BENCH_CONSOLE_RUNS, default 15)
 */
const runs = Number(process.env.BENCH_CONSOLE_RUNS ?? 15)
const USERS = 100_000
const SLUG = 'bench-console'
const password = 'benchmark passphrase 2026'
const load = loadavg()[0].toFixed(1)
const lastNames = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf', 'Neumann', 'Schwarz', 'Braun', 'Zimmermann', 'Krüger', 'Hartmann', 'Lange', 'Werner', 'Krause', 'Lehmann', 'Köhler']

const databaseUrl = await freshDatabase('cc_bench_console')
const env = {
  DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', THROTTLE_AUTH_PER_IP: 'off', THROTTLE_AUTH_PER_ACCOUNT: 'off',
  COMMERCECORE_SECRET_KEY: 'benchmark-secret-key-0123456789-abcdefghijkl',
}
await seed()
const server = await startServer(['bin/commercecore.js', 'serve'], env)
const killTimer = setTimeout(() => { server.proc.kill('SIGKILL'); process.exit(1) }, 600_000)
killTimer.unref()
const browser = await launchChromium()

/** One organization with USERS users straight in SQL, and a superuser to sign in with. */
async function seed() {
  const database = await openDatabase({ databaseUrl, dataDir: '/tmp', poolSize: 2 })
  await database.migrate()
  const org = await database.db.transaction((tx) => insertOrganizationWithDefaults(tx, { name: 'Bench Console', slug: SLUG }))
  await database.close()
  const cli = await openCommandContext(loadConfig(env), 'none')
  await createSuperuser(cli, { username: 'bench-admin', email: 'bench-admin@example.com', password, organization: SLUG })
  await cli.close()
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  const started = Date.now()
  await bulkInsertUsers(client, `
    INSERT INTO users (id, organization_id, username, email, first_name, last_name, date_joined)
    SELECT (lpad(to_hex(1700000000000 + g), 12, '0') || '7' || lpad(to_hex(g % 4096), 3, '0') || '8' || lpad(to_hex(g), 15, '0'))::uuid,
      $1, 'seed.' || g, 'seed.' || g || '@example.com', 'User', ($3::text[])[1 + g % 25], timestamptz '2025-01-01' + g * interval '10 seconds'
    FROM generate_series(1, $2) g`, [org.id, USERS, lastNames])
  await client.end()
  console.log(`seeded ${USERS} users in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

/** The console's gzipped script and stylesheet, as the server serves them (web/dist, built on start). */
function bundleSizes() {
  const manifest = JSON.parse(readFileSync(path.join(WEB_DIST, 'manifest.json'), 'utf8')) as WebManifest
  const files = [manifest.pages.admin.js, ...manifest.pages.admin.css]
  return files.map((f) => {
    const bytes = readFileSync(path.join(WEB_DIST, 'assets', f))
    return { file: f.replace(/-[A-Z0-9]+\./i, '.'), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
  })
}

async function timeLoads(browser: Browser, url: string, ready: (page: Page) => Promise<unknown>): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext()
    const page = await context.newPage()
    const start = performance.now()
    await page.goto(`${server.url}${url}`, { waitUntil: 'commit' })
    await ready(page)
    times.push(performance.now() - start)
    await context.close()
  }
  return times
}

/** Milliseconds from `act` until `done` resolves. */
async function timed(act: () => Promise<unknown>, done: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await act()
  await done()
  return performance.now() - start
}

const rowsAll = (page: Page, term: string) => page.waitForFunction((t) => {
  const rows = [...document.querySelectorAll('tbody tr[data-testid^="user-"]')]
  return rows.length > 0 && rows.every((r) => r.textContent?.toLowerCase().includes(t))
}, term.toLowerCase())
const firstRow = (page: Page) => page.locator('tbody tr[data-testid^="user-"]').first().getAttribute('data-testid')

async function usersScreen(browser: Browser) {
  const context = await browser.newContext()
  const page = await context.newPage()
  page.setDefaultTimeout(30_000)
  await page.goto(`${server.url}/admin/?org=${SLUG}`)
  await page.getByLabel('Username or email').fill('bench-admin')
  await page.getByLabel('Password').fill(password)
  const signIn = await timed(() => page.getByRole('button', { name: 'Sign in' }).click(), () => page.locator('tbody tr[data-testid^="user-seed."]').first().waitFor())
  const first: number[] = []
  const search: number[] = []
  const common: number[] = []
  const next: number[] = []
  const nav = page.getByRole('navigation', { name: 'Console' })
  for (let i = 0; i < runs; i++) {
    await nav.getByRole('link', { name: 'Roles & permissions' }).click()
    await page.getByRole('heading', { name: 'Roles & permissions', level: 1 }).waitFor()
    first.push(await timed(() => nav.getByRole('link', { name: 'Users' }).click(), () => page.locator('tbody tr[data-testid^="user-seed."]').first().waitFor()))
    // Next pages, deeper each run: the cursor keeps each one as cheap as the first.
    for (let p = 0; p < 3; p++) {
      const before = await firstRow(page)
      next.push(await timed(() => page.getByRole('button', { name: 'Next' }).click(), () => page.waitForFunction((b) => document.querySelector('tbody tr[data-testid^="user-"]')?.getAttribute('data-testid') !== b, before)))
    }
    const term = `seed.${1 + ((i * 7919) % USERS)}@`
    await page.getByLabel('Search users').fill(term)
    search.push(await timed(() => page.getByRole('button', { name: 'Search' }).click(), () => rowsAll(page, term)))
    const name = lastNames[i % lastNames.length]
    await page.getByLabel('Search users').fill(name)
    common.push(await timed(() => page.getByRole('button', { name: 'Search' }).click(), () => rowsAll(page, name)))
  }
  await context.close()
  return { signIn, first, search, common, next }
}

const pct = (t: number[], q: number) => [...t].sort((a, b) => a - b)[Math.min(t.length - 1, Math.floor(t.length * q))].toFixed(0)
const row = (name: string, t: number[]) => `| ${name} | ${pct(t, 0.5)} | ${pct(t, 0.9)} |`
const kb = (n: number) => (n / 1024).toFixed(1)

try {
  const sizes = bundleSizes()
  const totalGzip = sizes.reduce((s, f) => s + f.gzip, 0)
  const baseline = await timeLoads(browser, '/healthz', (page) => page.waitForLoadState('load'))
  const signInForm = await timeLoads(browser, `/admin/?org=${SLUG}`, (page) => page.locator('#password:enabled').waitFor())
  const users = await usersScreen(browser)
  const body = [
    '## Admin console: budget (bench/console.ts)',
    '',
    `Chromium (headless, playwright-core) over loopback against \`commercecore serve\` on PostgreSQL; ${runs} runs of each; 1-minute load average ${load} on 2 cores at the start (shared machine: rough figures).`,
    '',
    `**Size** (budget ≤ 200 KB gzipped): ${sizes.map((f) => `\`${f.file}\` ${kb(f.raw)} KB → ${kb(f.gzip)} KB`).join(', ')}; **${kb(totalGzip)} KB gzipped in all** (gzip -9; the server sends them uncompressed today, see docs/admin.md).`,
    '',
    '| load (budget: sign-in form ≤ 1 s) | p50 ms | p90 ms |',
    '|---|---:|---:|',
    row('baseline: GET /healthz (JSON, no script), fresh context', baseline),
    row('/admin/ until the sign-in form takes input, fresh context', signInForm),
    '',
    `Users screen, one organization of ${USERS.toLocaleString('en')} users (generate_series), signed in as a superuser; from the click until the rows are shown:`,
    '',
    '| step | p50 ms | p90 ms |',
    '|---|---:|---:|',
    row('sign in → first page of users (once)', [users.signIn]),
    row('open the Users screen → first page (25 users)', users.first),
    row('search one user (`seed.N@`) → its row', users.search),
    row(`search a common last name (1 in 25, ${(USERS / 25).toLocaleString('en')} matches) → first page`, users.common),
    row('Next → the next cursor page', users.next),
  ].join('\n')
  writeSection('console', body)
  console.log(body)
} finally {
  await browser.close()
  await server.stop()
}
