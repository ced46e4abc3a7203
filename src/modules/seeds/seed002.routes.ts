import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type, type TSchema } from 'typebox'
import type { BuiltinPermission } from '../../lib/permissions'
import { errorResponses, IdParams, NoContent } from '../../lib/schemas'
import { AuthResult, PendingVerification } from '../sessions/sessions.schemas'
import { CreatePermission, Permission } from '../permissions/permissions.schemas'
import { CreateRole, Role } from '../roles/roles.schemas'
import { CreateUserRole, UserRole } from '../user-roles/user-roles.schemas'
import { CreateUser, RegisterBody, ReplaceUser, User } from '../users/users.schemas'
import { forward, forwardList, relay } from './forward'
import { seedTag, via } from './tags'

/** Seed 002 (RBAC API, base URL `/api`): each route declares the permission its README names. */
const tags = seedTag('002')

interface Collection {
  /** `users` → `/api/users/` here and `/api/v1/users/` canonically. */
  name: string
  item: TSchema
  create: TSchema
  /** DRF PUT: the create's required fields again, omitted optional ones unchanged (the canonical PATCH). Absent: no PUT. */
  replace?: TSchema
  view: BuiltinPermission[]
  manage: BuiltinPermission
}

/** List (a plain array, as the README shows), create, retrieve, update, delete: each one canonical route. */
function collection(app: FastifyInstance, c: Collection) {
  const list = `/api/${c.name}/`
  const one = `/api/${c.name}/:id/`
  const canonical = `/api/v1/${c.name}/`
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  r.get(list, {
    config: { access: { permission: c.view } },
    schema: { tags, summary: via(`Every ${c.name} entry, as an array (${c.view.join(' or ')})`, `GET ${canonical}`), response: { 200: Type.Array(c.item), ...errorResponses(401, 403) } },
  }, async (req, reply) => forwardList(app, req, reply, canonical))
  r.post(list, {
    config: { access: { permission: c.manage } },
    schema: { tags, summary: via(`Create (${c.manage})`, `POST ${canonical}`), body: c.create, response: { 201: c.item, ...errorResponses(400, 401, 403) } },
  }, async (req, reply) => relay(reply, await forward(app, req, 'POST', canonical, req.body)))
  r.get(one, {
    config: { access: { permission: c.view } },
    schema: { tags, summary: via(`One (${c.view.join(' or ')})`, `GET ${canonical}{id}/`), params: IdParams, response: { 200: c.item, ...errorResponses(401, 403, 404) } },
  }, async (req, reply) => relay(reply, await forward(app, req, 'GET', `${canonical}${req.params.id}/`)))
  if (c.replace) {
    r.put(one, {
      config: { access: { permission: c.manage } },
      schema: { tags, summary: via(`Update; omitted optional fields keep their values (${c.manage})`, `PATCH ${canonical}{id}/`), params: IdParams, body: c.replace, response: { 200: c.item, ...errorResponses(400, 401, 403, 404) } },
    }, async (req, reply) => relay(reply, await forward(app, req, 'PATCH', `${canonical}${req.params.id}/`, req.body)))
  }
  r.delete(one, {
    config: { access: { permission: c.manage } },
    schema: { tags, summary: via(`Delete (soft; ${c.manage})`, `DELETE ${canonical}{id}/`), params: IdParams, response: { 204: NoContent, ...errorResponses(401, 403, 404) } },
  }, async (req, reply) => relay(reply, await forward(app, req, 'DELETE', `${canonical}${req.params.id}/`)))
}

export const seed002Routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/api/auth/register/', {
    config: { access: 'public' },
    schema: { tags, summary: via('Register and sign in → {access, refresh, user}', 'POST /api/v1/auth/register/'), security: [], body: RegisterBody, response: { 201: Type.Union([AuthResult, PendingVerification]), ...errorResponses(400, 403, 404, 429) } },
  }, async (req, reply) => relay(reply, await forward(app, req, 'POST', '/api/v1/auth/register/', req.body)))

  collection(app, { name: 'users', item: User, create: CreateUser, replace: ReplaceUser, view: ['manage_users', 'view_users'], manage: 'manage_users' })
  collection(app, { name: 'roles', item: Role, create: CreateRole, replace: CreateRole, view: ['manage_roles', 'view_roles'], manage: 'manage_roles' })
  collection(app, { name: 'permissions', item: Permission, create: CreatePermission, replace: CreatePermission, view: ['manage_permissions'], manage: 'manage_permissions' })
  collection(app, { name: 'user-roles', item: UserRole, create: CreateUserRole, view: ['manage_user_roles'], manage: 'manage_user_roles' })
}
