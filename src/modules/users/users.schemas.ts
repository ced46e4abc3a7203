import { Type, type Static } from 'typebox'
import { allOptional, Email, NullableTimestamp, PageQuery, Password, Timestamp, Uuid } from '../../lib/schemas'

export const RoleRef = Type.Object({ id: Uuid, name: Type.String() })

export const Username = Type.String({ minLength: 1, maxLength: 150, pattern: '^[\\w.@+-]+$', examples: ['ada'], description: 'Letters, digits and @/./+/-/_ only (as Django).' })
export const Profile = Type.Record(Type.String(), Type.Unknown(), { description: "Free-form, at most 16 KiB as JSON; validated by the organization's profile_schema when it has one.", examples: [{ shoe_size: 42 }] })

export const User = Type.Object({
  id: Uuid,
  organization: Uuid,
  username: Type.String(),
  email: Type.String(),
  first_name: Type.String(),
  last_name: Type.String(),
  phone_number: Type.String(),
  is_active: Type.Boolean(),
  is_superuser: Type.Boolean(),
  email_verified: Type.Boolean(),
  mfa_enabled: Type.Boolean(),
  profile: Profile,
  roles: Type.Array(RoleRef),
  date_joined: Timestamp,
  last_login: NullableTimestamp,
  updated_at: Timestamp,
})
export type User = Static<typeof User>

/** Fields a user may change on themselves (`/auth/me/`) and that staff may set on anyone. */
export const editableUserFields = {
  username: Username,
  email: Email,
  first_name: Type.String({ maxLength: 150, examples: ['Ada'] }),
  last_name: Type.String({ maxLength: 150, examples: ['Lovelace'] }),
  phone_number: Type.String({ maxLength: 32, pattern: '^[+0-9 ()./-]*$', examples: ['+44 20 7946 0958'] }),
  profile: Profile,
}

const identity = { username: Username, email: Email }
const { username: _u, email: _e, ...personalFields } = editableUserFields
const optionalPersonal = allOptional(personalFields)

export const UpdateMe = Type.Object(allOptional(editableUserFields), { additionalProperties: false })
export type UpdateMe = Static<typeof UpdateMe>

export const ReplaceMe = Type.Object({ ...identity, ...optionalPersonal }, { additionalProperties: false })

export const RegisterBody = Type.Object({
  ...identity,
  password: Password,
  password2: Type.Optional(Password),
  ...optionalPersonal,
}, { additionalProperties: false })
export type RegisterBody = Static<typeof RegisterBody>

/** Fields only staff (`manage_users`) may set; `is_superuser` only a superuser. */
export const staffUserFields = {
  is_active: Type.Boolean({ description: 'false signs the user out everywhere and blocks sign-in.', examples: [true] }),
  is_superuser: Type.Boolean({ description: 'Only a superuser may set it.', examples: [false] }),
  email_verified: Type.Boolean({ examples: [false] }),
}
const optionalStaff = allOptional(staffUserFields)
const RoleIds = Type.Array(Uuid, { maxItems: 200, description: 'Ids of roles of this organization.', examples: [['01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e']] })

export const CreateUser = Type.Object({
  ...identity,
  password: Type.Optional(Type.Union([Password, Type.Null()], { description: 'Omitted or null: no usable password until a reset.' })),
  ...optionalPersonal,
  ...optionalStaff,
  /** Omitted: the default "customer" role, as at registration. */
  role_ids: Type.Optional(RoleIds),
}, { additionalProperties: false })
export type CreateUser = Static<typeof CreateUser>

export const UpdateUser = Type.Object({ ...allOptional(editableUserFields), ...optionalStaff }, { additionalProperties: false })
export type UpdateUser = Static<typeof UpdateUser>

export const ReplaceUser = Type.Object({ ...identity, ...optionalPersonal, ...optionalStaff }, { additionalProperties: false })

export const UserRolesBody = Type.Object({ role_ids: RoleIds }, { additionalProperties: false })

export const UserListQuery = Type.Object({
  ...PageQuery,
  search: Type.Optional(Type.String({ maxLength: 150, description: 'Substring of username, email, first or last name (case-insensitive).' })),
  ordering: Type.Optional(Type.String({ description: 'username, email, date_joined; prefix "-" for descending. Default -date_joined.', examples: ['-date_joined'] })),
  is_active: Type.Optional(Type.Boolean()),
  role: Type.Optional(Uuid),
  deleted: Type.Optional(Type.Boolean({ description: 'true: the soft-deleted users instead of the live ones (to find one for POST …/restore/).' })),
})
export type UserListQuery = Static<typeof UserListQuery>

/** The query's declared fields only, in their declared order (the users list cache key and its links). */
export function declaredListQuery(query: UserListQuery): UserListQuery {
  const declared: Record<string, unknown> = {}
  for (const field of Object.keys(UserListQuery.properties)) {
    const value = (query as Record<string, unknown>)[field]
    if (value !== undefined) declared[field] = value
  }
  return declared as UserListQuery
}
