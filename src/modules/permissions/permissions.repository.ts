import { and, eq, ilike, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm'
import type { Executor } from '../../db'
import { permissions } from '../../db/schema'
import { newId } from '../../lib/ids'
import { containsPattern } from '../../lib/listing'
import { withKeyset, type PageRequest } from '../../lib/pagination'
import type { Permission } from './permissions.schemas'

export type PermissionRow = typeof permissions.$inferSelect
type PermissionChanges = Partial<Pick<PermissionRow, 'codename' | 'name' | 'description'>>

const inOrg = (organizationId: string, id: string) => and(eq(permissions.organizationId, organizationId), eq(permissions.id, id))

export async function findPermissionById(exec: Executor, organizationId: string, id: string): Promise<PermissionRow | undefined> {
  const [row] = await exec.select().from(permissions).where(and(inOrg(organizationId, id), isNull(permissions.deletedAt))).limit(1)
  return row
}

export async function listPermissions(exec: Executor, organizationId: string, page: PageRequest, filters: { search?: string; isBuiltin?: boolean }): Promise<PermissionRow[]> {
  const search = filters.search ? containsPattern(filters.search) : undefined
  const q = withKeyset(page, permissions.id,
    eq(permissions.organizationId, organizationId),
    isNull(permissions.deletedAt),
    search ? or(ilike(permissions.codename, search), ilike(permissions.name, search)) : undefined,
    filters.isBuiltin === undefined ? undefined : eq(permissions.isBuiltin, filters.isBuiltin),
  )
  return exec.select().from(permissions).where(q.where).orderBy(...q.orderBy).limit(q.limit)
}

/** Is the codename held by a live permission (other than `exceptId`)? */
export async function codenameTaken(exec: Executor, organizationId: string, codename: string, exceptId?: string): Promise<boolean> {
  const [row] = await exec.select({ id: permissions.id }).from(permissions).where(and(
    eq(permissions.organizationId, organizationId), eq(permissions.codename, codename), isNull(permissions.deletedAt),
    exceptId ? sql`${permissions.id} <> ${exceptId}` : undefined,
  )).limit(1)
  return !!row
}

export async function insertPermission(exec: Executor, organizationId: string, input: { codename: string; name: string; description?: string }): Promise<PermissionRow> {
  const [row] = await exec.insert(permissions).values({ id: newId(), organizationId, ...input, isBuiltin: false }).returning()
  return row
}

/** Custom permissions only: a built-in one is never changed, whatever the caller checked. */
export async function updatePermission(exec: Executor, organizationId: string, id: string, changes: PermissionChanges): Promise<PermissionRow | undefined> {
  const [row] = await exec.update(permissions).set({ ...changes, updatedAt: new Date() })
    .where(and(inOrg(organizationId, id), isNull(permissions.deletedAt), eq(permissions.isBuiltin, false))).returning()
  return row
}

export async function softDeletePermission(exec: Executor, organizationId: string, id: string): Promise<boolean> {
  const rows = await exec.update(permissions).set({ deletedAt: new Date(), updatedAt: new Date() })
    .where(and(inOrg(organizationId, id), isNull(permissions.deletedAt), eq(permissions.isBuiltin, false))).returning({ id: permissions.id })
  return rows.length === 1
}

export async function findDeletedPermission(exec: Executor, organizationId: string, id: string): Promise<PermissionRow | undefined> {
  const [row] = await exec.select().from(permissions).where(and(inOrg(organizationId, id), isNotNull(permissions.deletedAt))).limit(1)
  return row
}

export async function restorePermission(exec: Executor, organizationId: string, id: string): Promise<PermissionRow | undefined> {
  const [row] = await exec.update(permissions).set({ deletedAt: null, updatedAt: new Date() })
    .where(and(inOrg(organizationId, id), isNotNull(permissions.deletedAt))).returning()
  return row
}

/** The live permissions of the organization among `ids`, as id → codename. */
export async function findLivePermissions(exec: Executor, organizationId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await exec.select({ id: permissions.id, codename: permissions.codename }).from(permissions)
    .where(and(eq(permissions.organizationId, organizationId), inArray(permissions.id, [...new Set(ids)]), isNull(permissions.deletedAt)))
  return new Map(rows.map((r) => [r.id, r.codename]))
}

export const toPermission = (r: PermissionRow): Permission => ({
  id: r.id,
  codename: r.codename,
  name: r.name,
  description: r.description,
  is_builtin: r.isBuiltin,
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
})

