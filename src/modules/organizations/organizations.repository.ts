import { and, eq, getTableColumns, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm'
import type { Executor } from '../../db'
import { organizations, permissions, rolePermissions, roles } from '../../db/schema'
import { newId, isUuid } from '../../lib/ids'
import { containsAny, readSearchedPage, stepSource } from '../../lib/search'
import { withKeyset, type PageRequest } from '../../lib/pagination'
import { BUILTIN_PERMISSIONS, DEFAULT_ROLES } from '../../lib/permissions'

export type OrganizationRow = typeof organizations.$inferSelect

export async function findOrganizationByIdOrSlug(exec: Executor, idOrSlug: string): Promise<OrganizationRow | undefined> {
  const match = isUuid(idOrSlug) ? or(eq(organizations.id, idOrSlug), eq(organizations.slug, idOrSlug)) : eq(organizations.slug, idOrSlug)
  const [row] = await exec.select().from(organizations).where(and(match, isNull(organizations.deletedAt))).limit(1)
  return row
}

export interface NewOrganization { name: string; slug: string; allowRegistration?: boolean; requireEmailVerification?: boolean; profileSchema?: Record<string, unknown> | null; corsAllowedOrigins?: string[] }

/** Inserts an organization with its built-in permissions and default roles. Run inside a transaction. */
export async function insertOrganizationWithDefaults(tx: Executor, input: NewOrganization): Promise<OrganizationRow> {
  const [org] = await tx.insert(organizations).values({ id: newId(), ...input }).returning()
  const perms = Object.entries(BUILTIN_PERMISSIONS).map(([codename, name]) => ({ id: newId(), organizationId: org.id, codename, name, isBuiltin: true }))
  await tx.insert(permissions).values(perms)
  for (const [roleName, codenames] of Object.entries(DEFAULT_ROLES)) {
    const [role] = await tx.insert(roles).values({ id: newId(), organizationId: org.id, name: roleName, description: `Default ${roleName} role` }).returning()
    const ids = perms.filter((p) => (codenames as string[]).includes(p.codename)).map((p) => p.id)
    if (ids.length) await tx.insert(rolePermissions).values(ids.map((permissionId) => ({ organizationId: org.id, roleId: role.id, permissionId })))
  }
  return org
}

export async function findRolesByName(exec: Executor, organizationId: string, names: string[]) {
  if (names.length === 0) return []
  return exec.select().from(roles).where(and(eq(roles.organizationId, organizationId), inArray(roles.name, names), isNull(roles.deletedAt)))
}

export async function findOrganizationById(exec: Executor, id: string): Promise<OrganizationRow | undefined> {
  const [row] = await exec.select().from(organizations).where(and(eq(organizations.id, id), isNull(organizations.deletedAt))).limit(1)
  return row
}

export async function findDeletedOrganization(exec: Executor, id: string): Promise<OrganizationRow | undefined> {
  const [row] = await exec.select().from(organizations).where(and(eq(organizations.id, id), isNotNull(organizations.deletedAt))).limit(1)
  return row
}

/** What `?search=` looks in: the columns of the `organizations_search` index, in its order. */
export const organizationSearchColumns = [organizations.name, organizations.slug]

/** Live organizations (or only the soft-deleted ones); `onlyId` confines the list to one (a non-superuser's own). */
export async function listOrganizations(exec: Executor, page: PageRequest, filters: { search?: string; onlyId?: string; deleted?: boolean }): Promise<OrganizationRow[]> {
  const search = filters.search ? containsAny(organizationSearchColumns, filters.search) : undefined
  const q = withKeyset(page, organizations.id,
    filters.deleted ? isNotNull(organizations.deletedAt) : isNull(organizations.deletedAt),
    filters.onlyId ? eq(organizations.id, filters.onlyId) : undefined,
  )
  return readSearchedPage(page, search, (step) => {
    const source = stepSource(exec, organizations, step, q, search)
    return exec.select(getTableColumns(organizations)).from(source.from).where(source.where).orderBy(...q.orderBy).limit(q.limit)
  })
}

export async function slugTaken(exec: Executor, slug: string, exceptId?: string): Promise<boolean> {
  const [row] = await exec.select({ id: organizations.id }).from(organizations)
    .where(and(eq(organizations.slug, slug), isNull(organizations.deletedAt), exceptId ? sql`${organizations.id} <> ${exceptId}` : undefined)).limit(1)
  return !!row
}

export async function updateOrganization(exec: Executor, id: string, changes: Partial<NewOrganization>): Promise<OrganizationRow | undefined> {
  const [row] = await exec.update(organizations).set({ ...changes, updatedAt: new Date() })
    .where(and(eq(organizations.id, id), isNull(organizations.deletedAt))).returning()
  return row
}

export async function softDeleteOrganization(exec: Executor, id: string): Promise<boolean> {
  const rows = await exec.update(organizations).set({ deletedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(organizations.id, id), isNull(organizations.deletedAt))).returning({ id: organizations.id })
  return rows.length === 1
}

export async function restoreOrganization(exec: Executor, id: string): Promise<OrganizationRow | undefined> {
  const [row] = await exec.update(organizations).set({ deletedAt: null, updatedAt: new Date() })
    .where(and(eq(organizations.id, id), isNotNull(organizations.deletedAt))).returning()
  return row
}

/** The live organizations that list CORS origins, with their lists (the origin index's source). */
export async function listOrganizationOrigins(exec: Executor): Promise<{ id: string; origins: string[] }[]> {
  return exec.select({ id: organizations.id, origins: organizations.corsAllowedOrigins }).from(organizations)
    .where(and(isNull(organizations.deletedAt), sql`cardinality(${organizations.corsAllowedOrigins}) > 0`))
}
