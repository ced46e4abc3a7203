import type { RoleRef } from '../roles/roles.repository'
import type { DeveloperRow } from './developers.repository'
import type { Developer } from './developers.schemas'

/** The API shape of a developer, given its live roles. */
export const toDeveloper = (r: DeveloperRow, roles: RoleRef[]): Developer => ({
  id: r.id,
  organization: r.organizationId,
  name: r.name,
  email: r.email,
  roles,
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
})
