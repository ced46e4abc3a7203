import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errorResponses, NoContent } from '../../lib/schemas'
import { actorOf, principalOf } from '../../plugins/auth'
import { resendVerification, verifyEmail } from './email-verification.service'

const Detail = Type.Object({ detail: Type.String() })
const OneTimeToken = Type.String({ minLength: 1, maxLength: 200, description: 'The single-use token from the emailed link.' })

/** Email verification (SPEC §3). */
export const emailVerificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['auth']
  app.post('/auth/email/verify/', {
    config: { access: 'public', throttle: 'verify_email' },
    schema: { tags, summary: 'Verify the email address with the emailed token (24 hours)', security: [], body: Type.Object({ token: OneTimeToken }, { additionalProperties: false }), response: { 204: NoContent, ...errorResponses(400, 429) } },
  }, async (req, reply) => {
    await verifyEmail(app.ctx, req.body.token, actorOf(req))
    return reply.code(204).send(null)
  })

  app.post('/auth/email/resend/', {
    config: { access: 'user' },
    schema: { tags, summary: 'Send the verification link again (older links stop working)', response: { 202: Detail, ...errorResponses(400, 401, 403, 429) } },
  }, async (req, reply) => {
    await resendVerification(app.ctx, principalOf(req))
    return reply.code(202).send({ detail: 'Verification email sent.' })
  })
}
