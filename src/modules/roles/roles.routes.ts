import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sql } from 'drizzle-orm'
import { roles } from '../../db/schema'
import { notFound } from '../../lib/errors'
import { checkCursorValue, orderExpr } from '../../lib/listing'
import { pageRequest, toPage } from '../../lib/pagination'
import { errorResponses, IdParams, NoContent, Page } from '../../lib/schemas'
import { actorOf, principalOf } from '../../plugins/auth'
import { findRoleById, listRoles, loadRole, loadRoles } from './roles.repository'
import { CreateRole, Role, RoleListQuery, UpdateRole } from './roles.schemas'
import { changeRole, createRole, deleteRole, undeleteRole } from './roles.service'

const tags = ['roles']
const view = { access: { permission: ['view_roles', 'manage_roles'] } } as const
const manage = { access: { permission: 'manage_roles' } } as const
const orderings = { name: orderExpr(sql`lower(${roles.name})`), created_at: roles.id }

export const rolesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/roles/', {
    config: view,
    schema: { tags, summary: 'List roles with their permissions', querystring: RoleListQuery, response: { 200: Page(Role), ...errorResponses(400, 401, 403) } },
  }, async (req) => {
    const page = pageRequest(req.query, orderings, 'name')
    checkCursorValue(page, page.field === 'name' ? 'text' : 'id')
    const rows = await listRoles(app.db, req.organizationId, page, { search: req.query.search })
    return toPage(await loadRoles(app.db, rows), page, req, (r) => r.name.toLowerCase())
  })

  app.post('/roles/', {
    config: manage,
    schema: { tags, summary: 'Create a role', body: CreateRole, response: { 201: Role, ...errorResponses(400, 401, 403) } },
  }, async (req, reply) => reply.code(201).send(await loadRole(app.db, await createRole(app.ctx, req.organizationId, req.body, actorOf(req), principalOf(req)))))

  app.get('/roles/:id/', {
    config: view,
    schema: { tags, summary: 'One role', params: IdParams, response: { 200: Role, ...errorResponses(401, 403, 404) } },
  }, async (req) => {
    const row = await findRoleById(app.db, req.organizationId, req.params.id)
    if (!row) throw notFound()
    return loadRole(app.db, row)
  })

  app.put('/roles/:id/', {
    config: manage,
    schema: { tags, summary: 'Replace a role (omitted description and permission_ids become empty)', params: IdParams, body: CreateRole, response: { 200: Role, ...errorResponses(400, 401, 403, 404) } },
  }, async (req) => loadRole(app.db, await changeRole(app.ctx, req.organizationId, req.params.id, { description: '', permission_ids: [], ...req.body }, actorOf(req), principalOf(req))))

  app.patch('/roles/:id/', {
    config: manage,
    schema: { tags, summary: 'Change some fields of a role; permission_ids replaces the set', params: IdParams, body: UpdateRole, response: { 200: Role, ...errorResponses(400, 401, 403, 404) } },
  }, async (req) => loadRole(app.db, await changeRole(app.ctx, req.organizationId, req.params.id, req.body, actorOf(req), principalOf(req))))

  app.delete('/roles/:id/', {
    config: manage,
    schema: { tags, summary: 'Delete a role (soft); its holders lose it at once', params: IdParams, response: { 204: NoContent, ...errorResponses(401, 403, 404) } },
  }, async (req, reply) => {
    await deleteRole(app.ctx, req.organizationId, req.params.id, actorOf(req), principalOf(req))
    return reply.code(204).send(null)
  })

  app.post('/roles/:id/restore/', {
    config: manage,
    schema: { tags, summary: 'Restore a deleted role with its permissions and assignments (409 if its name is taken again)', params: IdParams, response: { 200: Role, ...errorResponses(401, 403, 404, 409) } },
  }, async (req) => loadRole(app.db, await undeleteRole(app.ctx, req.organizationId, req.params.id, actorOf(req), principalOf(req))))
}
