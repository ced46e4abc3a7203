import { and, eq, gt, isNull, sql } from 'drizzle-orm'
import type { AppContext } from '../../context'
import { sessions } from '../../db/schema'
import { tags } from '../../lib/cache-tags'
import { keyset, type PageRequest } from '../../lib/pagination'
import { write } from '../../write'
import type { Actor } from '../audit/audit.repository'
import type { Principal } from './principal'
import { revokeSession } from './sessions.repository'

const live = (userId: string) => and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`))

export async function listOwnSessions(ctx: AppContext, p: Principal, page: PageRequest) {
  const k = keyset(page, sessions.id)
  const rows = await ctx.db.select().from(sessions).where(and(live(p.id), k.where)).orderBy(...k.orderBy).limit(page.limit + 1)
  return rows.map((s) => sessionView(s, p))
}

/** One of the caller's live sessions; undefined when it is someone else's (404, no existence leak) or ended. */
export async function getOwnSession(ctx: AppContext, p: Principal, sessionId: string) {
  const [row] = await ctx.db.select().from(sessions).where(and(eq(sessions.id, sessionId), live(p.id))).limit(1)
  return row && sessionView(row, p)
}

function sessionView(s: typeof sessions.$inferSelect, p: Principal) {
  return {
    id: s.id, user_agent: s.userAgent, ip: s.ip,
    created_at: s.createdAt.toISOString(), last_used_at: s.lastUsedAt.toISOString(), expires_at: s.expiresAt.toISOString(),
    current: s.id === p.sessionId,
  }
}

/** Ends one of the caller's sessions; false when it is not theirs (404, no existence leak) or already ended. */
export async function endOwnSession(ctx: AppContext, p: Principal, sessionId: string, actor: Actor): Promise<boolean> {
  return write(ctx, async (tx, w) => {
    const [own] = await tx.select({ id: sessions.id }).from(sessions).where(and(eq(sessions.id, sessionId), live(p.id))).limit(1)
    if (!own || !(await revokeSession(tx, sessionId, 'ended_by_user'))) return false
    w.audit(actor, { organizationId: p.organizationId, action: 'session.ended', targetType: 'session', targetId: sessionId })
    w.invalidate(tags.session(sessionId))
    return true
  })
}
