import { sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { fieldError } from './errors'
import type { PageRequest } from './pagination'

/** `?search=` as a substring: `%`, `_` and `\` typed by the user match themselves in ILIKE. */
export const containsPattern = (s: string): string => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * An ordering expression such as `lower(name)`, for `pageRequest`/`keyset`. Ordering by
 * the expression a case-insensitive unique index is built on keeps each page an index
 * range scan (PostgreSQL narrows the `(expr, id) > (…)` row comparison to `expr >= …`).
 */
export const orderExpr = (expression: SQL): AnyPgColumn => expression as unknown as AnyPgColumn

/** Cursor values go to SQL as parameters: one of the wrong type must be a 400, not a cast error (500). */
export function checkCursorValue(page: PageRequest, kind: 'id' | 'text' | 'timestamp'): void {
  if (!page.after || kind === 'id') return
  const v = page.after.v
  const ok = typeof v === 'string' && v.length <= 1000 && !v.includes('\u0000') && (kind === 'text' || (!Number.isNaN(Date.parse(v)) && new Date(v).toISOString().slice(0, 19) === v.slice(0, 19) && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z$/.test(v)))
  if (!ok) throw fieldError('cursor', 'Invalid cursor')
}

/** Microsecond-exact text of a timestamp column, for cursors (a JS Date would round to milliseconds and repeat rows). */
export const timestampCursor = (column: AnyPgColumn): SQL<string> => sql<string>`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`

/** DRF's PrimaryKeyRelatedField message for ids that are not (live) objects of the organization; undefined when all exist. */
export function missingRelated(wanted: string[], found: Set<string>): string[] | undefined {
  const missing = [...new Set(wanted)].filter((id) => !found.has(id))
  return missing.length ? missing.map((id) => `Invalid pk "${id}" - object does not exist.`) : undefined
}
