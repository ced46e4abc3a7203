import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { toPage } from '../../lib/pagination'
import { errorResponses, IdParams, NoContent, Page, PageQuery } from '../../lib/schemas'
import { actorOf, principalOf } from '../../plugins/auth'
import { ApiKey, CreateApiKey, NewApiKey } from '../api-keys/api-keys.schemas'
import { CreateDeveloper, Developer, DeveloperKeyParams, DeveloperListQuery, UpdateDeveloper } from './developers.schemas'
import {
  changeDeveloper, createDeveloper, createDeveloperKey, deleteDeveloper, developerPage, getDeveloper, listDeveloperKeyViews, listDeveloperViews,
  revokeDeveloperKey, undeleteDeveloper,
} from './developers.service'

const tags = ['developers']
const view = { access: { permission: ['view_developers', 'manage_developers'] } } as const
const manage = { access: { permission: 'manage_developers' } } as const

export const developersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/developers/', {
    config: view,
    schema: { tags, summary: 'List developers (API clients of the organization)', querystring: DeveloperListQuery, response: { 200: Page(Developer), ...errorResponses(400, 401, 403) } },
  }, async (req) => {
    const page = developerPage(req.query)
    const views = await listDeveloperViews(app.ctx, req.organizationId, page, req.query)
    return toPage(views, page, req, (d) => d.name.toLowerCase())
  })

  app.post('/developers/', {
    config: manage,
    schema: { tags, summary: 'Create a developer; it holds the permissions of its roles', body: CreateDeveloper, response: { 201: Developer, ...errorResponses(400, 401, 403) } },
  }, async (req, reply) => reply.code(201).send(await createDeveloper(app.ctx, req.organizationId, req.body, actorOf(req), principalOf(req))))

  app.get('/developers/:id/', {
    config: view,
    schema: { tags, summary: 'One developer', params: IdParams, response: { 200: Developer, ...errorResponses(401, 403, 404) } },
  }, async (req) => getDeveloper(app.ctx, req.organizationId, req.params.id))

  app.put('/developers/:id/', {
    config: manage,
    schema: { tags, summary: 'Replace a developer (omitted email and role_ids become empty)', params: IdParams, body: CreateDeveloper, response: { 200: Developer, ...errorResponses(400, 401, 403, 404) } },
  }, async (req) => changeDeveloper(app.ctx, req.organizationId, req.params.id, { email: '', role_ids: [], ...req.body }, actorOf(req), principalOf(req)))

  app.patch('/developers/:id/', {
    config: manage,
    schema: { tags, summary: 'Change some fields of a developer; role_ids replaces the set', params: IdParams, body: UpdateDeveloper, response: { 200: Developer, ...errorResponses(400, 401, 403, 404) } },
  }, async (req) => changeDeveloper(app.ctx, req.organizationId, req.params.id, req.body, actorOf(req), principalOf(req)))

  app.delete('/developers/:id/', {
    config: manage,
    schema: { tags, summary: 'Delete a developer (soft); revokes all its keys at once', params: IdParams, response: { 204: NoContent, ...errorResponses(401, 403, 404) } },
  }, async (req, reply) => {
    await deleteDeveloper(app.ctx, req.organizationId, req.params.id, actorOf(req), principalOf(req))
    return reply.code(204).send(null)
  })

  app.post('/developers/:id/restore/', {
    config: manage,
    schema: { tags, summary: 'Restore a deleted developer (409 if its name is taken again); old keys stay revoked', params: IdParams, response: { 200: Developer, ...errorResponses(401, 403, 404, 409) } },
  }, async (req) => undeleteDeveloper(app.ctx, req.organizationId, req.params.id, actorOf(req), principalOf(req)))

  app.get('/developers/:id/keys/', {
    config: manage,
    schema: { tags, summary: "List a developer's live API keys (never the keys themselves)", params: IdParams, querystring: Type.Object(PageQuery), response: { 200: Page(ApiKey), ...errorResponses(400, 401, 403, 404) } },
  }, async (req) => {
    const { page, keys } = await listDeveloperKeyViews(app.ctx, req.organizationId, req.params.id, req.query)
    return toPage(keys, page, req, (k) => k.id)
  })

  app.post('/developers/:id/keys/', {
    config: manage,
    schema: { tags, summary: 'Create an API key (cc_dev_…) for a developer; the key is shown once', params: IdParams, body: CreateApiKey, response: { 201: NewApiKey, ...errorResponses(400, 401, 403, 404) } },
  }, async (req, reply) => {
    return reply.code(201).send(await createDeveloperKey(app.ctx, req.organizationId, req.params.id, req.body, actorOf(req), principalOf(req)))
  })

  app.delete('/developers/:id/keys/:key_id/', {
    config: manage,
    schema: { tags, summary: 'Revoke an API key of a developer; it fails on its next request', params: DeveloperKeyParams, response: { 204: NoContent, ...errorResponses(401, 403, 404) } },
  }, async (req, reply) => {
    await revokeDeveloperKey(app.ctx, req.organizationId, req.params.id, req.params.key_id, actorOf(req), principalOf(req))
    return reply.code(204).send(null)
  })
}
