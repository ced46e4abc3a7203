import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { auditEvents } from '../../db/schema'
import { pageRequest, toPage } from '../../lib/pagination'
import { errorResponses, Page } from '../../lib/schemas'
import { listAuditEvents, toAuditEvent } from './audit.repository'
import { AuditEvent, AuditListQuery } from './audit.schemas'

const tags = ['audit log']

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/audit-events/', {
    config: { access: { permission: 'view_audit_log' } },
    schema: { tags, summary: "The organization's audit log, newest first (filters action, actor, target, target_type, created_after, created_before)", querystring: AuditListQuery, response: { 200: Page(AuditEvent), ...errorResponses(400, 401, 403) } },
  }, async (req) => {
    const q = req.query
    const page = pageRequest(q, { created_at: auditEvents.id }, '-created_at')
    const rows = await listAuditEvents(app.ctx.db, req.organizationId, page, {
      action: q.action, actorId: q.actor, targetId: q.target, targetType: q.target_type,
      createdAfter: q.created_after ? new Date(q.created_after) : undefined,
      createdBefore: q.created_before ? new Date(q.created_before) : undefined,
    })
    return toPage(rows.map(toAuditEvent), page, req, (e) => e.id)
  })
}
