import { Type, type Static } from 'typebox'
import { PageQuery, Timestamp, Uuid } from '../../lib/schemas'

export const UserRole = Type.Object({ id: Uuid, user: Uuid, role: Uuid, created_at: Timestamp })
export type UserRole = Static<typeof UserRole>

export const CreateUserRole = Type.Object({
  user: Type.String({ format: 'uuid', description: 'A user of this organization.', examples: ['01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e'] }),
  role: Type.String({ format: 'uuid', description: 'A role of this organization.', examples: ['01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0f'] }),
}, { additionalProperties: false })
export type CreateUserRole = Static<typeof CreateUserRole>

export const UserRoleListQuery = Type.Object({
  ...PageQuery,
  user: Type.Optional(Uuid),
  role: Type.Optional(Uuid),
})
