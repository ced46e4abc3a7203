import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { tags as cacheTags } from '../../lib/cache-tags'
import { notFound } from '../../lib/errors'
import { errorResponses } from '../../lib/schemas'
import { actorOf, principalOf } from '../../plugins/auth'
import { findUserView } from './users.repository'
import { ReplaceMe, UpdateMe, User } from './users.schemas'
import { softDeleteUser, updateUserFields } from './users.service'

const tags = ['auth']

export const meRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/auth/me/', {
    config: { access: 'user' },
    schema: { tags, summary: 'My profile', response: { 200: User, ...errorResponses(401, 403) } },
  }, async (req) => {
    const p = principalOf(req)
    // Hot path: served from memory; every write to a user invalidates `tags.user(id)`.
    return app.ctx.userViews.getOrLoad(p.id, async () => {
      const user = await findUserView(app.ctx.db, p.organizationId, p.id)
      if (!user) throw notFound()
      return { value: user, tags: [cacheTags.user(p.id), cacheTags.org(p.organizationId)] }
    })
  })

  app.put('/auth/me/', {
    config: { access: 'user' },
    schema: { tags, summary: 'Replace my profile (username and email required)', body: ReplaceMe, response: { 200: User, ...errorResponses(400, 401, 403) } },
  }, async (req) => {
    const p = principalOf(req)
    const body = { first_name: '', last_name: '', phone_number: '', profile: {}, ...req.body }
    return updateUserFields(app.ctx, p.organizationId, p.id, body, actorOf(req))
  })

  app.patch('/auth/me/', {
    config: { access: 'user' },
    schema: { tags, summary: 'Change some fields of my profile', body: UpdateMe, response: { 200: User, ...errorResponses(400, 401, 403) } },
  }, async (req) => {
    const p = principalOf(req)
    return updateUserFields(app.ctx, p.organizationId, p.id, req.body, actorOf(req))
  })

  app.delete('/auth/me/', {
    config: { access: 'user' },
    schema: { tags, summary: 'Delete my account (soft); ends every session and key', response: { 204: Type.Null(), ...errorResponses(401, 403) } },
  }, async (req, reply) => {
    const p = principalOf(req)
    await softDeleteUser(app.ctx, p.organizationId, p.id, actorOf(req))
    return reply.code(204).send(null)
  })
}
