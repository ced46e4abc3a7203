import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { notAuthenticated } from '../../lib/errors'
import { errorResponses, NoContent, Password } from '../../lib/schemas'
import { actorOf, principalOf, userPrincipal } from '../../plugins/auth'
import { AuthResult } from '../sessions/sessions.schemas'
import { findUserById } from '../users/users.repository'
import { confirmTotp, disableTotp, finishSetupLogin, setupTotp, userOfSetupToken, verifyMfaLogin } from './mfa.service'

const Code = Type.String({ minLength: 1, maxLength: 20, description: 'A 6-digit code from the authenticator app.', examples: ['123456'] })
const RecoveryCode = Type.String({ minLength: 1, maxLength: 40, description: 'One of the recovery codes (each works once).' })
const MfaToken = Type.String({ minLength: 1, maxLength: 200, description: 'The mfa_token from the password step.' })

type App = Parameters<FastifyPluginAsyncTypebox>[0]
const tags = ['mfa']

/** The signed-in user, or the superuser holding an MFA-setup token from a 403 `mfa_setup_required` login. */
async function enrollingUser(app: App, req: Parameters<typeof userPrincipal>[0], mfaToken: string | undefined) {
  if (req.principal) {
    const p = userPrincipal(req) // a public route: its signed-in caller is checked here
    const user = await findUserById(app.ctx.db, p.organizationId, p.id)
    if (!user) throw notAuthenticated()
    return user
  }
  return userOfSetupToken(app.ctx, mfaToken)
}
const emptyBody = async (req: { body: unknown }) => { if (req.body === undefined || req.body === null) req.body = {} }

/** TOTP (RFC 6238) setup, removal and the second login step. */
export const mfaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  totpRoutes(app)
  verifyRoute(app)
}

/** Set up, confirm and turn off TOTP. */
function totpRoutes(app: App) {
  app.post('/auth/mfa/totp/', {
    config: { access: 'public' },
    preValidation: emptyBody,
    schema: {
      tags, summary: 'Start TOTP setup: a new secret and its otpauth:// URL (for a QR code). Signed in, or with the mfa_token of a mfa_setup_required login',
      body: Type.Object({ mfa_token: Type.Optional(MfaToken) }, { additionalProperties: false }),
      response: { 200: Type.Object({ secret: Type.String({ description: 'Base32 secret' }), otpauth_url: Type.String() }), ...errorResponses(400, 401, 403, 409) },
    },
  }, async (req) => setupTotp(app.ctx, await enrollingUser(app, req, req.body.mfa_token)))

  app.post('/auth/mfa/totp/confirm/', {
    config: { access: 'public', throttle: 'mfa' },
    schema: {
      tags, summary: 'Confirm setup with a current code: MFA is on; returns 10 single-use recovery codes (shown once). With a setup mfa_token, also signs in',
      body: Type.Object({ code: Code, mfa_token: Type.Optional(MfaToken) }, { additionalProperties: false }),
      response: { 200: Type.Object({ recovery_codes: Type.Array(Type.String()), access: Type.Optional(Type.String()), refresh: Type.Optional(Type.String()), user: Type.Optional(AuthResult.properties.user) }), ...errorResponses(400, 401, 403, 409, 429) },
    },
  }, async (req) => {
    const user = await enrollingUser(app, req, req.body.mfa_token)
    const recovery_codes = await confirmTotp(app.ctx, user, req.body.code, { ...actorOf(req), actorType: 'user', actorId: user.id })
    if (req.principal) return { recovery_codes }
    return { recovery_codes, ...(await finishSetupLogin(app.ctx, user, req.body.mfa_token as string, actorOf(req))) }
  })

  app.delete('/auth/mfa/totp/', {
    config: { access: 'user', hashes: true }, // the password is one of the proofs
    preValidation: emptyBody,
    schema: {
      tags, summary: 'Turn TOTP off (needs a current code, a recovery code or the password); also abandons an unconfirmed setup',
      body: Type.Object({ code: Type.Optional(Code), recovery_code: Type.Optional(RecoveryCode), password: Type.Optional(Password) }, { additionalProperties: false }),
      response: { 204: NoContent, ...errorResponses(400, 401, 403, 409, 429, 503) },
    },
  }, async (req, reply) => {
    const p = principalOf(req)
    const user = await findUserById(app.ctx.db, p.organizationId, p.id)
    if (!user) throw notAuthenticated()
    await disableTotp(app.ctx, user, req.body, actorOf(req))
    return reply.code(204).send(null)
  })
}

function verifyRoute(app: App) {
  app.post('/auth/mfa/verify/', {
    config: { access: 'public', throttle: 'mfa' },
    schema: {
      tags, summary: 'Second login step: {mfa_token, code} or {mfa_token, recovery_code} → tokens', security: [],
      body: Type.Object({ mfa_token: MfaToken, code: Type.Optional(Code), recovery_code: Type.Optional(RecoveryCode) }, { additionalProperties: false }),
      response: { 200: AuthResult, ...errorResponses(400, 401, 429, 503) },
    },
  }, async (req) => verifyMfaLogin(app.ctx, req.body, actorOf(req)))
}
