import { and, eq, isNull, ne, sql } from 'drizzle-orm'
import { executePrepared, preparedPerDb, type Db, type Executor } from '../../db'
import { organizations, refreshTokens, sessions, users } from '../../db/schema'
import { newId } from '../../lib/ids'
import { storableJson } from '../../lib/json-input'
import { userViewWithRoles } from '../users/users.repository'
import type { User } from '../users/users.schemas'
import type { Actor } from '../audit/audit.repository'
import { toAccess, type Access } from './principal'

export type SessionRow = typeof sessions.$inferSelect

export async function insertSession(exec: Executor, s: { organizationId: string; userId: string; userAgent: string; ip: string; expiresAt: Date }): Promise<SessionRow> {
  const [row] = await exec.insert(sessions).values({ id: newId(), ...s, userAgent: s.userAgent.slice(0, 512) }).returning()
  return row
}

export async function insertRefreshToken(exec: Executor, sessionId: string, tokenHash: string, expiresAt: Date): Promise<void> {
  await exec.insert(refreshTokens).values({ id: newId(), sessionId, tokenHash, expiresAt })
}

export interface LoginSessionInput {
  organizationId: string
  userId: string
  actor: Actor
  sessionId: string
  refreshHash: string
  expiresAt: Date
  /** A new hash of the password just verified, when the stored one has outdated parameters. */
  rehash?: string
}

/**
 * A sign-in's writes and reads in one statement, one round trip (was eight: BEGIN, the
 * last_login update, the session, its refresh token, the audit event, COMMIT, the roles
 * for the token, the user view): the event-loop cost of a successful login is mostly
 * round trips, and under a login flood it is what the rest of the API loses. A single
 * statement is atomic, so the session, its token and its audit event are written together
 * or not at all. Answers the user as the API shows it (after the update) and the access
 * the token carries. Every insert reads from `updated`, so a user deleted or deactivated
 * between the password check and this statement gets no session, token or event: no row.
 */
export async function openLoginSession(db: Db, s: LoginSessionInput): Promise<{ user: User; access: Access } | undefined> {
  const now = new Date().toISOString()
  const expires = s.expiresAt.toISOString()
  const userAgent = s.actor.userAgent.slice(0, 512)
  const metadata = JSON.stringify(storableJson(s.rehash ? { rehashed: true } : {}))
  const [row] = await executePrepared<{ user: User; access: { role: string; perm: string | null }[] }>(db, sql`WITH updated AS (
      UPDATE users SET last_login = ${now}::timestamptz, updated_at = ${now}::timestamptz, password_hash = coalesce(${s.rehash ?? null}::text, password_hash)
      WHERE organization_id = ${s.organizationId}::uuid AND id = ${s.userId}::uuid AND deleted_at IS NULL AND is_active
      RETURNING *
    ), session AS (
      INSERT INTO sessions (id, organization_id, user_id, user_agent, ip, expires_at)
      SELECT ${s.sessionId}::uuid, updated.organization_id, updated.id, ${userAgent}, ${s.actor.ip}, ${expires}::timestamptz FROM updated
      RETURNING id
    ), token AS (
      INSERT INTO refresh_tokens (id, session_id, token_hash, expires_at)
      SELECT ${newId()}::uuid, session.id, ${s.refreshHash}, ${expires}::timestamptz FROM session
    ), audit AS (
      INSERT INTO audit_events (id, organization_id, actor_type, actor_id, action, target_type, target_id, ip, user_agent, metadata)
      SELECT ${newId()}::uuid, updated.organization_id, 'user', updated.id, 'login', 'session', ${s.sessionId}::uuid, ${s.actor.ip}, ${userAgent}, ${metadata}::jsonb FROM updated
    )
    SELECT ${userViewWithRoles} AS user, coalesce((
      SELECT json_agg(json_build_object('role', r.name, 'perm', p.codename))
      FROM user_roles ur JOIN roles r ON r.id = ur.role_id AND r.deleted_at IS NULL
      LEFT JOIN role_permissions rp ON rp.role_id = r.id
      LEFT JOIN permissions p ON p.id = rp.permission_id AND p.deleted_at IS NULL
      WHERE ur.user_id = users.id AND r.organization_id = users.organization_id), '[]'::json) AS access
    FROM updated AS users`)
  return row && { user: row.user, access: toAccess(row.access) }
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
