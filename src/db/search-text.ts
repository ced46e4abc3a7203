import { sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'

/**
 * Joins the searched columns of a row. A term that does not contain it can only match the
 * joined text inside one column, so `joined ILIKE '%term%'` means exactly "one of the
 * columns contains the term". U+001F (the ASCII unit separator) is a character nobody
 * types into a search box.
 */
export const SEARCH_SEPARATOR = '\u001f'

/**
 * The text a `?search=` runs over: the searched columns joined by SEARCH_SEPARATOR. Each
 * list has a trigram GIN index on it (see schema.ts), and the list query repeats this
 * exact expression, so PostgreSQL matches it to the index. The columns are NOT NULL (a
 * NULL would make the whole text NULL). Shared by the schema and the queries so the two
 * cannot drift apart.
 */
export function searchText(columns: AnyPgColumn[]): SQL {
  return sql.join(columns.map((c) => sql`${c}`), sql.raw(` || E'\\x1f' || `))
}
