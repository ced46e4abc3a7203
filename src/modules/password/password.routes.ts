import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { Email, errorResponses, NoContent, Password } from '../../lib/schemas'
import { actorOf, principalOf } from '../../plugins/auth'
import { changePassword } from './password-change.service'
import { forgotPassword, resetPassword } from './password-reset.service'
import { PasswordChangeBody } from './password.schemas'

const Detail = Type.Object({ detail: Type.String() })
const OneTimeToken = Type.String({ minLength: 1, maxLength: 200, description: 'The single-use token from the emailed link.' })

/** Changing a password, and resetting a forgotten one (SPEC §3). */
export const passwordRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['auth']
  app.post('/auth/password/change/', {
    config: { access: 'user', hashes: true },
    schema: { tags, summary: 'Change password; ends every other session', body: PasswordChangeBody, response: { 204: NoContent, ...errorResponses(400, 401, 403, 503) } },
  }, async (req, reply) => {
    await changePassword(app.ctx, principalOf(req), req.body, actorOf(req))
    return reply.code(204).send(null)
  })

  app.post('/auth/password/forgot/', {
    config: { access: 'public', throttle: 'forgot' },
    schema: { tags, summary: 'Email a single-use password-reset link (30 minutes); 202 whether or not the email is known', security: [], body: Type.Object({ email: Email }, { additionalProperties: false }), response: { 202: Detail, ...errorResponses(400, 404, 429) } },
  }, async (req, reply) => {
    await forgotPassword(app.ctx, req.organizationId, req.body.email, actorOf(req))
    return reply.code(202).send({ detail: 'If an account uses this email address, a password reset link has been sent to it.' })
  })

  app.post('/auth/password/reset/', {
    config: { access: 'public', throttle: 'reset', hashes: true },
    schema: { tags, summary: 'Set a new password with the emailed token; ends every session', security: [], body: Type.Object({ token: OneTimeToken, new_password: Password }, { additionalProperties: false }), response: { 204: NoContent, ...errorResponses(400, 429, 503) } },
  }, async (req, reply) => {
    await resetPassword(app.ctx, req.body, actorOf(req))
    return reply.code(204).send(null)
  })
}
