import { Type, type Static } from 'typebox'
import { Password } from '../../lib/schemas'
import { User } from '../users/users.schemas'

export const Credentials = Type.Object({
  username: Type.Optional(Type.String({ minLength: 1, maxLength: 254, description: 'Username or email.', examples: ['ada'] })),
  email: Type.Optional(Type.String({ minLength: 1, maxLength: 254, description: 'Email (alternative to username).' })),
  password: Password,
}, { additionalProperties: false })
export type Credentials = Static<typeof Credentials>

const AccessToken = Type.String({ description: 'JWT access token (ES256/EdDSA), 5 minutes by default.' })
const RefreshToken = Type.String({ minLength: 1, maxLength: 200, description: 'Opaque refresh token; rotated on every use.' })

export const TokenPair = Type.Object({ access: AccessToken, refresh: RefreshToken })
export const AuthResult = Type.Object({ access: AccessToken, refresh: RefreshToken, user: User })
export const MfaChallenge = Type.Object({ mfa_required: Type.Literal(true), mfa_token: Type.String() })
export const LoginResult = Type.Union([AuthResult, MfaChallenge])
export const PendingVerification = Type.Object({ user: User, email_verification_required: Type.Literal(true) }, { description: 'The organization requires a verified email before the first sign-in; a link was mailed.' })

export const RefreshBody = Type.Object({ refresh: RefreshToken }, { additionalProperties: false })
export const VerifyBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 4096 }) }, { additionalProperties: false })
export const LogoutBody = Type.Object({ refresh: RefreshToken }, { additionalProperties: false })
