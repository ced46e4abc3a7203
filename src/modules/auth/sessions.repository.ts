import { and, eq, isNull, ne, sql } from 'drizzle-orm'
import { preparedPerDb, type Db, type Executor } from '../../db'
import { organizations, refreshTokens, sessions, users } from '../../db/schema'
import { newId } from '../../lib/ids'

export type SessionRow = typeof sessions.$inferSelect

export async function insertSession(exec: Executor, s: { organizationId: string; userId: string; userAgent: string; ip: string; expiresAt: Date }): Promise<SessionRow> {
  const [row] = await exec.insert(sessions).values({ id: newId(), ...s, userAgent: s.userAgent.slice(0, 512) }).returning()
  return row
}

export async function insertRefreshToken(exec: Executor, sessionId: string, tokenHash: string, expiresAt: Date): Promise<void> {
  await exec.insert(refreshTokens).values({ id: newId(), sessionId, tokenHash, expiresAt })
}

const refreshTokenQuery = preparedPerDb((db) => db.select({
  token: refreshTokens,
  session: sessions,
  ownerLive: sql<boolean>`(${users.isActive} AND ${users.deletedAt} IS NULL AND ${organizations.deletedAt} IS NULL)`,
}).from(refreshTokens)
  .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
  .innerJoin(users, eq(users.id, sessions.userId))
  .innerJoin(organizations, eq(organizations.id, sessions.organizationId))
  .where(eq(refreshTokens.tokenHash, sql.placeholder('hash'))).limit(1)
  .prepare('find_refresh_token'))

/** A refresh token with its session, and whether the session's user and organization are live — one query. */
export async function findRefreshToken(db: Db, tokenHash: string) {
  const [row] = await refreshTokenQuery(db).execute({ hash: tokenHash })
  return row
}

/**
 * Rotation in one statement (atomic without a transaction round trip): marks the token
 * used only if nobody did first, issues its successor and slides the session's expiry.
 * False when a concurrent request won the race.
 */
export async function rotateRefreshToken(exec: Executor, tokenId: string, nextHash: string, expiresAt: Date): Promise<boolean> {
  const result = await exec.execute(sql`
    WITH rotated AS (
      UPDATE ${refreshTokens} SET rotated_at = now() WHERE id = ${tokenId} AND rotated_at IS NULL RETURNING session_id
    ), issued AS (
      INSERT INTO ${refreshTokens} (id, session_id, token_hash, expires_at)
      SELECT ${newId()}, session_id, ${nextHash}, ${expiresAt.toISOString()}::timestamptz FROM rotated RETURNING 1
    ), touched AS (
      UPDATE ${sessions} SET last_used_at = now(), expires_at = ${expiresAt.toISOString()}::timestamptz WHERE id IN (SELECT session_id FROM rotated) RETURNING 1
    )
    SELECT count(*)::int AS rotated FROM rotated`)
  return Number((result as unknown as { rows: { rotated: number }[] }).rows[0].rotated) === 1
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
