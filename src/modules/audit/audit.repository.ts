import type { Executor } from '../../db'
import { auditEvents } from '../../db/schema'
import { newId } from '../../lib/ids'

export interface Actor { actorType: 'user' | 'developer' | 'anonymous' | 'system'; actorId: string | null; ip: string; userAgent: string }

export interface AuditInput {
  organizationId: string | null
  action: string
  targetType?: string
  targetId?: string | null
  metadata?: Record<string, unknown>
}

/** Written inside the transaction of the change it records, so the log never disagrees with the data. */
export async function insertAuditEvent(exec: Executor, actor: Actor, event: AuditInput): Promise<void> {
  await exec.insert(auditEvents).values({
    id: newId(),
    organizationId: event.organizationId,
    actorType: actor.actorType,
    actorId: actor.actorId,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    ip: actor.ip,
    userAgent: actor.userAgent.slice(0, 512),
    metadata: event.metadata ?? {},
  })
}

export const systemActor: Actor = { actorType: 'system', actorId: null, ip: '', userAgent: '' }
