import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { toPage } from '../../lib/pagination'
import { errorResponses, IdParams, NoContent, Page } from '../../lib/schemas'
import { actorOf, principalOf } from '../../plugins/auth'
import { CreateOAuthClient, OAuthClient, OAuthClientListQuery, OAuthClientWithSecret, UpdateOAuthClient } from './oauth-clients.schemas'
import {
  changeOAuthClient, createOAuthClient, deleteOAuthClient, getOAuthClient, listOAuthClientViews, oauthClientPage, rotateOAuthClientSecret,
} from './oauth-clients.service'

const tags = ['oauth-clients']
const view = { access: { permission: ['view_developers', 'manage_developers'] } } as const
const manage = { access: { permission: 'manage_developers' } } as const

/** Registration of OAuth 2.1 / OpenID Connect clients by staff; each belongs to a developer. */
export const oauthClientsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/oauth-clients/', {
    config: view,
    schema: { tags, summary: 'List OAuth clients (never their secrets)', querystring: OAuthClientListQuery, response: { 200: Page(OAuthClient), ...errorResponses(400, 401, 403) } },
  }, async (req) => {
    const page = oauthClientPage(req.query)
    const views = await listOAuthClientViews(app.ctx, req.organizationId, page, req.query)
    return toPage(views, page, req, (c) => c.name.toLowerCase())
  })

  app.post('/developers/:id/oauth-clients/', {
    config: manage,
    schema: { tags, summary: 'Register an OAuth client for a developer; a confidential client\'s secret is shown once', params: IdParams, body: CreateOAuthClient, response: { 201: OAuthClientWithSecret, ...errorResponses(400, 401, 403, 404) } },
  }, async (req, reply) => reply.code(201).send(await createOAuthClient(app.ctx, req.organizationId, req.params.id, req.body, actorOf(req), principalOf(req))))

  app.get('/oauth-clients/:id/', {
    config: view,
    schema: { tags, summary: 'One OAuth client (never its secret)', params: IdParams, response: { 200: OAuthClient, ...errorResponses(401, 403, 404) } },
  }, async (req) => getOAuthClient(app.ctx, req.organizationId, req.params.id))

  app.patch('/oauth-clients/:id/', {
    config: manage,
    schema: { tags, summary: 'Change some settings of an OAuth client (its type is fixed)', params: IdParams, body: UpdateOAuthClient, response: { 200: OAuthClient, ...errorResponses(400, 401, 403, 404) } },
  }, async (req) => changeOAuthClient(app.ctx, req.organizationId, req.params.id, req.body, actorOf(req), principalOf(req)))

  app.delete('/oauth-clients/:id/', {
    config: manage,
    schema: { tags, summary: 'Delete an OAuth client (soft); its codes, tokens and grants end at once', params: IdParams, response: { 204: NoContent, ...errorResponses(401, 403, 404) } },
  }, async (req, reply) => {
    await deleteOAuthClient(app.ctx, req.organizationId, req.params.id, actorOf(req), principalOf(req))
    return reply.code(204).send(null)
  })

  app.post('/oauth-clients/:id/rotate-secret/', {
    config: manage,
    schema: { tags, summary: 'Give a confidential client a new secret, shown once; the old one stops working (409 for a public client)', params: IdParams, response: { 200: OAuthClientWithSecret, ...errorResponses(401, 403, 404, 409) } },
  }, async (req) => rotateOAuthClientSecret(app.ctx, req.organizationId, req.params.id, actorOf(req), principalOf(req)))
}
