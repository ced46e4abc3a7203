import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { notFound } from '../../lib/errors'
import { errorResponses, Uuid } from '../../lib/schemas'
import { named } from '../../lib/schema-names'
import { principalOf } from '../../plugins/auth'
import { findOrganizationById } from '../organizations/organizations.repository'

const MyAccess = named('MyAccess', Type.Object({
  is_superuser: Type.Boolean({ description: 'Superusers pass every permission check, in any organization (X-Organization).' }),
  roles: Type.Array(Type.String(), { description: 'Names of my live roles in my organization.' }),
  permissions: Type.Array(Type.String(), { description: 'Codenames my roles grant, sorted (what the API checks on each request).' }),
  organization: Type.Object({ id: Uuid, slug: Type.String(), name: Type.String() }, { description: 'My own organization.' }),
}))

/**
 * What the signed-in user may do, as the API decides it now (the access token's `perms`
 * claim may be minutes old): consoles hide or disable what the server would refuse.
 * Informative only; every endpoint still checks its own permission.
 */
export const accessRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/auth/me/access/', {
    config: { access: 'user' },
    schema: { tags: ['auth'], summary: 'My roles, permission codenames, superuser flag and organization', response: { 200: MyAccess, ...errorResponses(401, 403) } },
  }, async (req) => {
    const p = principalOf(req)
    const org = await findOrganizationById(app.ctx.db, p.organizationId)
    if (!org) throw notFound()
    return { is_superuser: p.isSuperuser, roles: [...p.roles].sort(), permissions: [...p.permissions].sort(), organization: { id: org.id, slug: org.slug, name: org.name } }
  })
}
