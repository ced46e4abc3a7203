import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { userRoles } from '../../db/schema'
import { notFound, ValidationError } from '../../lib/errors'
import { pageRequest, toPage } from '../../lib/pagination'
import { errorResponses, IdParams, Page } from '../../lib/schemas'
import { actorOf } from '../../plugins/auth'
import { insertAuditEvent } from '../audit/audit.repository'
import { findRoleById } from '../roles/roles.repository'
import { findUserById } from '../users/users.repository'
import { deleteUserRole, findUserRoleById, insertUserRole, listUserRoles, toUserRole } from './user-roles.repository'
import { CreateUserRole, UserRole, UserRoleListQuery } from './user-roles.schemas'

const tags = ['user roles']
const config = { permission: 'manage_user_roles' }
const NoContent = Type.Null({ description: 'No content' })
const doesNotExist = (id: string) => [`Invalid pk "${id}" - object does not exist.`]

export const userRolesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/user-roles/', {
    config,
    schema: { tags, summary: 'List role assignments (filters user and role)', querystring: UserRoleListQuery, response: { 200: Page(UserRole), ...errorResponses(400, 401, 403) } },
  }, async (req) => {
    const page = pageRequest(req.query, { created_at: userRoles.id }, 'created_at')
    const rows = await listUserRoles(app.db, req.organizationId, page, { userId: req.query.user, roleId: req.query.role })
    return toPage(rows.map(toUserRole), page, { base: app.config.publicUrl, path: '/api/v1/user-roles/', query: req.query }, (r) => r.id)
  })

  app.post('/user-roles/', {
    config,
    schema: { tags, summary: 'Give a user a role; effective on their next request', body: CreateUserRole, response: { 201: UserRole, ...errorResponses(400, 401, 403) } },
  }, async (req, reply) => {
    const { user, role } = req.body
    const orgId = req.organizationId
    const errors: Record<string, string[]> = {}
    if (!(await findUserById(app.db, orgId, user))) errors.user = doesNotExist(user)
    if (!(await findRoleById(app.db, orgId, role))) errors.role = doesNotExist(role)
    if (Object.keys(errors).length) throw new ValidationError(errors)
    const row = await app.db.transaction(async (tx) => {
      const row = await insertUserRole(tx, orgId, user, role)
      if (!row) throw new ValidationError({ non_field_errors: ['The fields user, role must make a unique set.'] })
      await insertAuditEvent(tx, actorOf(req), { organizationId: orgId, action: 'user_role.created', targetType: 'user', targetId: user, metadata: { user_role_id: row.id, role_id: role } })
      return row
    })
    await app.invalidate([`user:${user}`])
    return reply.code(201).send(toUserRole(row))
  })

  app.get('/user-roles/:id/', {
    config,
    schema: { tags, summary: 'One role assignment', params: IdParams, response: { 200: UserRole, ...errorResponses(401, 403, 404) } },
  }, async (req) => {
    const row = await findUserRoleById(app.db, req.organizationId, req.params.id)
    if (!row) throw notFound()
    return toUserRole(row)
  })

  app.delete('/user-roles/:id/', {
    config,
    schema: { tags, summary: 'Take a role away from a user; effective on their next request', params: IdParams, response: { 204: NoContent, ...errorResponses(401, 403, 404) } },
  }, async (req, reply) => {
    const orgId = req.organizationId
    if (!(await findUserRoleById(app.db, orgId, req.params.id))) throw notFound()
    const row = await app.db.transaction(async (tx) => {
      const row = await deleteUserRole(tx, orgId, req.params.id)
      if (!row) throw notFound()
      await insertAuditEvent(tx, actorOf(req), { organizationId: orgId, action: 'user_role.deleted', targetType: 'user', targetId: row.userId, metadata: { user_role_id: row.id, role_id: row.roleId } })
      return row
    })
    await app.invalidate([`user:${row.userId}`])
    return reply.code(204).send(null)
  })
}
