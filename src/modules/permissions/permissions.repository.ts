import { and, eq, inArray } from 'drizzle-orm'
import type { Executor } from '../../db'
import { permissions } from '../../db/schema'
import { softDeletable } from '../../db/soft-deletable'
import type { PageRequest } from '../../lib/pagination'

export type PermissionRow = typeof permissions.$inferSelect
type PermissionChanges = Partial<Pick<PermissionRow, 'codename' | 'name' | 'description'>>

const permissionRows = softDeletable(permissions, { searchColumns: [permissions.codename, permissions.name] })
const custom = eq(permissions.isBuiltin, false)

export const findPermissionById = permissionRows.findLive
export const findDeletedPermission = permissionRows.findDeleted
export const restorePermission = permissionRows.restore

/** `?search=`: a substring of the codename or the name; `isBuiltin` filters. */
export const listPermissions = (exec: Executor, organizationId: string, page: PageRequest, filters: { search?: string; isBuiltin?: boolean }) =>
  permissionRows.list(exec, organizationId, page, { search: filters.search, where: [filters.isBuiltin === undefined ? undefined : eq(permissions.isBuiltin, filters.isBuiltin)] })

/** Is the codename held by a live permission (other than `exceptId`)? */
export const codenameTaken = (exec: Executor, organizationId: string, codename: string, exceptId?: string): Promise<boolean> =>
  permissionRows.isTaken(exec, organizationId, eq(permissions.codename, codename), exceptId)

export const insertPermission = (exec: Executor, organizationId: string, input: { codename: string; name: string; description?: string }): Promise<PermissionRow> =>
  permissionRows.insert(exec, organizationId, { ...input, isBuiltin: false })

/** Custom permissions only: a built-in one is never changed, whatever the caller checked. */
export const updatePermission = (exec: Executor, organizationId: string, id: string, changes: PermissionChanges): Promise<PermissionRow | undefined> =>
  permissionRows.update(exec, organizationId, id, changes, custom)

export const softDeletePermission = (exec: Executor, organizationId: string, id: string): Promise<boolean> =>
  permissionRows.softDelete(exec, organizationId, id, custom)

/** The live permissions of the organization among `ids`, as id → codename. */
export async function findLivePermissions(exec: Executor, organizationId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await exec.select({ id: permissions.id, codename: permissions.codename }).from(permissions)
    .where(and(permissionRows.live(organizationId), inArray(permissions.id, [...new Set(ids)])))
  return new Map(rows.map((r) => [r.id, r.codename]))
}
