import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { notFound } from '../../lib/errors'
import { pageRequest, toPage } from '../../lib/pagination'
import { errorResponses, IdParams, NoContent, Page, PageQuery, Timestamp, Uuid } from '../../lib/schemas'
import { named } from '../../lib/schema-names'
import { actorOf, principalOf } from '../../plugins/auth'
import { sessions } from '../../db/schema'
import { endOwnSession, getOwnSession, listOwnSessions } from './sessions.service'


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
    config: { access: 'user' },
    schema: { tags, summary: 'My live sessions, newest first', querystring: Type.Object(PageQuery), response: { 200: Page(Session), ...errorResponses(401, 403) } },
  }, async (req) => {
    const p = principalOf(req)
    const page = pageRequest(req.query, { created_at: sessions.id }, '-created_at')
    const rows = await listOwnSessions(app.ctx, p, page)
    return toPage(rows, page, req, (r) => r.id)
  })

  app.get('/auth/sessions/:id/', {
    config: { access: 'user' },
    schema: { tags, summary: 'One of my live sessions (another user\'s, or an ended one, is a 404)', params: IdParams, response: { 200: Session, ...errorResponses(401, 403, 404) } },
  }, async (req) => {
    const session = await getOwnSession(app.ctx, principalOf(req), req.params.id)
    if (!session) throw notFound()
    return session
  })

  app.delete('/auth/sessions/:id/', {
    config: { access: 'user' },
    schema: { tags, summary: 'End one of my sessions: its refresh and access tokens stop working at once', params: IdParams, response: { 204: NoContent, ...errorResponses(401, 403, 404) } },
  }, async (req, reply) => {
    const p = principalOf(req)
    if (!(await endOwnSession(app.ctx, p, req.params.id, actorOf(req)))) throw notFound()
    return reply.code(204).send(null)
  })
}
