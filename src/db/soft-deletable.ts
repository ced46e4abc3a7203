import { and, eq, getTableColumns, isNotNull, isNull, sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core'
import { newId } from '../lib/ids'
import { withKeyset, type PageRequest } from '../lib/pagination'
import { containsAny, readSearchedPage, stepSource } from '../lib/search'
import type { Executor } from './index'

/** A table of an organization whose rows are soft-deleted (`deleted_at`), keyed by a UUIDv7 `id`. */
type SoftDeletableTable = PgTable & { id: AnyPgColumn; organizationId: AnyPgColumn; updatedAt: AnyPgColumn; deletedAt: AnyPgColumn }

/** What a list reads: live rows (or only deleted ones), `?search=` over the searched columns, and the module's own filters. */
export interface ListFilter { search?: string; deleted?: boolean; where?: (SQL | undefined)[] }

/**
 * The queries every soft-deletable module repeats, for one table: find by id in the
 * organization (live or deleted), list a page (cursor pagination, `?search=` read as
 * lib/search.ts reads it), insert, update, soft delete and restore. Each takes the
 * executor and the organization first and returns rows (typed from the schema) or
 * undefined, never an HTTP error; `where` narrows a lookup or write further (a built-in
 * permission is never changed, an inactive product is not found).
 */
export function softDeletable<T extends SoftDeletableTable>(table: T, opts: { searchColumns: AnyPgColumn[] }) {
  type Row = T['$inferSelect']
  type Values = Omit<T['$inferInsert'], 'id' | 'organizationId' | 'createdAt' | 'updatedAt' | 'deletedAt'>
  const t = table as SoftDeletableTable
  const state = (deleted: boolean) => (deleted ? isNotNull(t.deletedAt) : isNull(t.deletedAt))
  const live = (organizationId: string) => and(eq(t.organizationId, organizationId), isNull(t.deletedAt))
  const one = (organizationId: string, id: string, deleted: boolean, where?: SQL) =>
    and(eq(t.organizationId, organizationId), eq(t.id, id), state(deleted), where)

  async function find(exec: Executor, organizationId: string, id: string, deleted: boolean, where?: SQL): Promise<Row | undefined> {
    const [row] = await exec.select().from(t).where(one(organizationId, id, deleted, where)).limit(1)
    return row as Row | undefined
  }

  return {
    /** The condition "a live row of the organization", for the module's own queries. */
    live,
    findLive: (exec: Executor, organizationId: string, id: string, where?: SQL) => find(exec, organizationId, id, false, where),
    findDeleted: (exec: Executor, organizationId: string, id: string) => find(exec, organizationId, id, true),

    /** Is a live row other than `exceptId` matching `where` (a unique field's value)? The pre-check of a unique index. */
    async isTaken(exec: Executor, organizationId: string, where: SQL, exceptId?: string): Promise<boolean> {
      const [row] = await exec.select({ id: t.id }).from(t)
        .where(and(live(organizationId), where, exceptId ? sql`${t.id} <> ${exceptId}` : undefined)).limit(1)
      return !!row
    },

    /** One page (`limit + 1` rows, for `toPage`). */
    async list(exec: Executor, organizationId: string, page: PageRequest, filter: ListFilter = {}): Promise<Row[]> {
      const search = filter.search ? containsAny(opts.searchColumns, filter.search) : undefined
      const q = withKeyset(page, t.id, eq(t.organizationId, organizationId), state(filter.deleted ?? false), ...(filter.where ?? []))
      const rows = await readSearchedPage(page, search, (step) => {
        const source = stepSource(exec, t, step, q, search)
        return exec.select(getTableColumns(t)).from(source.from).where(source.where).orderBy(...q.orderBy).limit(q.limit)
      })
      return rows as Row[]
    },

    async insert(exec: Executor, organizationId: string, values: Values): Promise<Row> {
      const [row] = await exec.insert(t).values({ ...values, id: newId(), organizationId } as never).returning()
      return row as Row
    },

    /** Changes a live row; undefined when there is none (or it fails `where`). */
    async update(exec: Executor, organizationId: string, id: string, changes: Partial<Values>, where?: SQL): Promise<Row | undefined> {
      const [row] = await exec.update(t).set({ ...changes, updatedAt: new Date() } as never).where(one(organizationId, id, false, where)).returning()
      return row as Row | undefined
    },

    /** Marks a live row deleted; false when there is none (or it fails `where`). */
    async softDelete(exec: Executor, organizationId: string, id: string, where?: SQL): Promise<boolean> {
      const rows = await exec.update(t).set({ deletedAt: new Date(), updatedAt: new Date() } as never)
        .where(one(organizationId, id, false, where)).returning({ id: t.id })
      return rows.length === 1
    },

    /** Brings a deleted row back; undefined when there is no deleted row (the unique index decides a clash). */
    async restore(exec: Executor, organizationId: string, id: string): Promise<Row | undefined> {
      const [row] = await exec.update(t).set({ deletedAt: null, updatedAt: new Date() } as never).where(one(organizationId, id, true)).returning()
      return row as Row | undefined
    },
  }
}
