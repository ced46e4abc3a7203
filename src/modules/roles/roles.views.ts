import type { PermissionRef, RoleRow } from './roles.repository'
import type { Role } from './roles.schemas'

/** The API shape of a role, given its live permissions. */
export const toRole = (r: RoleRow, permissions: PermissionRef[]): Role => ({
  id: r.id,
  name: r.name,
  description: r.description,
  permissions,
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
})
