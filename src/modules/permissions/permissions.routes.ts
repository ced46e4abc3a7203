import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { permissions } from '../../db/schema'
import { notFound } from '../../lib/errors'
import { checkCursorValue } from '../../lib/listing'
import { pageRequest, toPage } from '../../lib/pagination'
import { errorResponses, IdParams, NoContent, Page } from '../../lib/schemas'
import { actorOf, principalOf } from '../../plugins/auth'
import { findPermissionById, listPermissions, toPermission } from './permissions.repository'
import { CreatePermission, Permission, PermissionListQuery, UpdatePermission } from './permissions.schemas'
import { changePermission, createPermission, deletePermission, undeletePermission } from './permissions.service'

const tags = ['permissions']
const manage = { access: { permission: 'manage_permissions' } } as const

export const permissionsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/permissions/', {
    config: manage,
    schema: { tags, summary: 'List permissions (built-in and custom)', querystring: PermissionListQuery, response: { 200: Page(Permission), ...errorResponses(400, 401, 403) } },
  }, async (req) => {
    const page = pageRequest(req.query, { created_at: permissions.id, codename: permissions.codename }, 'codename')
    checkCursorValue(page, page.field === 'codename' ? 'text' : 'id')
    const rows = await listPermissions(app.db, req.organizationId, page, { search: req.query.search, isBuiltin: req.query.is_builtin })
    return toPage(rows.map(toPermission), page, req, (r) => r.codename)
  })

  app.post('/permissions/', {
    config: manage,
    schema: { tags, summary: 'Create a custom permission', body: CreatePermission, response: { 201: Permission, ...errorResponses(400, 401, 403) } },
  }, async (req, reply) => reply.code(201).send(toPermission(await createPermission(app.ctx, req.organizationId, req.body, actorOf(req)))))

  app.get('/permissions/:id/', {
    config: manage,
    schema: { tags, summary: 'One permission', params: IdParams, response: { 200: Permission, ...errorResponses(401, 403, 404) } },
  }, async (req) => {
    const row = await findPermissionById(app.db, req.organizationId, req.params.id)
    if (!row) throw notFound()
    return toPermission(row)
  })

  app.put('/permissions/:id/', {
    config: manage,
    schema: { tags, summary: 'Replace a custom permission (built-in ones are read-only: 403)', params: IdParams, body: CreatePermission, response: { 200: Permission, ...errorResponses(400, 401, 403, 404) } },
  }, async (req) => toPermission(await changePermission(app.ctx, req.organizationId, req.params.id, { description: '', ...req.body }, actorOf(req), principalOf(req))))

  app.patch('/permissions/:id/', {
    config: manage,
    schema: { tags, summary: 'Change a custom permission (built-in ones are read-only: 403)', params: IdParams, body: UpdatePermission, response: { 200: Permission, ...errorResponses(400, 401, 403, 404) } },
  }, async (req) => toPermission(await changePermission(app.ctx, req.organizationId, req.params.id, req.body, actorOf(req), principalOf(req))))

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
  }, async (req) => toPermission(await undeletePermission(app.ctx, req.organizationId, req.params.id, actorOf(req), principalOf(req))))
}
