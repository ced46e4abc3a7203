import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { apiKeys } from '../../db/schema'
import { notFound } from '../../lib/errors'
import { pageRequest, toPage } from '../../lib/pagination'
import { errorResponses, IdParams, Page, PageQuery } from '../../lib/schemas'
import { actorOf, principalOf } from '../../plugins/auth'
import { toApiKey } from '../api-keys/api-keys.repository'
import { ApiKey, CreateApiKey, NewApiKey } from '../api-keys/api-keys.schemas'
import { createPersonalToken, findPersonalToken, listPersonalTokens, revokePersonalToken } from './personal-tokens.service'

const tags = ['personal access tokens']

export const personalTokensRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/auth/tokens/', {
    config: { access: 'user' },
    schema: { tags, summary: 'List my personal access tokens (never the keys themselves)', querystring: Type.Object(PageQuery), response: { 200: Page(ApiKey), ...errorResponses(401, 403) } },
  }, async (req) => {
    const page = pageRequest(req.query, { created_at: apiKeys.id }, '-created_at')
    const rows = await listPersonalTokens(app.ctx, principalOf(req), page)
    return toPage(rows.map(toApiKey), page, req, (r) => r.id)
  })

  app.post('/auth/tokens/', {
    config: { access: 'user' },
    schema: { tags, summary: 'Create a personal access token; the key is shown once', body: CreateApiKey, response: { 201: NewApiKey, ...errorResponses(400, 401, 403) } },
  }, async (req, reply) => {
    const p = principalOf(req)
    const { row, key } = await createPersonalToken(app.ctx, { id: p.id, organizationId: p.organizationId }, req.body, actorOf(req))
    return reply.code(201).send({ ...toApiKey(row), key })
  })

  app.get('/auth/tokens/:id/', {
    config: { access: 'user' },
    schema: { tags, summary: 'One of my personal access tokens', params: IdParams, response: { 200: ApiKey, ...errorResponses(401, 403, 404) } },
  }, async (req) => {
    const row = await findPersonalToken(app.ctx, principalOf(req), req.params.id)
    if (!row) throw notFound()
    return toApiKey(row)
  })

  app.delete('/auth/tokens/:id/', {
    config: { access: 'user' },
    schema: { tags, summary: 'Revoke a personal access token', params: IdParams, response: { 204: Type.Null(), ...errorResponses(401, 403, 404) } },
  }, async (req, reply) => {
    await revokePersonalToken(app.ctx, principalOf(req), req.params.id, actorOf(req))
    return reply.code(204).send(null)
  })
}
