import { and, eq, ilike, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import type { Executor } from '../../db'
import { developerRoles, permissions, rolePermissions, roles, userRoles } from '../../db/schema'
import { newId } from '../../lib/ids'
import { containsPattern } from '../../lib/listing'
import { withKeyset, type PageRequest } from '../../lib/pagination'
import type { Role } from './roles.schemas'

export type RoleRow = typeof roles.$inferSelect
type PermissionRef = { id: string; codename: string; name: string }

const inOrg = (organizationId: string, id: string) => and(eq(roles.organizationId, organizationId), eq(roles.id, id))

export async function findRoleById(exec: Executor, organizationId: string, id: string): Promise<RoleRow | undefined> {
  const [row] = await exec.select().from(roles).where(and(inOrg(organizationId, id), isNull(roles.deletedAt))).limit(1)
  return row
}

export async function findDeletedRole(exec: Executor, organizationId: string, id: string): Promise<RoleRow | undefined> {
  const [row] = await exec.select().from(roles).where(and(inOrg(organizationId, id), isNotNull(roles.deletedAt))).limit(1)
  return row
}

export async function listRoles(exec: Executor, organizationId: string, page: PageRequest, filters: { search?: string }): Promise<RoleRow[]> {
  const q = withKeyset(page, roles.id,
    eq(roles.organizationId, organizationId),
    isNull(roles.deletedAt),
    filters.search ? ilike(roles.name, containsPattern(filters.search)) : undefined,
  )
  return exec.select().from(roles).where(q.where).orderBy(...q.orderBy).limit(q.limit)
}

/** Is the name held by a live role (case-insensitively, other than `exceptId`)? */
export async function roleNameTaken(exec: Executor, organizationId: string, name: string, exceptId?: string): Promise<boolean> {
  const [row] = await exec.select({ id: roles.id }).from(roles).where(and(
    eq(roles.organizationId, organizationId), sql`lower(${roles.name}) = ${name.toLowerCase()}`, isNull(roles.deletedAt),
    exceptId ? sql`${roles.id} <> ${exceptId}` : undefined,
  )).limit(1)
  return !!row
}

export async function insertRole(exec: Executor, organizationId: string, input: { name: string; description?: string }): Promise<RoleRow> {
  const [row] = await exec.insert(roles).values({ id: newId(), organizationId, ...input }).returning()
  return row
}

export async function updateRole(exec: Executor, organizationId: string, id: string, changes: { name?: string; description?: string }): Promise<RoleRow | undefined> {
  const [row] = await exec.update(roles).set({ ...changes, updatedAt: new Date() })
    .where(and(inOrg(organizationId, id), isNull(roles.deletedAt))).returning()
  return row
}

export async function softDeleteRole(exec: Executor, organizationId: string, id: string): Promise<boolean> {
  const rows = await exec.update(roles).set({ deletedAt: new Date(), updatedAt: new Date() })
    .where(and(inOrg(organizationId, id), isNull(roles.deletedAt))).returning({ id: roles.id })
  return rows.length === 1
}

export async function restoreRole(exec: Executor, organizationId: string, id: string): Promise<RoleRow | undefined> {
  const [row] = await exec.update(roles).set({ deletedAt: null, updatedAt: new Date() })
    .where(and(inOrg(organizationId, id), isNotNull(roles.deletedAt))).returning()
  return row
}

/** Replaces the permission set of a role. */
export async function setRolePermissions(exec: Executor, organizationId: string, roleId: string, permissionIds: string[]): Promise<void> {
  await exec.delete(rolePermissions).where(and(eq(rolePermissions.organizationId, organizationId), eq(rolePermissions.roleId, roleId)))
  const ids = [...new Set(permissionIds)]
  if (ids.length) await exec.insert(rolePermissions).values(ids.map((permissionId) => ({ organizationId, roleId, permissionId })))
}

/** The subset of `ids` that are live roles of the organization. */
/** Adds permissions to a role's; returns how many it did not have. */
export async function addRolePermissions(exec: Executor, organizationId: string, roleId: string, permissionIds: string[]): Promise<number> {
  if (permissionIds.length === 0) return 0
  const added = await exec.insert(rolePermissions).values(permissionIds.map((permissionId) => ({ organizationId, roleId, permissionId })))
    .onConflictDoNothing().returning({ id: rolePermissions.permissionId })
  return added.length
}

export async function findLiveRoleIds(exec: Executor, organizationId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await exec.select({ id: roles.id }).from(roles)
    .where(and(eq(roles.organizationId, organizationId), inArray(roles.id, [...new Set(ids)]), isNull(roles.deletedAt)))
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

const toRole = (r: RoleRow, perms: PermissionRef[]): Role => ({
  id: r.id,
  name: r.name,
  description: r.description,
  permissions: perms,
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
})

export async function loadRoles(exec: Executor, rows: RoleRow[]): Promise<Role[]> {
  if (rows.length === 0) return []
  const refs = await findPermissionRefs(exec, rows[0].organizationId, rows.map((r) => r.id))
  return rows.map((r) => toRole(r, refs.get(r.id) ?? []))
}

export const loadRole = async (exec: Executor, row: RoleRow): Promise<Role> => (await loadRoles(exec, [row]))[0]

export type RoleRef = { id: string; name: string }

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
