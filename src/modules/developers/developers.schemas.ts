import { Type, type Static } from 'typebox'
import { Email, PageQuery, Timestamp, Uuid } from '../../lib/schemas'
import { RoleRef } from '../users/users.schemas'

export const Developer = Type.Object({
  id: Uuid,
  organization: Uuid,
  name: Type.String(),
  email: Type.String(),
  roles: Type.Array(RoleRef),
  created_at: Timestamp,
  updated_at: Timestamp,
})
export type Developer = Static<typeof Developer>

const Name = Type.String({ minLength: 1, maxLength: 150, description: 'Unique in the organization (case-insensitive).', examples: ['shop-backend'] })
const DeveloperEmail = Type.Union([Email, Type.Literal('')], { description: 'Contact address (optional).', examples: ['backend-team@example.com'] })
const RoleIds = Type.Array(Uuid, { maxItems: 200, description: 'Ids of roles of this organization: the developer holds their permissions.', examples: [['01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e']] })

export const CreateDeveloper = Type.Object({ name: Name, email: Type.Optional(DeveloperEmail), role_ids: Type.Optional(RoleIds) }, { additionalProperties: false })
export type CreateDeveloper = Static<typeof CreateDeveloper>
export const UpdateDeveloper = Type.Object({ name: Type.Optional(Name), email: Type.Optional(DeveloperEmail), role_ids: Type.Optional(RoleIds) }, { additionalProperties: false })
export type UpdateDeveloper = Static<typeof UpdateDeveloper>

export const DeveloperListQuery = Type.Object({
  ...PageQuery,
  search: Type.Optional(Type.String({ maxLength: 150, description: 'Substring of the name or email (case-insensitive).' })),
  ordering: Type.Optional(Type.String({ description: 'name, created_at; prefix "-" for descending.', examples: ['name'] })),
})

export const DeveloperKeyParams = Type.Object({ id: Uuid, key_id: Uuid })
export type DeveloperListQuery = Static<typeof DeveloperListQuery>
