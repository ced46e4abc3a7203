import { loadavg } from 'node:os'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import pg from 'pg'
import { loadConfig } from '../src/config'
import { openDatabase } from '../src/db'
import { users } from '../src/db/schema'
import { openCommandContext } from '../src/cli/run'
import { createSuperuser } from '../src/cli/superuser'
import { pageRequest } from '../src/lib/pagination'
import { insertOrganizationWithDefaults } from '../src/modules/organizations/organizations.repository'
import { listUsers, userOrderings } from '../src/modules/users/users.repository'
import { cannon, PG, startServer, table, writeSection, type Figure } from './lib'
import { BIG, BIG_SLUG, seedSearchFixtures } from './search-seed'

/**
 * `?search=` and deep cursor pages of GET /users/ with 1,000,000 users in one organization
 * (and 200,000 in four others), over real HTTP against `commercecore serve` on PostgreSQL,
 * next to the plain first page measured in the same run. Bounded: BENCH_SEARCH_SECONDS per
 * scenario (default 5), loopback only; the fixtures stay in their own database
 * (cc_bench_search) for the next run (BENCH_SEARCH_DROP=1 drops it at the end).
 *
 * BENCH_SEARCH_SERVER=/path/to/checkout serves from another checkout (e.g. one from before
 * the trigram indexes) on the same data, for before/after figures.
 *
 *   node --import tsx bench/search.ts
 */
const seconds = Number(process.env.BENCH_SEARCH_SECONDS ?? 5)
const connections = Number(process.env.BENCH_SEARCH_CONNECTIONS ?? 4)
const serverDir = path.resolve(process.env.BENCH_SEARCH_SERVER ?? '.')
const label = process.env.BENCH_SEARCH_SERVER ? ` (served from ${process.env.BENCH_SEARCH_SERVER})` : ''
const dbName = 'cc_bench_search'
const password = 'benchmark passphrase 2026'

const admin = new pg.Client({ connectionString: `${PG}/postgres` })
await admin.connect()
if ((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName])).rowCount === 0) await admin.query(`CREATE DATABASE "${dbName}"`)
await admin.end()
const databaseUrl = `${PG}/${dbName}`

// This checkout's migrations (the trigram indexes included), whichever checkout serves.
const database = await openDatabase({ databaseUrl, dataDir: '/tmp', poolSize: 2 })
await database.migrate()
const orgId = await seedSearchFixtures(databaseUrl, async (slug) => (await database.db.transaction((tx) => insertOrganizationWithDefaults(tx, { name: slug, slug }))).id)
const env = {
  DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', THROTTLE_AUTH_PER_IP: 'off', THROTTLE_AUTH_PER_ACCOUNT: 'off', ACCESS_TOKEN_LIFETIME: '1h',
  COMMERCECORE_SECRET_KEY: 'benchmark-secret-key-0123456789-abcdefghijkl',
}
const [existing] = await database.db.select({ id: users.id }).from(users).where(and(eq(users.organizationId, orgId), eq(users.username, 'bench-admin')))
if (!existing) {
  const cli = await openCommandContext(loadConfig(env), 'none')
  await createSuperuser(cli, { username: 'bench-admin', email: 'bench-admin@example.com', password, organization: BIG_SLUG })
  await cli.close()
}

const server = await startServer([path.join(serverDir, 'bin/commercecore.js'), 'serve'], env)
const killTimer = setTimeout(() => { server.proc.kill('SIGKILL'); process.exit(1) }, (seconds * 12 + 600) * 1000)
killTimer.unref()

try {
  const headers = { authorization: `Bearer ${await adminToken()}` }
  const figures: Figure[] = []
  const queryTimes: string[] = []
  const run = async (name: string, query: string, opts: { amount?: number } = {}) => {
    const path = `/api/v1/users/?${query}`
    if (!process.env.BENCH_SEARCH_SERVER) queryTimes.push(`| ${name} | ${await repositoryMs(query, opts.amount ?? 15)} |`)
    const first = await fetch(`${server.url}${path}`, { headers })
    const body = await first.json() as { results: unknown[] }
    if (!first.ok) throw new Error(`${path}: ${first.status} ${JSON.stringify(body)}`)
    const label = `${name} (${body.results.length} on the page)`
    let fig = opts.amount ? undefined : await cannon(label, server, { duration: seconds, connections, path, headers })
    // Requests slower than the scenario never complete inside it (0 req/s, p50 "0"):
    // such a scenario is measured on a few requests one after the other instead.
    if (!fig || fig.rps * seconds < 8) fig = await cannon(`${label}, ${opts.amount ?? 4} requests one at a time`, server, { amount: opts.amount ?? 4, connections: 1, path, headers, timeout: 60 })
    figures.push(fig)
  }
  // Not recorded: the server's first seconds (JIT, connections, caches) would tilt whichever scenario ran first.
  await cannon('warm-up (not recorded)', server, { duration: 2, connections, path: '/api/v1/users/?limit=50', headers })
  await run('baseline: first page, no search', 'limit=50')
  await run('search, 1 match (50 % of 4 other orgs match)', 'limit=50&search=zephyrquill')
  await run('search, 0 matches', 'limit=50&search=qqxjvw')
  await run('search, common term (1 in 25 rows)', 'limit=50&search=schmidt')
  await run('search, very common term (every row)', 'limit=50&search=seed.')
  await run('search, 1 in 25, clustered by ordering=email', 'limit=50&ordering=email&search=hartmann')
  await run('search, 2 characters, 0 matches', 'limit=50&search=zq', { amount: 4 })
  await run(`deep page: page 20,000 of the baseline's list (cursor)`, `limit=50&cursor=${await cursorAt(19_999 * 50)}`)

  const lines = [
    `Run ${new Date().toISOString()}${label} · ${BIG.toLocaleString('en')} users in one organization, 200,000 in four others · ${seconds} s per scenario · ${connections} connections · PostgreSQL 15 on loopback, pool of 10 · load average ${loadavg()[0].toFixed(1)} at the end (other engineers share the machine)`,
    '',
    table(figures),
    ...(queryTimes.length ? ['',
    `The same pages read by this checkout's \`listUsers\` in the bench process (no HTTP, one at a time, one connection): the database's share of each figure.`,
    '',
    '| scenario | p50 ms | max ms |',
    '|---|---:|---:|',
    ...queryTimes] : []),
  ]
  writeSection(process.env.BENCH_SEARCH_SERVER ? 'search-before' : 'search', `## Search and deep pages at 1M users${label}\n\n${lines.join('\n')}`)
  console.log(`\n${lines.join('\n')}`)
} finally {
  await database.close()
  await server.stop()
  if (process.env.BENCH_SEARCH_DROP === '1') {
    const c = new pg.Client({ connectionString: `${PG}/postgres` })
    await c.connect()
    await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)
    await c.end()
  }
}
process.exit(0)

/** The bench superuser of the big organization, signed in over HTTP. */
async function adminToken(): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/auth/login/`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-organization': BIG_SLUG }, body: JSON.stringify({ username: 'bench-admin', password }),
  })
  if (res.status !== 200) throw new Error(`login: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { access: string }).access
}

/** p50 and max of `runs` sequential `listUsers` calls for a /users/ query string. */
async function repositoryMs(query: string, runs: number): Promise<string> {
  const q = Object.fromEntries(new URLSearchParams(query))
  const page = pageRequest({ limit: Number(q.limit), ordering: q.ordering, cursor: q.cursor }, userOrderings, '-date_joined')
  const ms: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await listUsers(database.db, orgId, page, { search: q.search })
    ms.push(performance.now() - started)
  }
  ms.sort((a, b) => a - b)
  return `${ms[Math.floor(ms.length / 2)].toFixed(1)} | ${ms[ms.length - 1].toFixed(1)}`
}

/** The cursor the API would hand out after row `offset` of the default ordering (-date_joined). */
async function cursorAt(offset: number): Promise<string> {
  const c = new pg.Client({ connectionString: databaseUrl })
  await c.connect()
  const { rows: [row] } = await c.query<{ id: string; v: string }>(
    `SELECT id, to_char(date_joined AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS v FROM users
     WHERE organization_id = $1 AND deleted_at IS NULL ORDER BY date_joined DESC, id DESC OFFSET $2 LIMIT 1`, [orgId, offset - 1])
  await c.end()
  return Buffer.from(JSON.stringify({ v: row.v, id: row.id })).toString('base64url')
}
