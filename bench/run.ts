import { availableParallelism } from 'node:os'
import { hash } from '@node-rs/argon2'
import { cannon, freshDatabase, startServer, table, writeSection, type Figure } from './lib'

/**
 * Core benchmark: bare Fastify baseline vs GET /auth/me/ (JWT), login and refresh, on
 * PostgreSQL, with the raw argon2id throughput measured in the same run. Bounded in time;
 * loopback only.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const hashConcurrency = Math.max(1, availableParallelism() - 1)
const password = 'benchmark passphrase 2026'

async function rawArgon2(concurrency: number, ms: number): Promise<number> {
  let count = 0
  const end = Date.now() + ms
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < end) {
      await hash(password, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 })
      count++
    }
  }))
  return count / (ms / 1000)
}

const databaseUrl = await freshDatabase('commercecore_bench')
const env = {
  DATABASE_URL: databaseUrl,
  THROTTLE_AUTH_PER_IP: 'off',
  THROTTLE_AUTH_PER_ACCOUNT: 'off',
  LOG_LEVEL: 'warn',
  COMMERCECORE_SECRET_KEY: 'benchmark-secret-key-0123456789-abcdefghijkl',
  HASH_CONCURRENCY: String(hashConcurrency),
  HASH_QUEUE_LIMIT: '10000',
  HASH_QUEUE_TIMEOUT_MS: '30000',
}
const figures: Figure[] = []

const baseline = await startServer(['--import', 'tsx', 'bench/baseline.ts'], {})
figures.push(await cannon('baseline: bare Fastify GET /', baseline, { duration: seconds, path: '/' }))
await baseline.stop()

const server = await startServer(['bin/commercecore.js', 'serve'], env)
const post = async (path: string, body: unknown) => {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return res.json() as Promise<{ access: string; refresh: string }>
}
const { access } = await post('/api/v1/auth/register/', { username: 'bench', email: 'bench@example.com', password })

figures.push(await cannon('GET /api/v1/auth/me/ (JWT)', server, { duration: seconds, path: '/api/v1/auth/me/', headers: { authorization: `Bearer ${access}` } }))

const loginConnections = hashConcurrency * 4
figures.push(await cannon('POST /api/v1/auth/login/', server, {
  duration: seconds, connections: loginConnections, method: 'POST', path: '/api/v1/auth/login/',
  headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password }),
}))

// A pool of live refresh tokens: each request takes one and its response puts the rotated
// successor back, so every token is presented exactly once. (autocannon resets a
// connection's context before every request of a one-request sequence, so it cannot hold it.)
const refreshConnections = 50
const pool: string[] = []
// A few at a time: the lockout reserves one guess per in-flight login of an account.
while (pool.length < refreshConnections * 2) {
  pool.push(...(await Promise.all(Array.from({ length: 5 }, () => post('/api/v1/auth/login/', { username: 'bench', password }).then((r) => r.refresh)))))
}
figures.push(await cannon('POST /api/v1/auth/token/refresh/', server, {
  duration: seconds, connections: refreshConnections,
  requests: [{
    method: 'POST', path: '/api/v1/auth/token/refresh/', headers: { 'content-type': 'application/json' },
    setupRequest: (req) => ({ ...req, body: JSON.stringify({ refresh: pool.shift() }) }),
    onResponse: (status, body) => {
      if (status === 200) pool.push(JSON.parse(body).refresh)
    },
  }],
}))
await server.stop()

const raw = await rawArgon2(hashConcurrency, seconds * 1000)
const [base, me, login, refresh] = figures
const lines = [
  `Run ${new Date().toISOString()} · ${seconds} s per scenario · argon2id m=19456 KiB t=2 p=1 · ${hashConcurrency} hashing slot(s)`,
  '',
  table(figures),
  '',
  `| ratio | value | target |`,
  '|---|---:|---:|',
  `| me / baseline | ${(me.rps / base.rps).toFixed(2)} | ≥ 0.50 |`,
  `| login / raw argon2id (${raw.toFixed(1)} hashes/s with ${hashConcurrency} thread(s)) | ${(login.rps / raw).toFixed(2)} | ≥ 0.85 |`,
  `| refresh req/s | ${refresh.rps} | ≥ 2000 |`,
]
console.log(`\n${lines.join('\n')}`)
writeSection('core', `## Core: auth endpoints vs bare Fastify\n\n${lines.join('\n')}`)
process.exit(0)
