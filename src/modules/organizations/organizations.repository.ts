import { and, eq, inArray, isNull, or } from 'drizzle-orm'
import type { Executor } from '../../db'
import { organizations, permissions, rolePermissions, roles } from '../../db/schema'
import { newId, isUuid } from '../../lib/ids'
import { BUILTIN_PERMISSIONS, DEFAULT_ROLES } from '../../lib/permissions'

export type OrganizationRow = typeof organizations.$inferSelect

export async function findOrganizationByIdOrSlug(exec: Executor, idOrSlug: string): Promise<OrganizationRow | undefined> {
  const match = isUuid(idOrSlug) ? or(eq(organizations.id, idOrSlug), eq(organizations.slug, idOrSlug)) : eq(organizations.slug, idOrSlug)
  const [row] = await exec.select().from(organizations).where(and(match, isNull(organizations.deletedAt))).limit(1)
  return row
}

export interface NewOrganization { name: string; slug: string; allowRegistration?: boolean; requireEmailVerification?: boolean; profileSchema?: Record<string, unknown> | null }

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
