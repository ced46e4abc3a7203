import { and, eq, isNull, ne, sql } from 'drizzle-orm'
import type { Executor } from '../../db'
import { refreshTokens, sessions } from '../../db/schema'
import { newId } from '../../lib/ids'

export type SessionRow = typeof sessions.$inferSelect

export async function insertSession(exec: Executor, s: { organizationId: string; userId: string; userAgent: string; ip: string; expiresAt: Date }): Promise<SessionRow> {
  const [row] = await exec.insert(sessions).values({ id: newId(), ...s, userAgent: s.userAgent.slice(0, 512) }).returning()
  return row
}

export async function insertRefreshToken(exec: Executor, sessionId: string, tokenHash: string, expiresAt: Date): Promise<void> {
  await exec.insert(refreshTokens).values({ id: newId(), sessionId, tokenHash, expiresAt })
}

export async function findRefreshToken(exec: Executor, tokenHash: string) {
  const [row] = await exec.select({ token: refreshTokens, session: sessions }).from(refreshTokens)
    .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
    .where(eq(refreshTokens.tokenHash, tokenHash)).limit(1)
  return row
}

/** Marks a refresh token used; false when a concurrent request rotated it first. */
export async function markRotated(exec: Executor, tokenId: string): Promise<boolean> {
  const rows = await exec.update(refreshTokens).set({ rotatedAt: new Date() })
    .where(and(eq(refreshTokens.id, tokenId), isNull(refreshTokens.rotatedAt))).returning({ id: refreshTokens.id })
  return rows.length === 1
}

export async function touchSession(exec: Executor, sessionId: string, expiresAt: Date): Promise<void> {
  await exec.update(sessions).set({ lastUsedAt: new Date(), expiresAt }).where(eq(sessions.id, sessionId))
}

export async function revokeSession(exec: Executor, sessionId: string, reason: string): Promise<boolean> {
  const rows = await exec.update(sessions).set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt))).returning({ id: sessions.id })
  return rows.length === 1
}

/** Ends every live session of a user, except `keep` when given; returns the ended ids. */
export async function revokeUserSessions(exec: Executor, userId: string, reason: string, keep?: string): Promise<string[]> {
  const rows = await exec.update(sessions).set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), keep ? ne(sessions.id, keep) : sql`true`))
    .returning({ id: sessions.id })
  return rows.map((r) => r.id)
}

export async function findLiveSessions(exec: Executor, userId: string): Promise<SessionRow[]> {
  return exec.select().from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), sql`${sessions.expiresAt} > now()`))
    .orderBy(sql`${sessions.lastUsedAt} DESC`)
}
