import { sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'

/**
 * The text a `?search=` runs over: the searched columns joined by spaces. Each list has
 * a trigram GIN index on it (see schema.ts), and the list query repeats this exact
 * expression, so PostgreSQL matches it to the index. The columns are NOT NULL (a NULL
 * would make the whole text NULL). Shared by the schema and the queries so the two
 * cannot drift apart.
 */
export function searchText(columns: AnyPgColumn[]): SQL {
  return sql.join(columns.map((c) => sql`${c}`), sql.raw(` || ' ' || `))
}
