import { availableParallelism, loadavg } from 'node:os'
import { hash } from '@node-rs/argon2'
import { cannon, freshDatabase, startServer, table, writeSection, type Figure } from './lib'

/**
 * A login flood next to ordinary traffic (issue 13): phase 1 measures GET /auth/me/ alone;
 * phase 2 runs the same `me` load while POST /auth/login/ is offered at FLOOD_FACTOR × the
 * raw argon2id rate of the configured hashing slots (measured first, in this run), from
 * 160 connections over several accounts. The gate in front of hash-bound routes must keep
 * rejections so cheap that `me` keeps its throughput and the hashing slots stay busy.
 * Bounded in time (BENCH_SECONDS per phase, default 10); loopback only.
 *
 *   node --import tsx bench/flood.ts
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const hashConcurrency = Math.max(1, availableParallelism() - 1) // the server's default HASH_CONCURRENCY
const floodFactor = Number(process.env.FLOOD_FACTOR ?? 20)
const floodConnections = 160
const meConnections = 10
const accounts = 8
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

const argonMs = Math.min(seconds, 5) * 1000
// Before and after the server's phases (the machine is shared, its load moves): the mean is the yardstick.
const rawBefore = await rawArgon2(hashConcurrency, argonMs)
// BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the server.
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)
const server = await startServer([...nodeArgs, 'bin/commercecore.js', 'serve'], {
  DATABASE_URL: await freshDatabase('commercecore_bench_flood'),
  THROTTLE_AUTH_PER_IP: 'off',
  THROTTLE_AUTH_PER_ACCOUNT: 'off',
  LOG_LEVEL: 'warn',
  ACCESS_TOKEN_LIFETIME: '1h',
  COMMERCECORE_SECRET_KEY: 'benchmark-secret-key-0123456789-abcdefghijkl',
  HASH_CONCURRENCY: String(hashConcurrency),
  // The documented defaults: the flood meets the queue limit and timeout operators get.
  HASH_QUEUE_LIMIT: '64',
  HASH_QUEUE_TIMEOUT_MS: '2000',
})
const killTimer = setTimeout(() => { server.proc.kill('SIGKILL'); process.exit(1) }, (seconds * 3 + 120) * 1000)
killTimer.unref()

const register = async (username: string) => {
  const res = await fetch(`${server.url}/api/v1/auth/register/`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, email: `${username}@example.com`, password }),
  })
  if (!res.ok) throw new Error(`register ${username}: ${res.status} ${await res.text()}`)
  return (await res.json() as { access: string }).access
}
const access = await register('reader')
for (let i = 0; i < accounts; i++) await register(`flood${i}`)

const me = (name: string) => cannon(name, server, {
  duration: seconds, connections: meConnections, path: '/api/v1/auth/me/', headers: { authorization: `Bearer ${access}` },
})
const alone = await me('GET /auth/me/ alone')

let next = 0
const flood = cannon(`POST /auth/login/ flood (${floodFactor}× argon2 rate)`, server, {
  duration: seconds, connections: floodConnections, overallRate: Math.round(rawBefore * floodFactor),
  requests: [{
    method: 'POST', path: '/api/v1/auth/login/', headers: { 'content-type': 'application/json' },
    setupRequest: (req) => ({ ...req, body: JSON.stringify({ username: `flood${next++ % accounts}`, password }) }),
  }],
})
const during = await me('GET /auth/me/ during the flood')
const floodFigure: Figure = await flood
await server.stop()
const rawAfter = await rawArgon2(hashConcurrency, argonMs)
const raw = (rawBefore + rawAfter) / 2

const floodOk = floodFigure.ok2xx / seconds
const lines = [
  `Run ${new Date().toISOString()} · ${seconds} s per phase · argon2id m=19456 KiB t=2 p=1 · ${hashConcurrency} hashing slot(s), HASH_QUEUE_LIMIT 64 · `
    + `flood: ${floodConnections} connections over ${accounts} accounts, ${Math.round(rawBefore * floodFactor)} req/s offered · load average ${loadavg()[0].toFixed(1)} at the end`,
  '',
  table([alone, during, floodFigure]),
  '',
  '| ratio | value | target |',
  '|---|---:|---:|',
  `| me during flood / me alone | ${(during.rps / alone.rps).toFixed(2)} | ≥ 0.50 |`,
  `| me p99 during flood (ms) | ${during.p99} | ≤ 50 |`,
  `| flood 2xx/s (${floodOk.toFixed(1)}) / raw argon2id (${raw.toFixed(1)} hashes/s with ${hashConcurrency} thread(s): ${rawBefore.toFixed(1)} before, ${rawAfter.toFixed(1)} after) | ${(floodOk / raw).toFixed(2)} | ≥ 0.90 |`,
]
console.log(`\n${lines.join('\n')}`)
writeSection('flood', `## Flood: login at ${floodFactor}× the hashing capacity next to GET /auth/me/\n\n${lines.join('\n')}`)
process.exit(0)
