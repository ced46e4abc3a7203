import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { toPage } from '../../lib/pagination'
import { errorResponses, IdParams, NoContent, Page } from '../../lib/schemas'
import { actorOf, principalOf } from '../../plugins/auth'
import { CreatePermission, Permission, PermissionListQuery, UpdatePermission } from './permissions.schemas'
import {
  changePermission, createPermission, deletePermission, getPermission, listPermissionViews, permissionPage, undeletePermission,
} from './permissions.service'

const tags = ['permissions']
const manage = { access: { permission: 'manage_permissions' } } as const

export const permissionsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/permissions/', {
    config: manage,
    schema: { tags, summary: 'List permissions (built-in and custom)', querystring: PermissionListQuery, response: { 200: Page(Permission), ...errorResponses(400, 401, 403) } },
  }, async (req) => {
    const page = permissionPage(req.query)
    const views = await listPermissionViews(app.ctx, req.organizationId, page, req.query)
    return toPage(views, page, req, (r) => r.codename)
  })

  app.post('/permissions/', {
    config: manage,
    schema: { tags, summary: 'Create a custom permission', body: CreatePermission, response: { 201: Permission, ...errorResponses(400, 401, 403) } },
  }, async (req, reply) => reply.code(201).send(await createPermission(app.ctx, req.organizationId, req.body, actorOf(req))))

  app.get('/permissions/:id/', {
    config: manage,
    schema: { tags, summary: 'One permission', params: IdParams, response: { 200: Permission, ...errorResponses(401, 403, 404) } },
  }, async (req) => getPermission(app.ctx, req.organizationId, req.params.id))

  app.put('/permissions/:id/', {
    config: manage,
    schema: { tags, summary: 'Replace a custom permission (built-in ones are read-only: 403)', params: IdParams, body: CreatePermission, response: { 200: Permission, ...errorResponses(400, 401, 403, 404) } },
  }, async (req) => changePermission(app.ctx, req.organizationId, req.params.id, { description: '', ...req.body }, actorOf(req), principalOf(req)))

  app.patch('/permissions/:id/', {
    config: manage,
    schema: { tags, summary: 'Change a custom permission (built-in ones are read-only: 403)', params: IdParams, body: UpdatePermission, response: { 200: Permission, ...errorResponses(400, 401, 403, 404) } },
  }, async (req) => changePermission(app.ctx, req.organizationId, req.params.id, req.body, actorOf(req), principalOf(req)))

  app.delete('/permissions/:id/', {
    config: manage,
    schema: { tags, summary: 'Delete a custom permission (soft); roles stop granting it at once', params: IdParams, response: { 204: NoContent, ...errorResponses(401, 403, 404) } },
  }, async (req, reply) => {
    await deletePermission(app.ctx, req.organizationId, req.params.id, actorOf(req), principalOf(req))
    return reply.code(204).send(null)
  })

  app.post('/permissions/:id/restore/', {
    config: manage,
    schema: { tags, summary: 'Restore a deleted custom permission (409 if its codename is taken again)', params: IdParams, response: { 200: Permission, ...errorResponses(401, 403, 404, 409) } },
  }, async (req) => undeletePermission(app.ctx, req.organizationId, req.params.id, actorOf(req), principalOf(req)))
}
