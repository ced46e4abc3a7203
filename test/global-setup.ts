import pg from 'pg'
import { ensureBuilt } from '../scripts/build.js'
import { openDatabase } from '../src/db'
import { ensureDefaultOrganization } from '../src/modules/organizations/bootstrap'
import { testDatabaseUrl } from './support/env'

/**
 * Creates the test database on the real PostgreSQL server if it is missing and applies
 * the migrations. Tests never truncate: each one makes its own organization, so files
 * run in parallel and tenant isolation is exercised for free.
 */
export default async function setup() {
  await ensureBuilt() // the tests that start bin/commercecore.js run dist/: built once here, not by each
  const url = new URL(testDatabaseUrl)
  const name = url.pathname.slice(1)
  const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() })
  await admin.connect()
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`).catch((err) => {
    if (err.code !== '42P04') throw err // created by a concurrent run
  })
  await admin.end()
  const database = await openDatabase({ databaseUrl: testDatabaseUrl, dataDir: '/tmp', poolSize: 2 })
  await database.migrate()
  await ensureDefaultOrganization(database.db)
  await database.close()
}
