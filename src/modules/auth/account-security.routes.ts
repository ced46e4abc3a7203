import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { notAuthenticated, notFound } from '../../lib/errors'
import { pageRequest, toPage } from '../../lib/pagination'
import { Email, errorResponses, IdParams, NoContent, Page, PageQuery, Password, Timestamp, Uuid } from '../../lib/schemas'
import { named } from '../../lib/schema-names'
import { actorOf, userPrincipal } from '../../plugins/auth'
import { sessions } from '../../db/schema'
import { findUserById } from '../users/users.repository'
import { AuthResult } from './auth.schemas'
import { resendVerification, verifyEmail } from './email-verification.service'
import { confirmTotp, disableTotp, finishSetupLogin, setupTotp, userOfSetupToken, verifyMfaLogin } from './mfa.service'
import { forgotPassword, resetPassword } from './password-reset.service'
import { endOwnSession, getOwnSession, listOwnSessions } from './sessions.service'

const Detail = Type.Object({ detail: Type.String() })
const OneTimeToken = Type.String({ minLength: 1, maxLength: 200, description: 'The single-use token from the emailed link.' })
const Code = Type.String({ minLength: 1, maxLength: 20, description: 'A 6-digit code from the authenticator app.', examples: ['123456'] })
const RecoveryCode = Type.String({ minLength: 1, maxLength: 40, description: 'One of the recovery codes (each works once).' })
const MfaToken = Type.String({ minLength: 1, maxLength: 200, description: 'The mfa_token from the password step.' })

/** Password reset and email verification (SPEC §3). */
export const passwordAndEmailRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['auth']
  app.post('/auth/password/forgot/', {
    config: { public: true, throttle: 'forgot' },
    schema: { tags, summary: 'Email a single-use password-reset link (30 minutes); 202 whether or not the email is known', security: [], body: Type.Object({ email: Email }, { additionalProperties: false }), response: { 202: Detail, ...errorResponses(400, 404, 429) } },
  }, async (req, reply) => {
    await forgotPassword(app, req.organizationId, req.body.email, actorOf(req))
    return reply.code(202).send({ detail: 'If an account uses this email address, a password reset link has been sent to it.' })
  })

  app.post('/auth/password/reset/', {
    config: { public: true, throttle: 'reset', hashes: true },
    schema: { tags, summary: 'Set a new password with the emailed token; ends every session', security: [], body: Type.Object({ token: OneTimeToken, new_password: Password }, { additionalProperties: false }), response: { 204: NoContent, ...errorResponses(400, 429, 503) } },
  }, async (req, reply) => {
    await resetPassword(app, req.body, actorOf(req))
    return reply.code(204).send(null)
  })

  app.post('/auth/email/verify/', {
    config: { public: true, throttle: 'verify_email' },
    schema: { tags, summary: 'Verify the email address with the emailed token (24 hours)', security: [], body: Type.Object({ token: OneTimeToken }, { additionalProperties: false }), response: { 204: NoContent, ...errorResponses(400, 429) } },
  }, async (req, reply) => {
    await verifyEmail(app, req.body.token, actorOf(req))
    return reply.code(204).send(null)
  })

  app.post('/auth/email/resend/', {
    schema: { tags, summary: 'Send the verification link again (older links stop working)', response: { 202: Detail, ...errorResponses(400, 401, 403, 429) } },
  }, async (req, reply) => {
    await resendVerification(app, userPrincipal(req))
    return reply.code(202).send({ detail: 'Verification email sent.' })
  })
}

/** TOTP (RFC 6238) setup, removal and the second login step. */
export const mfaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['mfa']
  /** The signed-in user, or the superuser holding an MFA-setup token from a 403 `mfa_setup_required` login. */
  const enrollingUser = async (req: Parameters<typeof userPrincipal>[0], mfaToken: string | undefined) => {
    if (req.principal) {
      const p = userPrincipal(req)
      const user = await findUserById(app.db, p.organizationId, p.id)
      if (!user) throw notAuthenticated()
      return user
    }
    return userOfSetupToken(app, mfaToken)
  }
  const emptyBody = async (req: { body: unknown }) => { if (req.body === undefined || req.body === null) req.body = {} }

  app.post('/auth/mfa/totp/', {
    config: { public: true },
    preValidation: emptyBody,
    schema: {
      tags, summary: 'Start TOTP setup: a new secret and its otpauth:// URL (for a QR code). Signed in, or with the mfa_token of a mfa_setup_required login',
      body: Type.Object({ mfa_token: Type.Optional(MfaToken) }, { additionalProperties: false }),
      response: { 200: Type.Object({ secret: Type.String({ description: 'Base32 secret' }), otpauth_url: Type.String() }), ...errorResponses(400, 401, 403, 409) },
    },
  }, async (req) => setupTotp(app, await enrollingUser(req, req.body.mfa_token)))

  app.post('/auth/mfa/totp/confirm/', {
    config: { public: true, throttle: 'mfa' },
    schema: {
      tags, summary: 'Confirm setup with a current code: MFA is on; returns 10 single-use recovery codes (shown once). With a setup mfa_token, also signs in',
      body: Type.Object({ code: Code, mfa_token: Type.Optional(MfaToken) }, { additionalProperties: false }),
      response: { 200: Type.Object({ recovery_codes: Type.Array(Type.String()), access: Type.Optional(Type.String()), refresh: Type.Optional(Type.String()), user: Type.Optional(AuthResult.properties.user) }), ...errorResponses(400, 401, 403, 409, 429) },
    },
  }, async (req) => {
    const user = await enrollingUser(req, req.body.mfa_token)
    const recovery_codes = await confirmTotp(app, user, req.body.code, { ...actorOf(req), actorType: 'user', actorId: user.id })
    if (req.principal) return { recovery_codes }
    return { recovery_codes, ...(await finishSetupLogin(app, user, req.body.mfa_token as string, actorOf(req))) }
  })

  app.delete('/auth/mfa/totp/', {
    config: { hashes: true }, // the password is one of the proofs
    preValidation: emptyBody,
    schema: {
      tags, summary: 'Turn TOTP off (needs a current code, a recovery code or the password); also abandons an unconfirmed setup',
      body: Type.Object({ code: Type.Optional(Code), recovery_code: Type.Optional(RecoveryCode), password: Type.Optional(Password) }, { additionalProperties: false }),
      response: { 204: NoContent, ...errorResponses(400, 401, 403, 409, 429, 503) },
    },
  }, async (req, reply) => {
    const p = userPrincipal(req)
    const user = await findUserById(app.db, p.organizationId, p.id)
    if (!user) throw notAuthenticated()
    await disableTotp(app, user, req.body, actorOf(req))
    return reply.code(204).send(null)
  })

  app.post('/auth/mfa/verify/', {
    config: { public: true, throttle: 'mfa' },
    schema: {
      tags, summary: 'Second login step: {mfa_token, code} or {mfa_token, recovery_code} → tokens', security: [],
      body: Type.Object({ mfa_token: MfaToken, code: Type.Optional(Code), recovery_code: Type.Optional(RecoveryCode) }, { additionalProperties: false }),
      response: { 200: AuthResult, ...errorResponses(400, 401, 429, 503) },
    },
  }, async (req) => verifyMfaLogin(app, req.body, actorOf(req)))
}

const Session = named('Session', Type.Object({
  id: Uuid,
  user_agent: Type.String(),
  ip: Type.String(),
  created_at: Timestamp,
  last_used_at: Timestamp,
  expires_at: Timestamp,
  current: Type.Boolean({ description: 'The session of the token making this request.' }),
}))

/** The signed-in user's own sessions (devices). */
export const sessionsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['sessions']
  app.get('/auth/sessions/', {
    schema: { tags, summary: 'My live sessions, newest first', querystring: Type.Object(PageQuery), response: { 200: Page(Session), ...errorResponses(401, 403) } },
  }, async (req) => {
    const p = userPrincipal(req)
    const page = pageRequest(req.query, { created_at: sessions.id }, '-created_at')
    const rows = await listOwnSessions(app, p, page)
    return toPage(rows, page, req, (r) => r.id)
  })

  app.get('/auth/sessions/:id/', {
    schema: { tags, summary: 'One of my live sessions (another user\'s, or an ended one, is a 404)', params: IdParams, response: { 200: Session, ...errorResponses(401, 403, 404) } },
  }, async (req) => {
    const session = await getOwnSession(app, userPrincipal(req), req.params.id)
    if (!session) throw notFound()
    return session
  })

  app.delete('/auth/sessions/:id/', {
    schema: { tags, summary: 'End one of my sessions: its refresh and access tokens stop working at once', params: IdParams, response: { 204: NoContent, ...errorResponses(401, 403, 404) } },
  }, async (req, reply) => {
    const p = userPrincipal(req)
    if (!(await endOwnSession(app, p, req.params.id, actorOf(req)))) throw notFound()
    return reply.code(204).send(null)
  })
}
