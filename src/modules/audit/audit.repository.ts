import { and, eq, gte, lt } from 'drizzle-orm'
import type { Executor } from '../../db'
import { auditEvents } from '../../db/schema'
import { newId } from '../../lib/ids'
import { storableJson } from '../../lib/json-input'
import { withKeyset, type PageRequest } from '../../lib/pagination'
import type { AuditAction } from './audit-actions'
import type { AuditEvent } from './audit.schemas'

export interface Actor { actorType: 'user' | 'developer' | 'anonymous' | 'system'; actorId: string | null; ip: string; userAgent: string }

export interface AuditInput {
  organizationId: string | null
  action: AuditAction
  targetType?: string
  targetId?: string | null
  metadata?: Record<string, unknown>
}

/**
 * Events of one actor in one statement, inside the transaction of the change they record,
 * so the log never disagrees with the data. Services record events through `write`
 * (src/write.ts), which calls this.
 */
export async function insertAuditEvents(exec: Executor, actor: Actor, events: AuditInput[]): Promise<void> {
  if (events.length === 0) return
  await exec.insert(auditEvents).values(events.map((event) => ({
    id: newId(),
    organizationId: event.organizationId,
    actorType: actor.actorType,
    actorId: actor.actorId,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    ip: actor.ip,
    userAgent: actor.userAgent.slice(0, 512),
    // Metadata may echo input (a login name): it is made storable, so no string loses the event.
    metadata: storableJson(event.metadata ?? {}),
  })))
}

export const systemActor: Actor = { actorType: 'system', actorId: null, ip: '', userAgent: '' }

export type AuditEventRow = typeof auditEvents.$inferSelect

export interface AuditFilters {
  action?: string
  actorId?: string
  targetId?: string
  targetType?: string
  createdAfter?: Date
  createdBefore?: Date
}

/** Smallest UUIDv7 of a millisecond: ids are time-ordered, so a time bound becomes an index range on id. */
const uuidv7Floor = (ms: number): string => {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0').slice(-12)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-000000000000`
}
/** Ids come from the application clock, created_at from the database's: allow this much skew between them. */
const CLOCK_SLACK_MS = 60_000

export async function listAuditEvents(exec: Executor, organizationId: string, page: PageRequest, f: AuditFilters): Promise<AuditEventRow[]> {
  const q = withKeyset(page, auditEvents.id,
    eq(auditEvents.organizationId, organizationId),
    f.action !== undefined ? eq(auditEvents.action, f.action) : undefined,
    f.actorId ? eq(auditEvents.actorId, f.actorId) : undefined,
    f.targetId ? eq(auditEvents.targetId, f.targetId) : undefined,
    f.targetType !== undefined ? eq(auditEvents.targetType, f.targetType) : undefined,
    f.createdAfter ? and(gte(auditEvents.createdAt, f.createdAfter), gte(auditEvents.id, uuidv7Floor(f.createdAfter.getTime() - CLOCK_SLACK_MS))) : undefined,
    f.createdBefore ? and(lt(auditEvents.createdAt, f.createdBefore), lt(auditEvents.id, uuidv7Floor(f.createdBefore.getTime() + CLOCK_SLACK_MS))) : undefined,
  )
  return exec.select().from(auditEvents).where(q.where).orderBy(...q.orderBy).limit(q.limit)
}

export const toAuditEvent = (r: AuditEventRow): AuditEvent => ({
  id: r.id,
  organization: r.organizationId,
  actor_type: r.actorType,
  actor_id: r.actorId,
  action: r.action,
  target_type: r.targetType,
  target_id: r.targetId,
  ip: r.ip,
  user_agent: r.userAgent,
  metadata: r.metadata,
  created_at: r.createdAt.toISOString(),
})
