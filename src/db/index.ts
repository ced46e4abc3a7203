import { createHash } from 'node:crypto'
import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { sql, type SQL } from 'drizzle-orm'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import type { PgDatabase, PgDialect, PgQueryResultHKT, PgSession } from 'drizzle-orm/pg-core'
import pg from 'pg'
import { PROJECT_ROOT } from '../lib/project-root'
import { bounded } from './bounded'
import { acquireDataLock, type DataLock } from './data-lock'
import { listenPostgres, type ListenHandlers } from './listen'
import { migrateWithReport, type MigrationReport } from './migration-report'
import * as schema from './schema'

export type { MigrationReport }
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
/** Anything a repository can run a query on: the database or an open transaction. */
export type Executor = Db | Tx

/**
 * A named prepared statement per database handle, built on first use. Hot-path joins
 * cost more to plan than to run (~2 ms vs 0.3 ms for a 4-way join); a prepared
 * statement is planned once per connection.
 */
export function preparedPerDb<Q>(build: (db: Db) => Q): (db: Db) => Q {
  const cache = new WeakMap<Db, Q>()
  return (db) => {
    let q = cache.get(db)
    if (!q) cache.set(db, (q = build(db)))
    return q
  }
}

/**
 * Runs a query built at request time (a listing: its text depends on the filters given)
 * as a named prepared statement, named after its text, so each shape is parsed and
 * planned once per connection instead of on every request. Values are parameters, never
 * part of the text, so the number of names is bounded by the number of shapes. Raw rows.
 */
export async function executePrepared<Row>(exec: Executor, query: SQL): Promise<Row[]> {
  const { dialect, session } = exec as unknown as { dialect: PgDialect; session: PgSession }
  const built = dialect.sqlToQuery(query)
  const name = `q_${createHash('sha256').update(built.sql).digest('base64url').slice(0, 24)}`
  const result = await session.prepareQuery(built, undefined, name, false).execute()
  return (result as { rows: Row[] }).rows
}

export interface Database {
  db: Db
  kind: 'postgres' | 'pglite'
  /** Embedded mode: this process's exclusive lock on DATA_DIR. */
  lock?: DataLock
  /** Runs the migrations (serialized across instances by an advisory lock); says how many it applied. */
  migrate(): Promise<MigrationReport>
  ping(): Promise<void>
  /** Every NOTIFY on `channel`, from any session of the database (listen.ts). Resolves to the function that stops listening. */
  listen(channel: string, handlers: ListenHandlers): Promise<() => Promise<void>>
  close(): Promise<void>
  /** PostgreSQL: the pool's connections now (metrics). Absent for PGlite, one in-process session. */
  poolStats?(): { total: number; idle: number; waiting: number; max: number }
}

const migrationsFolder = path.join(PROJECT_ROOT, 'migrations')
/** Arbitrary constant: the advisory lock that serializes migrations of concurrent instances. */
const MIGRATION_LOCK = 7_316_001

export interface DatabaseOptions {
  databaseUrl?: string
  dataDir: string
  poolSize?: number
  /** PostgreSQL: longest wait for a new connection to open. Default: none. */
  connectTimeoutMs?: number
  /** PostgreSQL: longest wait for a free pooled connection while all are busy. Default: none. */
  poolTimeoutMs?: number
  /** PostgreSQL: longest wait for one query's answer (0 or absent: none). Migrations have none. */
  queryTimeoutMs?: number
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts)
  return openPglite(opts.dataDir)
}

function openPostgres(url: string, opts: DatabaseOptions): Database {
  // Without a connect timeout, a request waits forever for a server that does not answer
  // (a black hole): with it, the request fails fast and the error handler answers 503.
  // The wait for a free connection under load is a separate, longer bound (pg-pool would
  // otherwise use one value for both, and a burst that merely queues would get 503s).
  const connectTimeoutMs = opts.connectTimeoutMs
  class Client extends pg.Client {
    constructor(config?: pg.ClientConfig) { super({ ...config, connectionTimeoutMillis: connectTimeoutMs }) }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    Client,
    connectionTimeoutMillis: opts.poolTimeoutMs,
    query_timeout: opts.queryTimeoutMs || undefined,
    // A connection whose server vanished without a FIN is noticed instead of held forever.
    keepAlive: true,
  })
  // A client that loses its server must not crash the process: the pool replaces an idle
  // one ('error' on the pool), and a checked-out one (inside a transaction) has no listener
  // of pg-pool's at all, so an 'error' event there would be an uncaught exception. The
  // query in progress still fails (503), and the broken client is not reused.
  pool.on('error', () => {})
  pool.on('connect', (client) => client.on('error', () => {}))
  const db = drizzlePg(pool, { schema }) as unknown as Db
  return {
    db,
    kind: 'postgres',
    async migrate() {
      // Its own connection, without the query timeout: waiting for another instance's
      // migration lock, or a long migration, is expected here.
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: opts.connectTimeoutMs })
      client.on('error', () => {}) // a lost connection fails the query in progress; no crash
      await client.connect()
      try {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
        return await migrateWithReport(migrationsFolder, async (text) => (await client.query(text)).rows, () => migratePg(drizzlePg(client, { schema }), { migrationsFolder }))
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {})
        await client.end()
      }
    },
    async ping() { await pool.query('SELECT 1') },
    listen: async (channel, handlers) => listenPostgres(url, opts.connectTimeoutMs, channel, handlers),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 10 }),
    // A server that stopped answering never acknowledges the goodbye: do not wait for it.
    async close() { await bounded(pool.end(), 2000) },
  }
}

/**
 * PGlite's own start parameters, with a 16 MiB buffer pool instead of PostgreSQL's 128 MiB:
 * the pool lives in the process's WASM memory (measured: 308 → 186 MiB RSS after opening,
 * and a faster start), while the operating system still caches the data files.
 */
function pgliteStartParams(PGlite: object): string[] {
  const { defaultStartParams } = PGlite as { defaultStartParams: string[] }
  return [...defaultStartParams, '-c', 'shared_buffers=16MB']
}

/** Every opener (serve and each CLI command) takes DATA_DIR's lock first: see data-lock.ts. */
async function openPglite(dataDir: string): Promise<Database> {
  // Imported here, not at the top: PostgreSQL mode never loads PGlite (its WASM runtime).
  const [{ PGlite }, { pg_trgm }, { btree_gin }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'), import('@electric-sql/pglite/contrib/pg_trgm'), import('@electric-sql/pglite/contrib/btree_gin'),
    import('drizzle-orm/pglite'), import('drizzle-orm/pglite/migrator'),
  ])
  const dir = path.join(dataDir, 'pglite')
  mkdirSync(dir, { recursive: true })
  const lock = await acquireDataLock(dataDir)
  let client: InstanceType<typeof PGlite>
  try {
    const creating = !existsSync(path.join(dir, 'PG_VERSION'))
    // The search indexes' extensions (see the search_trigram_indexes migration).
    const options = { startParams: pgliteStartParams(PGlite), extensions: { pg_trgm, btree_gin } }
    client = await PGlite.create(dir, options)
    // The instance that ran initdb keeps initdb's WASM memory (measured: ~700 vs ~330 MiB
    // RSS) for the process's lifetime; a second open of the new directory does not.
    if (creating) {
      await client.close()
      client = await PGlite.create(dir, options)
    }
  } catch (err) {
    lock.release()
    throw err
  }
  const db = drizzlePglite(client, { schema })
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    lock,
    migrate: () => migrateWithReport(migrationsFolder, async (text) => (await client.query<Record<string, unknown>>(text)).rows, () => migratePglite(db, { migrationsFolder })),
    async ping() { await db.execute(sql`SELECT 1`) },
    // One session in this process, which every writer goes through: nothing to lose.
    async listen(channel, handlers) {
      const unlisten = await client.listen(channel, handlers.onMessage)
      handlers.onLive(true)
      return async () => {
        handlers.onLive(false)
        await unlisten().catch(() => {})
      }
    },
    async close() {
      try {
        await client.close()
      } finally {
        lock.release()
      }
    },
  }
}
