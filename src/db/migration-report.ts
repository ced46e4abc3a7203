import { readFileSync } from 'node:fs'
import path from 'node:path'

/** What a migration run did: the start-up summary and `commercecore migrate` report it. */
export interface MigrationReport {
  /** Migrations this run applied. */
  applied: number
  /** Migrations the database now has. */
  total: number
  /** Tag of the newest one applied (`20261122074151_refresh_rotation_function`), or null on an empty database. */
  latest: string | null
}

type Query = (text: string) => Promise<Array<Record<string, unknown>>>

/** Rows in drizzle's bookkeeping table (0 before the first migration created it). */
async function countApplied(query: Query): Promise<number> {
  const [exists] = await query(`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`)
  if (!exists?.present) return 0
  const [row] = await query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations')
  return Number(row?.n ?? 0)
}

/** Runs `migrate` and counts what it applied; tags come from drizzle-kit's journal (`migrations/meta/_journal.json`). */
export async function migrateWithReport(migrationsFolder: string, query: Query, migrate: () => Promise<void>): Promise<MigrationReport> {
  const before = await countApplied(query)
  await migrate()
  const total = await countApplied(query)
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> }
  return { applied: total - before, total, latest: journal.entries[total - 1]?.tag ?? null }
}
