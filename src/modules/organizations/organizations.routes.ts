import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { organizations } from '../../db/schema'
import { notFound, permissionDenied } from '../../lib/errors'
import { checkCursorValue } from '../../lib/listing'
import { pageRequest, toPage } from '../../lib/pagination'
import { errorResponses, IdParams, NoContent, Page } from '../../lib/schemas'
import { actorOf, principalOf } from '../../plugins/auth'
import { findOrganizationById, listOrganizations, type OrganizationRow } from './organizations.repository'
import { CreateOrganization, Organization, OrganizationListQuery, UpdateOrganization } from './organizations.schemas'
import { changeOrganization, createOrganization, deleteOrganization, undeleteOrganization } from './organizations.service'

const tags = ['organizations']
const superuserOnly = { access: 'superuser' } as const
/** Superusers, or `manage_organization` on one's own organization (another one is 404). */
const manage = { access: { permission: 'manage_organization', ownOrganization: 'id' } } as const

const toOrganization = (r: OrganizationRow): Organization => ({
  id: r.id,
  name: r.name,
  slug: r.slug,
  allow_registration: r.allowRegistration,
  require_email_verification: r.requireEmailVerification,
  profile_schema: r.profileSchema ?? null,
  cors_allowed_origins: r.corsAllowedOrigins,
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
})

type App = Parameters<FastifyPluginAsyncTypebox>[0]

export const organizationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  collectionRoutes(app)
  oneOrganizationRoutes(app)
}

/** GET and POST /organizations/. */
function collectionRoutes(app: App) {
  app.get('/organizations/', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'List organizations: all for a superuser, otherwise one\'s own; ?deleted=true the deleted ones (superuser)', querystring: OrganizationListQuery, response: { 200: Page(Organization), ...errorResponses(400, 401, 403) } },
  }, async (req) => {
    const p = principalOf(req)
    if (req.query.deleted && !p.isSuperuser) throw permissionDenied()
    const page = pageRequest(req.query, { created_at: organizations.id, slug: organizations.slug }, 'slug')
    checkCursorValue(page, page.field === 'slug' ? 'text' : 'id')
    const rows = await listOrganizations(app.ctx.db, page, { search: req.query.search, deleted: req.query.deleted, onlyId: p.isSuperuser ? undefined : p.organizationId })
    return toPage(rows.map(toOrganization), page, req, (o) => o.slug)
  })

  app.post('/organizations/', {
    config: superuserOnly,
    schema: { tags, summary: 'Create an organization with its built-in permissions and default roles (superuser)', body: CreateOrganization, response: { 201: Organization, ...errorResponses(400, 401, 403) } },
  }, async (req, reply) => reply.code(201).send(toOrganization(await createOrganization(app.ctx, req.body, actorOf(req)))))
}

/** /organizations/{id}/: read, replace, change, delete, restore. */
function oneOrganizationRoutes(app: App) {
  app.get('/organizations/:id/', {
    config: manage,
    schema: { tags, summary: 'One organization', params: IdParams, response: { 200: Organization, ...errorResponses(401, 403, 404) } },
  }, async (req) => {
    const row = await findOrganizationById(app.ctx.db, req.params.id)
    if (!row) throw notFound()
    return toOrganization(row)
  })

  app.put('/organizations/:id/', {
    config: manage,
    schema: { tags, summary: 'Replace an organization (omitted flags take their defaults, profile_schema null, cors_allowed_origins empty)', params: IdParams, body: CreateOrganization, response: { 200: Organization, ...errorResponses(400, 401, 403, 404) } },
  }, async (req) => {
    const body = { allow_registration: true, require_email_verification: false, profile_schema: null, cors_allowed_origins: [], ...req.body }
    return toOrganization(await changeOrganization(app.ctx, req.params.id, body, actorOf(req)))
  })

  app.patch('/organizations/:id/', {
    config: manage,
    schema: { tags, summary: 'Change some fields of an organization', params: IdParams, body: UpdateOrganization, response: { 200: Organization, ...errorResponses(400, 401, 403, 404) } },
  }, async (req) => toOrganization(await changeOrganization(app.ctx, req.params.id, req.body, actorOf(req))))

  app.delete('/organizations/:id/', {
    config: manage,
    schema: { tags, summary: 'Delete an organization (soft); every token of its users and developers stops working', params: IdParams, response: { 204: NoContent, ...errorResponses(401, 403, 404, 409) } },
  }, async (req, reply) => {
    await deleteOrganization(app.ctx, req.params.id, actorOf(req))
    return reply.code(204).send(null)
  })

  app.post('/organizations/:id/restore/', {
    config: superuserOnly,
    schema: { tags, summary: 'Restore a deleted organization (superuser; 409 if its slug is taken again)', params: IdParams, response: { 200: Organization, ...errorResponses(401, 403, 404, 409) } },
  }, async (req) => toOrganization(await undeleteOrganization(app.ctx, req.params.id, actorOf(req))))
}
