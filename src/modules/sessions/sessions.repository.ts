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

export interface Rotation {
  rotated: boolean
  sessionId: string
  organizationId: string
  userId: string
  ownerLive: boolean
  rotatedAt: Date | null
  tokenExpiresAt: Date
  sessionRevokedAt: Date | null
  sessionExpiresAt: Date
}

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string))

/** The rotation as a named prepared statement: parsed and planned once per connection, not per refresh. */
const rotateQuery = preparedPerDb((db) => db.select({
  rotated: sql<boolean>`rotated`,
  sessionId: sql<string>`session_id`,
  organizationId: sql<string>`organization_id`,
  userId: sql<string>`user_id`,
  ownerLive: sql<boolean>`owner_live`,
  rotatedAt: sql<string | null>`rotated_at`,
  tokenExpiresAt: sql<string>`token_expires_at`,
  sessionRevokedAt: sql<string | null>`session_revoked_at`,
  sessionExpiresAt: sql<string>`session_expires_at`,
}).from(sql`commercecore_rotate_refresh(${sql.placeholder('hash')}, ${sql.placeholder('nextId')}::uuid, ${sql.placeholder('nextHash')}, ${sql.placeholder('expiresAt')}::timestamptz)`)
  .prepare('rotate_refresh'))

/**
 * Rotation in one round trip (`commercecore_rotate_refresh`, see its migration): looks the
 * token up and, when it is live and unused, marks it used, issues the successor and slides
 * the session. Undefined when no such token exists; `rotated: false` tells the caller to
 * judge a re-presentation (reuse, a lost race or a retry in the grace window).
 */
export async function rotateRefreshToken(db: Db, tokenHash: string, nextHash: string, expiresAt: Date): Promise<Rotation | undefined> {
  const [row] = await rotateQuery(db).execute({ hash: tokenHash, nextId: newId(), nextHash, expiresAt: expiresAt.toISOString() })
  if (!row) return undefined
  return {
    ...row,
    rotated: row.rotated === true,
    ownerLive: row.ownerLive === true,
    rotatedAt: date(row.rotatedAt),
    tokenExpiresAt: date(row.tokenExpiresAt) as Date,
    sessionRevokedAt: date(row.sessionRevokedAt),
    sessionExpiresAt: date(row.sessionExpiresAt) as Date,
  }
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

/** Ends every live session of an organization (its deletion); returns how many. */
export async function revokeOrganizationSessions(exec: Executor, organizationId: string, reason: string): Promise<number> {
  const rows = await exec.update(sessions).set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(eq(sessions.organizationId, organizationId), isNull(sessions.revokedAt))).returning({ id: sessions.id })
  return rows.length
}
