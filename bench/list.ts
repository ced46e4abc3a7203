import { rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { backendCpu, cannon, cpuMs, freshDatabase, serveArgs, startServer, table, writeSection, type Figure } from './lib'

const serverDir = process.env.BENCH_LIST_SERVER

/**
 * GET /api/v1/users/?limit=50 (a staff token, BENCH_USERS users in the organization) next
 * to a bare Fastify serving the same 50-row JSON, captured from a real response, in the
 * same run (bench/list-baseline.ts). Bounded in time; loopback only.
 *
 * BENCH_LIST_SERVER=/path/to/checkout serves from another checkout (e.g. one from before
 * the page cache), for before/after figures in one run of this bench code.
 *
 *   node --import tsx bench/list.ts      (BENCH_SECONDS, default 10; BENCH_USERS, default 10000)
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const userCount = Number(process.env.BENCH_USERS ?? 10_000)
const connections = 10
const password = 'benchmark passphrase 2026'
const load = () => loadavg()[0].toFixed(2)

const databaseUrl = await freshDatabase('commercecore_bench_list')
const args = serverDir ? serveArgs().map((a) => (a === 'bin/commercecore.js' ? path.join(path.resolve(serverDir), a) : a)) : serveArgs()
const server = await startServer(args, {
  DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', THROTTLE_AUTH_PER_IP: 'off', THROTTLE_AUTH_PER_ACCOUNT: 'off', ACCESS_TOKEN_LIFETIME: '1h',
  COMMERCECORE_SECRET_KEY: 'benchmark-secret-key-0123456789-abcdefghijkl',
})
const killTimer = setTimeout(() => { server.proc.kill('SIGKILL'); process.exit(1) }, (seconds * 4 + 240) * 1000)
killTimer.unref()

const post = async (p: string, body: unknown) => {
  const res = await fetch(`${server.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`)
  return res.json() as Promise<{ access: string; user: { id: string; organization: string } }>
}

// Fixtures: a staff member (the built-in admin role: view_users, not a superuser) and
// userCount customers with a profile and their role, straight into the database.
const { user: staff } = await post('/api/v1/auth/register/', { username: 'staff', email: 'staff@example.com', password })
const db = new pg.Client({ connectionString: databaseUrl })
await db.connect()
await db.query(`INSERT INTO user_roles (id, organization_id, user_id, role_id)
  SELECT gen_random_uuid(), $1, $2, id FROM roles WHERE organization_id = $1 AND name = 'admin'`, [staff.organization, staff.id])
await db.query(`INSERT INTO users (id, organization_id, username, email, password_hash, first_name, last_name, phone_number, profile, date_joined, last_login)
  SELECT gen_random_uuid(), $1, 'user' || i, 'user' || i || '@example.com', NULL, 'First' || i, 'Last' || i, '+44 20 7946 ' || lpad((i % 10000)::text, 4, '0'),
         CASE WHEN i % 3 = 0 THEN '{}'::jsonb ELSE jsonb_build_object('shoe_size', 36 + i % 12, 'newsletter', i % 2 = 0) END,
         now() - make_interval(secs => i * 37.123456), CASE WHEN i % 4 = 0 THEN NULL ELSE now() - make_interval(secs => i) END
    FROM generate_series(1, $2::int) AS i`, [staff.organization, userCount])
await db.query(`INSERT INTO user_roles (id, organization_id, user_id, role_id)
  SELECT gen_random_uuid(), u.organization_id, u.id, r.id FROM users u JOIN roles r ON r.organization_id = u.organization_id AND r.name = 'customer'
   WHERE u.organization_id = $1 AND u.username LIKE 'user%'`, [staff.organization])
await db.query('VACUUM ANALYZE') // the steady state autovacuum keeps: index-only scans need the visibility map
await db.end()
const { access } = await post('/api/v1/auth/login/', { username: 'staff', password })
const headers = { authorization: `Bearer ${access}` }

const listPath = '/api/v1/users/?limit=50'
const res = await fetch(`${server.url}${listPath}`, { headers })
const body = await res.text()
const page = JSON.parse(body) as { results: unknown[] }
if (res.status !== 200 || page.results.length !== 50) throw new Error(`${listPath}: ${res.status} ${body.slice(0, 300)}`)
const pageFile = path.join(tmpdir(), `cc-bench-list-page-${process.pid}.json`)
writeFileSync(pageFile, body)

const figures: Figure[] = []
const loads: string[] = []
await cannon('warm-up (not counted)', server, { duration: 2, connections, path: listPath, headers })
const pgCpu = await backendCpu('commercecore_bench_list')
const cpu0 = cpuMs(server.proc.pid)
const runStarted = Date.now()
figures.push(await cannon(`GET ${listPath} (${userCount} users)`, server, { duration: seconds, connections, path: listPath, headers }))
const cpu1 = cpuMs(server.proc.pid)
const pgUsed = await pgCpu()
const runEnded = Date.now()
loads.push(load())
// The same page while one user of the organization changes every 50 ms (a sign-in's
// last_login, say): each change drops the organization's cached pages.
const writer = new pg.Client({ connectionString: databaseUrl })
await writer.connect()
const churn = setInterval(() => void writer.query("UPDATE users SET last_login = now() WHERE organization_id = $1 AND username = 'user1'", [staff.organization]).catch(() => {}), 50)
figures.push(await cannon(`GET ${listPath}, a user changed every 50 ms`, server, { duration: seconds, connections, path: listPath, headers }))
clearInterval(churn)
await writer.end()
loads.push(load())
await server.stop()
if (process.env.BENCH_SERVER_NODE_FLAGS) console.log(`measured run: from ${Date.now() - runStarted} to ${Date.now() - runEnded} ms before the server exited`)

const baselineCpu: number[] = []
const baseline = await startServer(['--import', 'tsx', 'bench/list-baseline.ts'], { BENCH_LIST_PAGE: pageFile })
for (const [route, name] of [['/stringify', 'baseline: bare Fastify, same JSON, JSON.stringify'], ['/schema', 'baseline: bare Fastify, same JSON, response schema']]) {
  const check = await fetch(`${baseline.url}${route}`).then((r) => r.text())
  if (check !== body) throw new Error(`baseline ${route} does not answer the captured page byte for byte`)
  await cannon('warm-up (not counted)', baseline, { duration: 2, connections, path: route })
  const before = cpuMs(baseline.proc.pid)
  const fig = await cannon(name, baseline, { duration: seconds, connections, path: route })
  const after = cpuMs(baseline.proc.pid)
  baselineCpu.push((after.user + after.sys - before.user - before.sys) / (fig.rps * seconds))
  figures.push(fig)
  loads.push(load())
}
await baseline.stop()
rmSync(pageFile)

const [list, churned, viaStringify, viaSchema] = figures
const best = Math.max(viaStringify.rps, viaSchema.rps)
const pages = list.rps * seconds
const cpuPerPage = (cpu1.user + cpu1.sys - cpu0.user - cpu0.sys) / pages
const lines = [
  `Run ${new Date().toISOString()} · ${seconds} s per scenario · ${connections} connections · ${userCount} users · ${body.length} bytes per page · load average ${loads.join(', ')} after each`,
  '',
  table(figures),
  '',
  '| ratio | value | target |',
  '|---|---:|---:|',
  `| list / faster baseline (${best} req/s) | ${(list.rps / best).toFixed(2)} | ≥ 0.40 |`,
  `| list with a write every 50 ms / faster baseline | ${(churned.rps / best).toFixed(2)} | |`,
  `| list: server CPU per page (all threads) | ${cpuPerPage.toFixed(3)} ms | |`,
  `| list: PostgreSQL backends' CPU per page | ${(pgUsed / pages).toFixed(3)} ms | |`,
  `| baselines: server CPU per page (JSON.stringify, schema) | ${baselineCpu.map((c) => c.toFixed(3)).join(' ms, ')} ms | |`,
]
console.log(`\n${lines.join('\n')}`)
const label = serverDir ? ` (served from ${serverDir})` : ''
writeSection(serverDir ? 'list-before' : 'list', `## List: GET /users/?limit=50 vs a bare Fastify serving the same page${label}\n\n${lines.join('\n')}`)
process.exit(0)
