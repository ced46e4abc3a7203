import { Type, type Static } from 'typebox'
import { PageQuery, Timestamp, Uuid } from '../../lib/schemas'

export const PermissionRef = Type.Object({ id: Uuid, codename: Type.String(), name: Type.String() })

export const Role = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Type.String(),
  permissions: Type.Array(PermissionRef),
  created_at: Timestamp,
  updated_at: Timestamp,
})
export type Role = Static<typeof Role>

const Name = Type.String({ minLength: 1, maxLength: 150, examples: ['support'] })
const Description = Type.String({ maxLength: 2000, examples: ['Answers customers; reads users and orders.'] })
/** Ids of live roles of the same organization (DRF's PrimaryKeyRelatedField(many=True)). */
export const RoleIds = Type.Array(Uuid, { maxItems: 200, examples: [['01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e']] })
const PermissionIds = Type.Array(Uuid, { maxItems: 500, description: 'Ids of permissions of this organization.', examples: [['01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e']] })

export const CreateRole = Type.Object({ name: Name, description: Type.Optional(Description), permission_ids: Type.Optional(PermissionIds) }, { additionalProperties: false })
export type CreateRole = Static<typeof CreateRole>
export const UpdateRole = Type.Object({ name: Type.Optional(Name), description: Type.Optional(Description), permission_ids: Type.Optional(PermissionIds) }, { additionalProperties: false })
export type UpdateRole = Static<typeof UpdateRole>

export const RoleListQuery = Type.Object({
  ...PageQuery,
  search: Type.Optional(Type.String({ maxLength: 150, description: 'Substring of the name (case-insensitive).' })),
  ordering: Type.Optional(Type.String({ description: 'name, created_at; prefix "-" for descending.', examples: ['name'] })),
})
export type RoleListQuery = Static<typeof RoleListQuery>
