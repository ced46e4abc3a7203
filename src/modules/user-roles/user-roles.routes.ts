import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { userRoles } from '../../db/schema'
import { notFound } from '../../lib/errors'
import { pageRequest, toPage } from '../../lib/pagination'
import { errorResponses, IdParams, NoContent, Page } from '../../lib/schemas'
import { actorOf, principalOf } from '../../plugins/auth'
import { findUserRoleById, listUserRoles, toUserRole } from './user-roles.repository'
import { CreateUserRole, UserRole, UserRoleListQuery } from './user-roles.schemas'
import { assignRole, unassignRole } from './user-roles.service'

const tags = ['user roles']
const config = { access: { permission: 'manage_user_roles' } } as const

export const userRolesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/user-roles/', {
    config,
    schema: { tags, summary: 'List role assignments (filters user and role)', querystring: UserRoleListQuery, response: { 200: Page(UserRole), ...errorResponses(400, 401, 403) } },
  }, async (req) => {
    const page = pageRequest(req.query, { created_at: userRoles.id }, 'created_at')
    const rows = await listUserRoles(app.ctx.db, req.organizationId, page, { userId: req.query.user, roleId: req.query.role })
    return toPage(rows.map(toUserRole), page, req, (r) => r.id)
  })

  app.post('/user-roles/', {
    config,
    schema: { tags, summary: 'Give a user a role; effective on their next request', body: CreateUserRole, response: { 201: UserRole, ...errorResponses(400, 401, 403) } },
  }, async (req, reply) => reply.code(201).send(toUserRole(await assignRole(app.ctx, req.organizationId, req.body, actorOf(req), principalOf(req)))))

  app.get('/user-roles/:id/', {
    config,
    schema: { tags, summary: 'One role assignment', params: IdParams, response: { 200: UserRole, ...errorResponses(401, 403, 404) } },
  }, async (req) => {
    const row = await findUserRoleById(app.ctx.db, req.organizationId, req.params.id)
    if (!row) throw notFound()
    return toUserRole(row)
  })

  app.delete('/user-roles/:id/', {
    config,
    schema: { tags, summary: 'Take a role away from a user; effective on their next request', params: IdParams, response: { 204: NoContent, ...errorResponses(401, 403, 404) } },
  }, async (req, reply) => {
    await unassignRole(app.ctx, req.organizationId, req.params.id, actorOf(req), principalOf(req))
    return reply.code(204).send(null)
  })
}
