import { and, getTableName, ilike, or, sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core'
import type { Executor } from '../db'
import { SEARCH_SEPARATOR, searchText } from '../db/search-text'
import { containsPattern } from './listing'
import type { PageRequest } from './pagination'

/**
 * `?search=term`: `term` is a case-insensitive substring of one of `columns` (`%`, `_`, `\`
 * match themselves). That is one ILIKE on the columns' joined text, the expression the
 * trigram index is built on (see db/search-text.ts). A term holding the separator could
 * span two columns there, so it is also checked column by column.
 */
export function containsAny(columns: AnyPgColumn[], term: string): SQL {
  const pattern = containsPattern(term)
  const joined = ilike(searchText(columns), pattern)
  return term.includes(SEARCH_SEPARATOR) ? and(joined, or(...columns.map((c) => ilike(c, pattern))))! : joined
}

/**
 * How one page of a list is read:
 * - `plain`: no search; the range of the ordering index from the cursor on.
 * - `window`: the term is looked for in the next few thousand rows of that range only. A
 *   common term fills the page there, at the cost of a plain page.
 * - `matches`: all matches in the organization from the trigram index, then sorted. For a
 *   rare or absent term. Behind a fence (OFFSET 0), because otherwise PostgreSQL, which
 *   cannot tell how rare a term is within one organization, may walk the ordering index
 *   and filter the whole organization's rows to fill a page that never fills.
 */
export type ReadStep = { kind: 'plain' } | { kind: 'window'; rows: number } | { kind: 'matches' }

/** Rows per page of result the `window` step looks at: terms rarer than 1 in this many go to `matches`. */
const WINDOW_ROWS_PER_RESULT = 40

export async function readSearchedPage<R>(page: PageRequest, search: SQL | undefined, read: (step: ReadStep) => Promise<R[]>): Promise<R[]> {
  if (!search) return read({ kind: 'plain' })
  const rows = WINDOW_ROWS_PER_RESULT * (page.limit + 1)
  const inWindow = await read({ kind: 'window', rows })
  if (inWindow.length > page.limit) return inWindow
  return read({ kind: 'matches' })
}

/** `OFFSET 0`, written out: drizzle drops a numeric offset of 0, and with it the fence. */
const OFFSET_ZERO = sql`0` as unknown as number

/**
 * The FROM and the outer WHERE of a step: the table itself, or a subquery named like the
 * table, so the caller's column references (selection, ordering, cursor) resolve to it.
 * `where` is the list's conditions with the keyset; `search` is `containsAny(…)`.
 */
export function stepSource<T extends PgTable>(exec: Executor, table: T, step: ReadStep, q: { where: SQL | undefined; orderBy: SQL[] }, search: SQL | undefined) {
  if (step.kind === 'plain') return { from: table as PgTable, where: q.where }
  const inner = exec.select().from(table as PgTable)
  const sub = step.kind === 'window'
    ? inner.where(q.where).orderBy(...q.orderBy).limit(step.rows)
    : inner.where(and(q.where, search)).offset(OFFSET_ZERO)
  return { from: sub.as(getTableName(table)), where: step.kind === 'window' ? search : undefined }
}
