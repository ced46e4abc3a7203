import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { notFound } from '../../lib/errors'
import { errorResponses } from '../../lib/schemas'
import { named } from '../../lib/schema-names'
import { findOrganizationById } from './organizations.repository'

const PublicOrganization = named('PublicOrganization', Type.Object({
  name: Type.String({ description: 'The display name, for sign-in forms and the hosted pages.' }),
  slug: Type.String({ description: 'What to send as `X-Organization`.' }),
}))

/**
 * The name of the organization in `X-Organization` (or `default`), without credentials:
 * the hosted pages and a shop's own sign-in form show it. Only the name and slug — both
 * already visible to anyone who can register or sign in there.
 */
export const organizationPublicRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/auth/organization/', {
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: 'The name and slug of the organization in X-Organization (no credentials)', security: [], response: { 200: PublicOrganization, ...errorResponses(404) } },
  }, async (req) => {
    const row = await findOrganizationById(app.ctx.db, req.organizationId)
    if (!row) throw notFound()
    return { name: row.name, slug: row.slug }
  })
}
