import pg from 'pg'
import { cannon, freshDatabase, startServer, table, writeSection, type Figure } from './lib'

/**
 * What CORS costs per request: GET /auth/me/ (JWT, served from memory) without an Origin
 * header (the baseline, same run), from an origin allowed server-wide, and from one
 * allowed by the user's organization (the in-memory origin index); plus an allowed
 * preflight. Bounded (BENCH_SECONDS rounds of 1 s per scenario, default 3); loopback only.
 * Run: node --import tsx bench/cors.ts
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 3)
const CONSOLE = 'https://console.example.com'
const SHOP = 'https://shop.example.com'

const databaseUrl = await freshDatabase('commercecore_bench_cors')
const server = await startServer(['bin/commercecore.js', 'serve'], {
  DATABASE_URL: databaseUrl, CORS_ALLOWED_ORIGINS: CONSOLE, THROTTLE_AUTH_PER_IP: 'off', THROTTLE_AUTH_PER_ACCOUNT: 'off', LOG_LEVEL: 'warn',
  COMMERCECORE_SECRET_KEY: 'benchmark-secret-key-0123456789-abcdefghijkl',
})
const db = new pg.Client({ connectionString: databaseUrl })
await db.connect()
// As an admin's PATCH would; the index loads it on the first request with this Origin.
await db.query(`UPDATE organizations SET cors_allowed_origins = $1 WHERE slug = 'default'`, [[SHOP]])
await db.end()
const res = await fetch(`${server.url}/api/v1/auth/register/`, {
  method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'bench', email: 'bench@example.com', password: 'benchmark passphrase 2026' }),
})
const { access } = await res.json() as { access: string }
const me = (origin?: string) => ({ duration: seconds, path: '/api/v1/auth/me/', headers: { authorization: `Bearer ${access}`, ...(origin && { origin }) } })

const scenarios: Array<[string, Parameters<typeof cannon>[2]]> = [
  ['GET /auth/me/, no Origin (baseline)', me()],
  ['GET /auth/me/, server-wide origin', me(CONSOLE)],
  ["GET /auth/me/, organization's origin", me(SHOP)],
  ["OPTIONS preflight, organization's origin", {
    duration: seconds, method: 'OPTIONS', path: '/api/v1/auth/me/',
    headers: { origin: SHOP, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
  }],
]
// Warm-up (JIT, pools, caches), not recorded. Then rounds of 1 s per scenario, interleaved,
// so that the load of a shared machine drifting during the run falls on every scenario alike.
await cannon('warm-up', server, { ...me(), duration: 2 })
const runs = new Map<string, Figure[]>()
for (let round = 0; round < seconds; round++) {
  for (const [name, opts] of scenarios) runs.set(name, [...(runs.get(name) ?? []), await cannon(name, server, { ...opts, duration: 1 })])
}
const mean = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length)
const figures: Figure[] = [...runs.entries()].map(([name, fs]) => ({
  name, rps: mean(fs.map((f) => f.rps)), p50: mean(fs.map((f) => f.p50)), p99: Math.max(...fs.map((f) => f.p99)),
  rssMiB: fs[fs.length - 1].rssMiB, errors: fs.reduce((a, f) => a + f.errors, 0), non2xx: fs.reduce((a, f) => a + f.non2xx, 0), ok2xx: fs.reduce((a, f) => a + f.ok2xx, 0),
}))
await server.stop()

const ratio = (f: Figure) => (f.rps / figures[0].rps).toFixed(2)
writeSection('cors', `## CORS (\`bench/cors.ts\`, ${seconds} interleaved rounds of 1 s per scenario)

${table(figures)}

Ratio to the no-Origin baseline, interleaved in the same run: ${figures.slice(1).map((f) => `${f.name}: ${ratio(f)}`).join('; ')}.
The machine is shared with other work while this runs: compare within one run only.`)
