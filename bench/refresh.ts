import { execFileSync } from 'node:child_process'
import { loadavg } from 'node:os'
import { chainFigure, chainRequests, ourRefresh } from './chain-client'
import { backendCpu, cannon, cpuMs, freshDatabase, PG, rssMiB, serveArgs, startServer, table, writeSection, type Figure } from './lib'

/**
 * Refresh-token rotation with ten chaining clients (each presents the token the previous
 * answer gave it, so every client waits for its last rotation) next to pgbench's TPC-B
 * with the same client count, on the same PostgreSQL, in the same run. A rotation is one
 * small write transaction, so TPC-B (five statements, one commit) is its yardstick.
 *
 *   node --import tsx bench/refresh.ts      (BENCH_SECONDS, default 10; BENCH_CLIENTS, default 10)
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const clients = Number(process.env.BENCH_CLIENTS ?? 10)
const password = 'benchmark passphrase 2026'
const load = () => loadavg()[0].toFixed(2)

/** pgbench TPC-B (built-in script) with `clients` connections for `seconds`; returns tps. */
function pgbenchTps(): { tps: number; load: string } {
  const db = 'cc_bench_pgbench'
  const url = `${PG}/${db}`
  const out = execFileSync('pgbench', ['-c', String(clients), '-j', '2', '-T', String(seconds), url], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: (seconds + 60) * 1000 })
  const tps = /tps = ([\d.]+)/.exec(out)
  if (!tps) throw new Error(`pgbench said: ${out}`)
  return { tps: Math.round(Number(tps[1])), load: load() }
}

await freshDatabase('cc_bench_pgbench')
execFileSync('pgbench', ['-i', '-q', `${PG}/cc_bench_pgbench`], { stdio: 'ignore', timeout: 120_000 })
const databaseUrl = await freshDatabase('commercecore_bench_refresh')
const server = await startServer(serveArgs(), {
  DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', THROTTLE_AUTH_PER_IP: 'off', THROTTLE_AUTH_PER_ACCOUNT: 'off',
  COMMERCECORE_SECRET_KEY: 'benchmark-secret-key-0123456789-abcdefghijkl', HASH_QUEUE_LIMIT: '10000', HASH_QUEUE_TIMEOUT_MS: '30000',
})
const killTimer = setTimeout(() => { server.proc.kill('SIGKILL'); process.exit(1) }, (seconds * 4 + 180) * 1000)
killTimer.unref()

const post = async (path: string, body: unknown) => {
  const send = () => fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  // After a pgbench run the pooled keep-alive connection may have been closed by the server: once more on a new one.
  const res = await send().catch(send)
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return res.json() as Promise<{ access: string; refresh: string }>
}
await post('/api/v1/auth/register/', { username: 'bench', email: 'bench@example.com', password })
// One live token per client: a connection takes one, and its answer puts the successor
// back, so with as many tokens as connections every chain waits for its own last answer.
// A run's last in-flight rotations are cut off at its end, so every run starts on fresh chains.
const pool: string[] = []
async function freshChains() {
  pool.length = 0
  for (let i = 0; i < clients; i++) pool.push((await post('/api/v1/auth/login/', { username: 'bench', password })).refresh)
}

const chained = [{
  method: 'POST' as const, path: '/api/v1/auth/token/refresh/', headers: { 'content-type': 'application/json' },
  setupRequest: (req: object) => ({ ...req, body: JSON.stringify({ refresh: pool.shift() }) }),
  onResponse: (status: number, body: string) => { if (status === 200) pool.push(JSON.parse(body).refresh) },
}]
/** A run with the CPU each process spent on it, per refresh. */
async function measured(run: () => Promise<Figure>): Promise<{ figure: Figure; where: string }> {
  await freshChains()
  const pgCpu = await backendCpu('commercecore_bench_refresh')
  const cpu0 = { server: cpuMs(server.proc.pid), main: cpuMs(server.proc.pid, server.proc.pid), bench: process.cpuUsage() }
  const started = Date.now()
  const figure = await run()
  windows.push([started, Date.now()])
  const cpu1 = { server: cpuMs(server.proc.pid), main: cpuMs(server.proc.pid, server.proc.pid), bench: process.cpuUsage(cpu0.bench) }
  const pgUsed = await pgCpu()
  const perReq = (ms: number) => (ms / (figure.rps * seconds)).toFixed(3)
  const where = [
    `${figure.name}: CPU ms per refresh: server ${perReq(cpu1.server.user - cpu0.server.user + cpu1.server.sys - cpu0.server.sys)}`,
    `(user ${perReq(cpu1.server.user - cpu0.server.user)}, system ${perReq(cpu1.server.sys - cpu0.server.sys)};`,
    `event-loop thread ${perReq(cpu1.main.user - cpu0.main.user + cpu1.main.sys - cpu0.main.sys)}, the rest GC/JIT/libuv threads),`,
    `PostgreSQL backends ${perReq(pgUsed)}, load generator ${perReq((cpu1.bench.user + cpu1.bench.system) / 1000)};`,
    `wall time per refresh per client ${(1000 * clients / figure.rps).toFixed(2)} ms.`,
  ].join(' ')
  return { figure, where }
}

/** The same chains through bench/chain-client.ts, as a Figure. */
async function leanRun(name: string): Promise<Figure> {
  const figure = chainFigure(name, await chainRequests(server.url, '/api/v1/auth/token/refresh/', pool, seconds * 1000, ourRefresh), seconds, rssMiB(server.proc.pid))
  console.log(`${name.padEnd(40)} ${String(figure.rps).padStart(7)} req/s  p50 ${figure.p50} ms  p99 ${figure.p99} ms  non-2xx ${figure.non2xx}`)
  return figure
}

const windows: [number, number][] = []
await freshChains()
const warm = await cannon('warm-up (not counted)', server, { duration: 2, connections: clients, requests: chained })
if (warm.non2xx) throw new Error('warm-up refreshes failed')
const before = pgbenchTps()
const viaAutocannon = await measured(() => cannon(`POST /api/v1/auth/token/refresh/ (${clients} chaining clients, autocannon)`, server, { duration: seconds, connections: clients, requests: chained }))
const viaLean = await measured(() => leanRun(`POST /api/v1/auth/token/refresh/ (${clients} chaining clients, lean client)`))
const refreshLoad = load()
await server.stop()
if (process.env.BENCH_SERVER_NODE_FLAGS) console.log(`measured runs: ${windows.map(([a, b]) => `from ${Date.now() - a} to ${Date.now() - b}`).join(', ')} ms before the server exited`)
const after = pgbenchTps()
const pgbench = { tps: Math.round((before.tps + after.tps) / 2) }
const figures = [viaAutocannon.figure, viaLean.figure]
const where = `${viaAutocannon.where}\n\n${viaLean.where}`

const lines = [
  `Run ${new Date().toISOString()} · ${seconds} s per scenario · ${clients} clients · PostgreSQL 15 on loopback (synchronous_commit on) · load average ${before.load} after pgbench, ${refreshLoad} after refresh, ${after.load} after pgbench again`,
  '',
  table(figures),
  '',
  '| ratio | value | target |',
  '|---|---:|---:|',
  ...[['autocannon', viaAutocannon.figure], ['lean client', viaLean.figure]].map(([client, f]) =>
    `| refresh (${client}) / pgbench TPC-B (${pgbench.tps} tps: mean of ${before.tps} before and ${after.tps} after, \`pgbench -c ${clients} -j 2 -T ${seconds}\`, scale 1) | ${((f as Figure).rps / pgbench.tps).toFixed(2)} | ≥ 0.50 |`),
]
lines.push('', where)
console.log(`\n${lines.join('\n')}`)
if (figures.some((f) => f.non2xx || f.errors)) console.error('refresh answered non-2xx or failed: chains were lost, the figure is not valid')
writeSection('refresh', `## Refresh: ten chaining clients vs pgbench TPC-B\n\n${lines.join('\n')}`)
process.exit(0)
