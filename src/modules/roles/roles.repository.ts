import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Executor } from '../../db'
import { developerRoles, permissions, rolePermissions, roles, userRoles } from '../../db/schema'
import { softDeletable } from '../../db/soft-deletable'

export type RoleRow = typeof roles.$inferSelect
export type PermissionRef = { id: string; codename: string; name: string }
export type RoleRef = { id: string; name: string }

const roleRows = softDeletable(roles, { searchColumns: [roles.name] })

export const findRoleById = roleRows.findLive
export const findDeletedRole = roleRows.findDeleted
/** `?search=`: a substring of the name. */
export const listRoles = roleRows.list
export const insertRole = roleRows.insert
export const updateRole = roleRows.update
export const softDeleteRole = roleRows.softDelete
export const restoreRole = roleRows.restore

/** Is the name held by a live role (case-insensitively, other than `exceptId`)? */
export const roleNameTaken = (exec: Executor, organizationId: string, name: string, exceptId?: string): Promise<boolean> =>
  roleRows.isTaken(exec, organizationId, sql`lower(${roles.name}) = ${name.toLowerCase()}`, exceptId)

/** Replaces the permission set of a role. */
export async function setRolePermissions(exec: Executor, organizationId: string, roleId: string, permissionIds: string[]): Promise<void> {
  await exec.delete(rolePermissions).where(and(eq(rolePermissions.organizationId, organizationId), eq(rolePermissions.roleId, roleId)))
  const ids = [...new Set(permissionIds)]
  if (ids.length) await exec.insert(rolePermissions).values(ids.map((permissionId) => ({ organizationId, roleId, permissionId })))
}

/** Adds permissions to a role's; returns how many it did not have. */
export async function addRolePermissions(exec: Executor, organizationId: string, roleId: string, permissionIds: string[]): Promise<number> {
  if (permissionIds.length === 0) return 0
  const added = await exec.insert(rolePermissions).values(permissionIds.map((permissionId) => ({ organizationId, roleId, permissionId })))
    .onConflictDoNothing().returning({ id: rolePermissions.permissionId })
  return added.length
}

/** The subset of `ids` that are live roles of the organization. */
export async function findLiveRoleIds(exec: Executor, organizationId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await exec.select({ id: roles.id }).from(roles)
    .where(and(roleRows.live(organizationId), inArray(roles.id, [...new Set(ids)])))
  return new Set(rows.map((r) => r.id))
}

/** Live permissions of each role, as `{id, codename, name}` refs. */
export async function findPermissionRefs(exec: Executor, organizationId: string, roleIds: string[]): Promise<Map<string, PermissionRef[]>> {
  const map = new Map<string, PermissionRef[]>(roleIds.map((id) => [id, []]))
  if (roleIds.length === 0) return map
  const rows = await exec.select({ roleId: rolePermissions.roleId, id: permissions.id, codename: permissions.codename, name: permissions.name })
    .from(rolePermissions)
    .innerJoin(permissions, and(eq(permissions.id, rolePermissions.permissionId), isNull(permissions.deletedAt)))
    .where(and(eq(rolePermissions.organizationId, organizationId), inArray(rolePermissions.roleId, roleIds)))
    .orderBy(permissions.codename)
  for (const r of rows) map.get(r.roleId)?.push({ id: r.id, codename: r.codename, name: r.name })
  return map
}

/** Live roles of each user or developer, as `{id, name}` refs sorted by name (one query for a page). */
export async function findRoleRefsOf(exec: Executor, organizationId: string, owner: 'user' | 'developer', ownerIds: string[]): Promise<Map<string, RoleRef[]>> {
  const map = new Map<string, RoleRef[]>(ownerIds.map((id) => [id, []]))
  if (ownerIds.length === 0) return map
  const link = owner === 'user'
    ? { table: userRoles, owner: userRoles.userId, role: userRoles.roleId, org: userRoles.organizationId }
    : { table: developerRoles, owner: developerRoles.developerId, role: developerRoles.roleId, org: developerRoles.organizationId }
  const rows = await exec.select({ ownerId: link.owner, id: roles.id, name: roles.name }).from(link.table)
    .innerJoin(roles, and(eq(roles.id, link.role), isNull(roles.deletedAt)))
    .where(and(eq(link.org, organizationId), inArray(link.owner, ownerIds)))
    .orderBy(roles.name)
  for (const r of rows) map.get(r.ownerId)?.push({ id: r.id, name: r.name })
  return map
}
