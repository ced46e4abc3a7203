import { Type, type Static } from 'typebox'
import { Email, NullableTimestamp, Password, Timestamp, Uuid } from '../../lib/schemas'

export const RoleRef = Type.Object({ id: Uuid, name: Type.String() })

export const Username = Type.String({ minLength: 1, maxLength: 150, pattern: '^[\\w.@+-]+$', examples: ['ada'], description: 'Letters, digits and @/./+/-/_ only (as Django).' })
export const Profile = Type.Record(Type.String(), Type.Unknown(), { description: "Free-form; validated by the organization's profile_schema when it has one.", examples: [{ shoe_size: 42 }] })

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
  first_name: Type.String({ maxLength: 150 }),
  last_name: Type.String({ maxLength: 150 }),
  phone_number: Type.String({ maxLength: 32, pattern: '^[+0-9 ()./-]*$' }),
  profile: Profile,
}

export const UpdateMe = Type.Object(
  Object.fromEntries(Object.entries(editableUserFields).map(([k, v]) => [k, Type.Optional(v)])) as { [K in keyof typeof editableUserFields]: ReturnType<typeof Type.Optional<(typeof editableUserFields)[K]>> },
  { additionalProperties: false },
)
export type UpdateMe = Static<typeof UpdateMe>

export const ReplaceMe = Type.Object({
  username: Username,
  email: Email,
  first_name: Type.Optional(editableUserFields.first_name),
  last_name: Type.Optional(editableUserFields.last_name),
  phone_number: Type.Optional(editableUserFields.phone_number),
  profile: Type.Optional(Profile),
}, { additionalProperties: false })

export const RegisterBody = Type.Object({
  username: Username,
  email: Email,
  password: Password,
  password2: Type.Optional(Password),
  first_name: Type.Optional(editableUserFields.first_name),
  last_name: Type.Optional(editableUserFields.last_name),
  phone_number: Type.Optional(editableUserFields.phone_number),
  profile: Type.Optional(Profile),
}, { additionalProperties: false })
export type RegisterBody = Static<typeof RegisterBody>
