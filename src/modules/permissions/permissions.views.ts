import type { PermissionRow } from './permissions.repository'
import type { Permission } from './permissions.schemas'

export const toPermission = (r: PermissionRow): Permission => ({
  id: r.id,
  codename: r.codename,
  name: r.name,
  description: r.description,
  is_builtin: r.isBuiltin,
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
})
