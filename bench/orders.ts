import { loadavg } from 'node:os'
import { and, eq, sql } from 'drizzle-orm'
import pg from 'pg'
import { openDatabase } from '../src/db'
import { orders, products } from '../src/db/schema'
import { insertOrganizationWithDefaults } from '../src/modules/organizations/organizations.repository'
import { insertProduct } from '../src/modules/products/products.repository'
import { cannon, PG, startServer, table, writeSection, type Figure } from './lib'

/**
 * Order placement under load: every buyer on one hot product (row-lock contention), then
 * spread over many products, then idempotent replays. The server runs as a child process
 * (`commercecore serve`) on a free loopback port against PostgreSQL; autocannon runs here.
 * Bounded in time (BENCH_SECONDS per scenario, default 10); traffic only to 127.0.0.1.
 *
 *   node --import tsx bench/orders.ts
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50)
const dbName = 'commercecore_bench'
const buyerCount = 20
const spreadProducts = 200

// Create the database if missing; never drop it (bench/run.ts makes it fresh). Each run makes its own organization.
const admin = new pg.Client({ connectionString: `${PG}/postgres` })
await admin.connect()
if ((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName])).rowCount === 0) {
  await admin.query(`CREATE DATABASE "${dbName}"`).catch((err) => { if (err.code !== '42P04') throw err })
}
await admin.end()
const databaseUrl = `${PG}/${dbName}`

const server = await startServer(['bin/commercecore.js', 'serve'], {
  DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', THROTTLE_AUTH_PER_IP: 'off', THROTTLE_AUTH_PER_ACCOUNT: 'off', ACCESS_TOKEN_LIFETIME: '1h',
  COMMERCECORE_SECRET_KEY: 'benchmark-secret-key-0123456789-abcdefghijkl', HASH_QUEUE_LIMIT: '10000', HASH_QUEUE_TIMEOUT_MS: '30000',
})
const url = server.url
const killTimer = setTimeout(() => { server.proc.kill('SIGKILL'); process.exit(1) }, (seconds * 3 + 180) * 1000)
killTimer.unref()

try {
  // Fixtures straight into the database (the server migrated it on start).
  const database = await openDatabase({ databaseUrl, dataDir: '/tmp', poolSize: 2 })
  const slug = `bench-orders-${Date.now().toString(36)}`
  const org = await database.db.transaction((tx) => insertOrganizationWithDefaults(tx, { name: slug, slug }))
  const hot = await insertProduct(database.db, org.id, { sku: 'HOT', name: 'Hot product', price: '9.99', currency: 'EUR', stock: 1_000_000_000 })
  const spread: string[] = []
  for (let i = 0; i < spreadProducts; i++) {
    spread.push((await insertProduct(database.db, org.id, { sku: `P-${i}`, name: `Product ${i}`, price: `${1 + (i % 50)}.25`, currency: 'EUR', stock: 100_000_000 })).id)
  }
  const tokens = await Promise.all(Array.from({ length: buyerCount }, async (_, i) => {
    const res = await fetch(`${url}/api/v1/auth/register/`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-organization': slug },
      body: JSON.stringify({ username: `buyer${i}`, email: `buyer${i}@example.com`, password: 'benchmark passphrase 2026' }),
    })
    if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`)
    return ((await res.json()) as { access: string }).access
  }))

  const figures: Figure[] = []
  /**
   * autocannon resets a connection's context before every request of a one-request
   * sequence, so nothing can be pinned to a connection: each request takes the next
   * "slot" round-robin instead. A slot is a buyer (slot % buyers), and for replays also
   * its own Idempotency-Key, so each slot places one order and then replays it.
   */
  async function run(name: string, body: () => unknown, keyed = false) {
    let next = 0
    figures.push(await cannon(name, server, {
      duration: seconds, connections,
      requests: [{
        method: 'POST', path: '/api/v1/orders/',
        setupRequest: (req) => {
          const slot = next++ % connections
          const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${tokens[slot % tokens.length]}` }
          if (keyed) headers['idempotency-key'] = `${slug}-${slot}`
          return { ...req, headers, body: JSON.stringify(body()) }
        },
      }],
    }))
  }

  await run('POST /orders/: one hot product (contention)', () => ({ items: [{ product: hot.id, quantity: 1 }] }))
  await run(`POST /orders/: spread over ${spreadProducts} products`, () => ({ items: [{ product: spread[Math.floor(Math.random() * spread.length)], quantity: 1 }] }))
  await run(`POST /orders/: Idempotency-Key replays (${connections} keys)`, () => ({ items: [{ product: spread[0], quantity: 1 }] }), true)

  // Stock and orders must agree: every unit taken belongs to exactly one order.
  const [{ taken }] = await database.db.select({ taken: sql<number>`1000000000 - ${products.stock}` }).from(products).where(eq(products.id, hot.id))
  const [{ placed }] = await database.db.select({ placed: sql<number>`count(*)::int` }).from(orders)
    .where(and(eq(orders.organizationId, org.id), sql`EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = ${orders.id} AND i.product_id = ${hot.id})`))
  await database.close()
  const consistent = Number(taken) === Number(placed)
  console.log(`hot product: ${taken} units taken, ${placed} orders — ${consistent ? 'consistent' : 'MISMATCH'}`)

  const lines = [
    `Run ${new Date().toISOString()} · ${seconds} s per scenario · ${connections} connections · ${buyerCount} buyers · one line per order · PostgreSQL on loopback, pool of 10 · load average ${loadavg()[0].toFixed(1)} at the end`,
    '',
    table(figures),
    '',
    `Hot product after the run: ${taken} units taken by ${placed} orders (${consistent ? 'consistent' : 'MISMATCH'}).`,
  ]
  writeSection('orders', `## Orders: placement under contention\n\n${lines.join('\n')}`)
  console.log(`\n${lines.join('\n')}`)
  if (!consistent) process.exitCode = 1
} finally {
  await server.stop()
}
process.exit(process.exitCode ?? 0)
