import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context'
import type { Db } from '../../db'
import { notFound, permissionDenied } from '../../lib/errors'
import { checkCursorValue } from '../../lib/listing'
import { pageRequest, toPage } from '../../lib/pagination'
import { errorResponses, IdParams, NoContent, Page } from '../../lib/schemas'
import { actorOf, hasPermission, principalOf } from '../../plugins/auth'
import { assertMayActOn } from '../roles/grants'
import { findDeletedUser, findUserById, listUsers, loadUser, userOrderings, type NewUserRow, type UserRow } from './users.repository'
import { CreateUser, declaredListQuery, ReplaceUser, UpdateUser, User, UserListQuery, UserRolesBody } from './users.schemas'
import { createUser, setUserRoles, softDeleteUser, undeleteUser, updateUserFields } from './users.service'

const tags = ['users']

/** Staff may touch only accounts within their reach, never a superuser's (roles/grants.ts). */
const guardAccount = (db: Db, req: FastifyRequest, target: UserRow) =>
  assertMayActOn(db, req.organizationId, principalOf(req), { type: 'user', id: target.id, isSuperuser: target.isSuperuser })

type App = Parameters<FastifyPluginAsyncTypebox>[0]

async function changeUser(req: FastifyRequest, ctx: AppContext, id: string, body: UpdateUser) {
  // Oneself: only the fields of /auth/me/. Staff (manage_users): also the flags; is_superuser needs a superuser.
  const staff = hasPermission(req, 'manage_users')
  const { is_active, is_superuser, email_verified, ...fields } = body
  if ((is_active !== undefined || email_verified !== undefined) && !staff) throw permissionDenied()
  if (is_superuser !== undefined && !principalOf(req).isSuperuser) throw permissionDenied()
  const target = await findUserById(ctx.db, req.organizationId, id)
  if (!target) throw notFound()
  await guardAccount(ctx.db, req, target)
  const extra: Partial<NewUserRow> = {
    ...(is_active !== undefined && { isActive: is_active }),
    ...(is_superuser !== undefined && { isSuperuser: is_superuser }),
    ...(email_verified !== undefined && { emailVerified: email_verified }),
  }
  return updateUserFields(ctx, req.organizationId, id, fields, actorOf(req), extra)
}

export const usersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  collectionRoutes(app)
  oneUserRoutes(app)
}

/** GET and POST /users/. */
function collectionRoutes(app: App) {
  const { ctx } = app
  app.get('/users/', {
    config: { access: { permission: ['view_users', 'manage_users'] } },
    schema: { tags, summary: 'List users (search, ordering, filters is_active and role; deleted=true lists the soft-deleted ones)', querystring: UserListQuery, response: { 200: Page(User), ...errorResponses(400, 401, 403) } },
  }, async (req, reply) => {
    const page = pageRequest(req.query, userOrderings, '-date_joined')
    checkCursorValue(page, page.field === 'date_joined' ? 'timestamp' : 'text')
    // Only the declared fields, in their declared order: an unknown parameter (ignored by the
    // query) or another order mints no new cache key, and the links repeat the same query.
    const query = declaredListQuery(req.query)
    const body = await ctx.userPages.getOrLoad(req.organizationId, JSON.stringify(query), async () => {
      const rows = await listUsers(ctx.db, req.organizationId, page, { search: query.search, isActive: query.is_active, roleId: query.role, deleted: query.deleted })
      const result = toPage(rows, page, { server: req.server, routeOptions: req.routeOptions, params: req.params, query }, (r) => r.cursor)
      return reply.serialize({ ...result, results: result.results.map((r) => r.user) })
    })
    // Already the route's serialization: sent as it is (the type provider expects the object).
    return reply.type('application/json; charset=utf-8').send(body as never)
  })

  app.post('/users/', {
    config: { access: { permission: 'manage_users' }, hashes: true },
    schema: { tags, summary: 'Create a user (password optional; role_ids default to the customer role)', body: CreateUser, response: { 201: User, ...errorResponses(400, 401, 403, 503) } },
  }, async (req, reply) => {
    if (req.body.is_superuser && !principalOf(req).isSuperuser) throw permissionDenied()
    return reply.code(201).send(await createUser(ctx, req.organizationId, req.body, actorOf(req), principalOf(req)))
  })
}

/** /users/{id}/: read, replace, change, delete, restore, roles. */
function oneUserRoutes(app: App) {
  const { ctx } = app
  app.get('/users/:id/', {
    config: { access: { permission: ['view_users', 'manage_users'], orSelf: 'id' } },
    schema: { tags, summary: 'One user (view_users, manage_users, or oneself)', params: IdParams, response: { 200: User, ...errorResponses(401, 403, 404) } },
  }, async (req) => {
    const row = await findUserById(ctx.db, req.organizationId, req.params.id)
    if (!row) throw notFound()
    return loadUser(ctx.db, row)
  })

  app.put('/users/:id/', {
    config: { access: { permission: 'manage_users', orSelf: 'id' } },
    schema: { tags, summary: 'Replace a user (manage_users, or oneself without the flags); omitted names and profile are cleared', params: IdParams, body: ReplaceUser, response: { 200: User, ...errorResponses(400, 401, 403, 404) } },
  }, async (req) => changeUser(req, ctx, req.params.id, { first_name: '', last_name: '', phone_number: '', profile: {}, ...req.body }))

  app.patch('/users/:id/', {
    config: { access: { permission: 'manage_users', orSelf: 'id' } },
    schema: { tags, summary: 'Change some fields of a user (manage_users, or oneself without the flags); is_active false signs them out', params: IdParams, body: UpdateUser, response: { 200: User, ...errorResponses(400, 401, 403, 404) } },
  }, async (req) => changeUser(req, ctx, req.params.id, req.body))

  app.delete('/users/:id/', {
    config: { access: { permission: 'manage_users' } },
    schema: { tags, summary: 'Delete a user (soft); ends their sessions and keys at once', params: IdParams, response: { 204: NoContent, ...errorResponses(401, 403, 404) } },
  }, async (req, reply) => {
    const target = await findUserById(ctx.db, req.organizationId, req.params.id)
    if (!target) throw notFound()
    await guardAccount(ctx.db, req, target)
    await softDeleteUser(ctx, req.organizationId, req.params.id, actorOf(req))
    return reply.code(204).send(null)
  })

  app.post('/users/:id/restore/', {
    config: { access: { permission: 'manage_users' } },
    schema: { tags, summary: 'Restore a deleted user (409 if a live user took the username or email)', params: IdParams, response: { 200: User, ...errorResponses(401, 403, 404, 409) } },
  }, async (req) => {
    const gone = await findDeletedUser(ctx.db, req.organizationId, req.params.id)
    if (gone) await guardAccount(ctx.db, req, gone)
    return undeleteUser(ctx, req.organizationId, req.params.id, actorOf(req))
  })

  app.put('/users/:id/roles/', {
    config: { access: { permission: 'manage_user_roles' } },
    schema: { tags, summary: "Replace a user's roles", params: IdParams, body: UserRolesBody, response: { 200: User, ...errorResponses(400, 401, 403, 404) } },
  }, async (req) => setUserRoles(ctx, req.organizationId, req.params.id, req.body.role_ids, actorOf(req), principalOf(req)))
}
