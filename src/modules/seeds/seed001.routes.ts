import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errorResponses, IdParams, NoContent, Uuid } from '../../lib/schemas'
import { RefreshBody } from '../sessions/sessions.schemas'
import { CreateRole } from '../roles/roles.schemas'
import { editableUserFields, RegisterBody, RoleRef, type User } from '../users/users.schemas'
import { forward, forwardList, relay } from './forward'
import { accessWithoutRotation } from './refresh'
import { registerWithoutSession } from './register'
import { seedTag, via } from './tags'

/** Seed 001 (Django user management): `/api/auth/…`. Groups are roles; "admin privileges" are the canonical codenames. */
const tags = seedTag('001')
const Group = Type.Object({ id: Uuid, name: Type.String() })
const GroupBody = Type.Object({ name: CreateRole.properties.name }, { additionalProperties: false })
const Registered = Type.Object({ id: Uuid, username: Type.String(), email: Type.String(), first_name: Type.String(), last_name: Type.String() })
const Profile = Type.Object({ ...Registered.properties, groups: Type.Array(RoleRef) })
const { username, email, first_name, last_name } = editableUserFields
/** DRF PUT: `username` must be sent; omitted optional fields keep their values (so it runs the canonical PATCH). */
const ProfileBody = Type.Object({ username, email: Type.Optional(email), first_name: Type.Optional(first_name), last_name: Type.Optional(last_name) }, { additionalProperties: false })
const AssignGroups = Type.Object({ group_ids: Type.Array(Uuid, { maxItems: 200, examples: [['01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e']] }) }, { additionalProperties: false })
const groupsAdmin = { access: { permission: 'manage_roles' } } as const

const toProfile = (u: User) => ({ ...u, groups: u.roles })

type App = Parameters<FastifyPluginAsyncTypebox>[0]

export const seed001Routes: FastifyPluginAsyncTypebox = async (app) => {
  userRoutes(app)
  groupRoutes(app)
}

/** Register, refresh, and the users' profiles and groups. */
function userRoutes(app: App) {
  app.post('/api/auth/users/register/', {
    config: { access: 'public' },
    schema: { tags, summary: via('Register (password2 must match)', 'POST /api/v1/auth/register/'), security: [], body: RegisterBody, response: { 201: Registered, ...errorResponses(400, 403, 404, 429) } },
  }, async (req, reply) => relay(reply, await registerWithoutSession(app, req, req.body), (b) => b.user))

  app.post('/api/auth/token/refresh/', {
    config: { access: 'public' },
    schema: { tags, summary: 'Refresh → {access}; the refresh token is not rotated here (simplejwt default), see docs/migrating-from-django.md', security: [], body: RefreshBody, response: { 200: Type.Object({ access: Type.String() }), ...errorResponses(400, 401) } },
  }, async (req, reply) => {
    const access = await accessWithoutRotation(app.ctx, req.body.refresh)
    if (access) return { access }
    return relay(reply, await forward(app, req, 'POST', '/api/v1/auth/token/refresh/', req.body), (b) => ({ access: b.access }))
  })

  app.get('/api/auth/users/:id/', {
    config: { access: { permission: ['view_users', 'manage_users'], orSelf: 'id' } },
    schema: { tags, summary: via('A user profile with groups (oneself, view_users or manage_users)', 'GET /api/v1/users/{id}/'), params: IdParams, response: { 200: Profile, ...errorResponses(401, 403, 404) } },
  }, async (req, reply) => relay(reply, await forward(app, req, 'GET', `/api/v1/users/${req.params.id}/`), toProfile))

  app.put('/api/auth/users/:id/', {
    config: { access: { permission: 'manage_users', orSelf: 'id' } },
    schema: { tags, summary: via('Update a profile (oneself or manage_users)', 'PATCH /api/v1/users/{id}/'), params: IdParams, body: ProfileBody, response: { 200: Profile, ...errorResponses(400, 401, 403, 404) } },
  }, async (req, reply) => relay(reply, await forward(app, req, 'PATCH', `/api/v1/users/${req.params.id}/`, req.body), toProfile))

  app.delete('/api/auth/users/:id/', {
    config: { access: { permission: 'manage_users' } },
    schema: { tags, summary: via('Delete a user (soft; admin: manage_users)', 'DELETE /api/v1/users/{id}/'), params: IdParams, response: { 204: NoContent, ...errorResponses(401, 403, 404) } },
  }, async (req, reply) => relay(reply, await forward(app, req, 'DELETE', `/api/v1/users/${req.params.id}/`)))

  app.post('/api/auth/users/:id/assign_groups/', {
    config: { access: { permission: 'manage_user_roles' } },
    schema: { tags, summary: via("Set a user's groups to exactly group_ids (manage_user_roles)", 'PUT /api/v1/users/{id}/roles/'), params: IdParams, body: AssignGroups, response: { 200: Profile, ...errorResponses(400, 401, 403, 404) } },
  }, async (req, reply) => relay(reply, await forward(app, req, 'PUT', `/api/v1/users/${req.params.id}/roles/`, { role_ids: req.body.group_ids }), toProfile, { role_ids: 'group_ids' }))
}

/** Groups: the roles under seed 001's names. */
function groupRoutes(app: App) {
  app.post('/api/auth/groups/', {
    config: groupsAdmin,
    schema: { tags, summary: via('Create a group (admin: manage_roles)', 'POST /api/v1/roles/'), body: GroupBody, response: { 201: Group, ...errorResponses(400, 401, 403) } },
  }, async (req, reply) => relay(reply, await forward(app, req, 'POST', '/api/v1/roles/', req.body)))

  app.get('/api/auth/groups/', {
    config: groupsAdmin,
    schema: { tags, summary: via('Every group, as an array (admin: manage_roles)', 'GET /api/v1/roles/'), response: { 200: Type.Array(Group), ...errorResponses(401, 403) } },
  }, async (req, reply) => forwardList(app, req, reply, '/api/v1/roles/'))

  app.get('/api/auth/groups/:id/', {
    config: groupsAdmin,
    schema: { tags, summary: via('One group (admin: manage_roles)', 'GET /api/v1/roles/{id}/'), params: IdParams, response: { 200: Group, ...errorResponses(401, 403, 404) } },
  }, async (req, reply) => relay(reply, await forward(app, req, 'GET', `/api/v1/roles/${req.params.id}/`)))

  app.put('/api/auth/groups/:id/', {
    config: groupsAdmin,
    schema: { tags, summary: via('Rename a group; its permissions stay (admin: manage_roles)', 'PATCH /api/v1/roles/{id}/'), params: IdParams, body: GroupBody, response: { 200: Group, ...errorResponses(400, 401, 403, 404) } },
  }, async (req, reply) => relay(reply, await forward(app, req, 'PATCH', `/api/v1/roles/${req.params.id}/`, req.body)))

  app.delete('/api/auth/groups/:id/', {
    config: groupsAdmin,
    schema: { tags, summary: via('Delete a group (soft; admin: manage_roles)', 'DELETE /api/v1/roles/{id}/'), params: IdParams, response: { 204: NoContent, ...errorResponses(401, 403, 404) } },
  }, async (req, reply) => relay(reply, await forward(app, req, 'DELETE', `/api/v1/roles/${req.params.id}/`)))
}
