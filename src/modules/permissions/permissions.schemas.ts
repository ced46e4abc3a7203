import { Type, type Static } from 'typebox'
import { PageQuery, Timestamp, Uuid } from '../../lib/schemas'

export const CODENAME_PATTERN = '^[a-z][a-z0-9_.:-]{1,99}$'

export const Permission = Type.Object({
  id: Uuid,
  codename: Type.String(),
  name: Type.String(),
  description: Type.String(),
  is_builtin: Type.Boolean({ description: 'Built-in permissions exist in every organization and are read-only.' }),
  created_at: Timestamp,
  updated_at: Timestamp,
})
export type Permission = Static<typeof Permission>

const Codename = Type.String({ pattern: CODENAME_PATTERN, maxLength: 100, description: 'Lowercase letters, digits and _ . : - ; starts with a letter.', examples: ['refund_orders'] })
const Name = Type.String({ minLength: 1, maxLength: 255, examples: ['Can refund orders'] })
const Description = Type.String({ maxLength: 2000, examples: ['Issue refunds on paid orders.'] })

export const CreatePermission = Type.Object({ codename: Codename, name: Name, description: Type.Optional(Description) }, { additionalProperties: false })
export type CreatePermission = Static<typeof CreatePermission>
export const UpdatePermission = Type.Object({ codename: Type.Optional(Codename), name: Type.Optional(Name), description: Type.Optional(Description) }, { additionalProperties: false })
export type UpdatePermission = Static<typeof UpdatePermission>

export const PermissionListQuery = Type.Object({
  ...PageQuery,
  search: Type.Optional(Type.String({ maxLength: 150, description: 'Substring of the codename or name (case-insensitive).' })),
  ordering: Type.Optional(Type.String({ description: 'codename, created_at; prefix "-" for descending.', examples: ['codename'] })),
  is_builtin: Type.Optional(Type.Boolean()),
})
export type PermissionListQuery = Static<typeof PermissionListQuery>
