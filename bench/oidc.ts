import { loadavg } from 'node:os'
import * as oidc from 'openid-client'
import { openDatabase } from '../src/db'
import { insertOrganizationWithDefaults } from '../src/modules/organizations/organizations.repository'
import { insertProduct } from '../src/modules/products/products.repository'
import { authorizationRequest, completeInteraction, CookieJar, discoverRelyingParty, follow, insertClient, redeem } from '../test/support/oidc-flow'
import { chainFigure, chainRequests, ourRefresh, type ChainStep } from './chain-client'
import { cannon, cpuDuring, freshDatabase, rssMiB, serveArgs, startServer, table, writeSection, type Figure } from './lib'

/**
 * The organization's OpenID provider (oidc-provider behind /oidc/<slug>/) next to our own
 * endpoints, in the same run: refresh_token grants (each connection presents the refresh
 * token its previous answer rotated to) and client_credentials grants against our
 * POST /auth/token/refresh/ chained the same way, all through the lean client of
 * bench/chain-client.ts; then GET /api/v1/products/ with a client-credentials access token
 * (opaque, looked up by hash, then cached) against the same with our JWT, with autocannon.
 * Each baseline runs before and after what it is compared with; the mean is the yardstick.
 *
 *   node --import tsx bench/oidc.ts      (BENCH_SECONDS, default 10; BENCH_CLIENTS, default 10)
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const clients = Number(process.env.BENCH_CLIENTS ?? 10)
const password = 'benchmark passphrase 2026'
const dbName = 'commercecore_bench_oidc'
const slug = 'bench-oidc'
const apiScope = 'view_orders' // any permission codename: an API scope (the products list itself is public)
const load = () => loadavg()[0].toFixed(2)

const databaseUrl = await freshDatabase(dbName)
const server = await startServer(serveArgs(), (url) => ({
  DATABASE_URL: databaseUrl, PUBLIC_URL: url, LOG_LEVEL: 'warn', THROTTLE_AUTH_PER_IP: 'off', THROTTLE_AUTH_PER_ACCOUNT: 'off', ACCESS_TOKEN_LIFETIME: '1h',
  COMMERCECORE_SECRET_KEY: 'benchmark-secret-key-0123456789-abcdefghijkl', HASH_QUEUE_LIMIT: '10000', HASH_QUEUE_TIMEOUT_MS: '30000',
}))
const killTimer = setTimeout(() => { server.proc.kill('SIGKILL'); process.exit(1) }, (seconds * 12 + 240) * 1000)
killTimer.unref()

// Fixtures straight into the database (the server migrated it on start): the organization,
// a catalogue page, one confidential client allowed the code flow, refresh and client credentials.
const database = await openDatabase({ databaseUrl, dataDir: '/tmp', poolSize: 2 })
const org = await database.db.transaction((tx) => insertOrganizationWithDefaults(tx, { name: 'Bench OIDC', slug }))
for (let i = 0; i < 20; i++) await insertProduct(database.db, org.id, { sku: `P-${i}`, name: `Product ${i}`, price: `${1 + i}.25`, currency: 'EUR', stock: 100 })
const client = await insertClient(database.db, org.id, { grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'], scopes: ['openid', 'offline_access', apiScope] })
await database.close()

const post = async (path: string, body: unknown) => {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-organization': slug }, body: JSON.stringify(body) })
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return res.json() as Promise<{ access: string; refresh: string }>
}
const { access } = await post('/api/v1/auth/register/', { username: 'bench', email: 'bench@example.com', password })
const rp = await discoverRelyingParty(`${server.url}/oidc/${slug}`, client)
const tokenPath = new URL(rp.serverMetadata().token_endpoint!).pathname

/**
 * A refresh token of the provider, from a code flow over HTTP (PKCE, the hosted page's steps
 * signed in with our session); oidc-provider drops offline_access unless the prompt includes consent.
 */
async function providerRefreshToken(): Promise<string> {
  const request = await authorizationRequest(rp, { scope: 'openid offline_access', prompt: 'consent' })
  const jar = new CookieJar()
  const back = await completeInteraction(jar, server, await follow(jar, server, request.url.href), access)
  const tokens = await redeem(rp, back, request)
  if (!tokens.refresh_token) throw new Error('the code flow gave no refresh token')
  return tokens.refresh_token
}

const basic = `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.secret!)}`).toString('base64')}`
const form = (fields: Record<string, string>) => ({
  headers: `Authorization: ${basic}\r\nContent-Type: application/x-www-form-urlencoded\r\n`, body: new URLSearchParams(fields).toString(),
})
const providerRefresh: ChainStep = { request: (token) => form({ grant_type: 'refresh_token', refresh_token: token }), next: (body) => JSON.parse(body).refresh_token }
const clientCredentials: ChainStep = { request: () => form({ grant_type: 'client_credentials', scope: apiScope }), next: () => '' }

interface Chained { name: string; path: string; step: ChainStep; first: () => Promise<string> }
const ours: Chained = { name: 'POST /api/v1/auth/token/refresh/ (ours)', path: '/api/v1/auth/token/refresh/', step: ourRefresh, first: async () => (await post('/api/v1/auth/login/', { username: 'bench', password })).refresh }
const refreshGrant: Chained = { name: `POST ${tokenPath} refresh_token`, path: tokenPath, step: providerRefresh, first: providerRefreshToken }
const credentialsGrant: Chained = { name: `POST ${tokenPath} client_credentials`, path: tokenPath, step: clientCredentials, first: async () => '' }

interface Measured { figure: Figure; serverMs: number; pgMs: number }
const cpuLines: string[] = []
/** When each counted run ended, to find it in a server profile (BENCH_SERVER_NODE_FLAGS='--cpu-prof …'). */
const windows: { name: string; started: number; ended: number }[] = []
/** Server and PostgreSQL CPU per request of a run: they hardly depend on what else the machine runs. */
function noteCpu({ figure, serverMs, pgMs }: Measured, duration: number): Measured {
  const count = Math.max(1, figure.ok2xx || figure.rps * duration)
  cpuLines.push(`| ${figure.name} | ${(serverMs / count).toFixed(3)} | ${(pgMs / count).toFixed(3)} |`)
  windows.push({ name: figure.name, started: Date.now() - duration * 1000, ended: Date.now() })
  return { figure, serverMs, pgMs }
}

/** `clients` fresh chains (a run's last in-flight tokens are cut off at its end), run for `duration` s. */
async function chainRun(c: Chained, duration: number, counted = true): Promise<Measured> {
  const firsts: string[] = []
  for (let i = 0; i < clients; i++) firsts.push(await c.first()) // one at a time: the lockout reserves a guess per in-flight login
  const name = counted ? `${c.name} (${clients} chaining clients)` : `warm-up (not counted): ${c.name}`
  const { result, serverMs, pgMs } = await cpuDuring(server, dbName, () => chainRequests(server.url, c.path, firsts, duration * 1000, c.step))
  const figure = chainFigure(name, result, duration, rssMiB(server.proc.pid))
  console.log(`${name.padEnd(40)} ${String(figure.rps).padStart(7)} req/s  p50 ${figure.p50} ms  p99 ${figure.p99} ms  non-2xx ${figure.non2xx}`)
  return counted ? noteCpu({ figure, serverMs, pgMs }, duration) : { figure, serverMs, pgMs }
}

const productsPath = '/api/v1/products/'
/** GET /api/v1/products/ with `token`, after checking it answers the same page as our JWT. */
async function apiRun(name: string, token: string, duration: number, counted = true): Promise<Measured> {
  const headers = { authorization: `Bearer ${token}`, 'x-organization': slug }
  const res = await fetch(`${server.url}${productsPath}`, { headers })
  const page = (await res.json()) as { results?: unknown[] }
  if (res.status !== 200 || page.results?.length !== 20) throw new Error(`${name}: ${res.status} ${JSON.stringify(page).slice(0, 300)}`)
  const label = counted ? `GET ${productsPath} (${name})` : `warm-up (not counted): ${name}`
  const run = await cpuDuring(server, dbName, () => cannon(label, server, { duration, connections: clients, path: productsPath, headers }))
  return counted ? noteCpu({ figure: run.result, ...run }, duration) : { figure: run.result, ...run }
}

const warm = Math.min(2, seconds)
for (const c of [ours, refreshGrant, credentialsGrant]) if ((await chainRun(c, warm, false)).figure.non2xx) throw new Error(`warm-up failed: ${c.name}`)
const loads = [load()]
const oursBefore = await chainRun(ours, seconds)
const refreshed = await chainRun(refreshGrant, seconds)
const granted = await chainRun(credentialsGrant, seconds)
const oursAfter = await chainRun(ours, seconds)
loads.push(load())

const ccToken = (await oidc.clientCredentialsGrant(rp, { scope: apiScope })).access_token
await apiRun('our JWT', access, warm, false)
await apiRun('client-credentials token', ccToken, warm, false)
const jwtBefore = await apiRun('our JWT', access, seconds)
const oauthApi = await apiRun('client-credentials token', ccToken, seconds)
const jwtAfter = await apiRun('our JWT', access, seconds)
loads.push(load())
await server.stop()
if (process.env.BENCH_SERVER_NODE_FLAGS) for (const w of windows) console.log(`${w.name}: from ${Date.now() - w.started} to ${Date.now() - w.ended} ms before the server exited`)

const mean = (a: Measured, b: Measured) => Math.round((a.figure.rps + b.figure.rps) / 2)
const ratioRow = (m: Measured, baseline: string, before: Measured, after: Measured) =>
  `| ${m.figure.name} | ${m.figure.rps} | ${baseline} (mean of ${before.figure.rps} before and ${after.figure.rps} after) | ${mean(before, after)} | ${(m.figure.rps / mean(before, after)).toFixed(2)} |`
const all = [oursBefore, refreshed, granted, oursAfter, jwtBefore, oauthApi, jwtAfter]
const lines = [
  `Run ${new Date().toISOString()} · ${seconds} s per scenario · ${clients} connections · PostgreSQL on loopback · load average ${loads.join(' → ')} (before tokens → after tokens → after API)`,
  '',
  table(all.map((m) => m.figure)),
  '',
  '| figure | req/s | baseline | baseline req/s | ratio |',
  '|---|---:|---|---:|---:|',
  ratioRow(refreshed, 'our refresh', oursBefore, oursAfter),
  ratioRow(granted, 'our refresh', oursBefore, oursAfter),
  ratioRow(oauthApi, 'same with our JWT', jwtBefore, jwtAfter),
  '',
  '| scenario | server CPU ms per request | PostgreSQL CPU ms per request |',
  '|---|---:|---:|',
  ...cpuLines,
]
console.log(`\n${lines.join('\n')}`)
if (all.some((m) => m.figure.non2xx || m.figure.errors)) console.error('a run answered non-2xx or failed (for chains: a chain was lost): the figures are not valid')
writeSection('oidc', `## OpenID provider: token grants and OAuth access tokens vs our own (bench/oidc.ts)\n\n${lines.join('\n')}`)
process.exit(0)
