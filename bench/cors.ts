import pg from 'pg'
import { cannon, freshDatabase, startServer, table, writeSection, type Figure } from './lib'

/**
 * What CORS costs per request: GET /auth/me/ (JWT, served from memory) without an Origin
 * header (the baseline, same run), from an origin allowed server-wide, and from one
 * allowed by the user's organization (the in-memory origin index); plus an allowed
 * preflight. Bounded (BENCH_SECONDS, default 3 s per scenario); loopback only.
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

const figures: Figure[] = []
figures.push(await cannon('GET /auth/me/, no Origin (baseline)', server, me()))
figures.push(await cannon('GET /auth/me/, server-wide origin', server, me(CONSOLE)))
figures.push(await cannon("GET /auth/me/, organization's origin", server, me(SHOP)))
figures.push(await cannon("OPTIONS preflight, organization's origin", server, {
  duration: seconds, method: 'OPTIONS', path: '/api/v1/auth/me/',
  headers: { origin: SHOP, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
}))
await server.stop()

const ratio = (f: Figure) => (f.rps / figures[0].rps).toFixed(2)
writeSection('cors', `## CORS (\`bench/cors.ts\`, ${seconds} s per scenario)

${table(figures)}

Ratio to the no-Origin baseline of the same run: ${figures.slice(1).map((f) => `${f.name}: ${ratio(f)}`).join('; ')}.
The machine is shared with other work while this runs: compare within one run only.`)
