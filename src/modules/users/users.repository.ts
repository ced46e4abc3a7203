import { and, eq, exists, isNotNull, isNull, notInArray, sql, type SQL } from 'drizzle-orm'
import { executePrepared, preparedPerDb, type Db, type Executor } from '../../db'
import { organizations, roles, userRoles, users } from '../../db/schema'
import { newId } from '../../lib/ids'
import { orderExpr, timestampCursor } from '../../lib/listing'
import { withKeyset, type PageRequest } from '../../lib/pagination'
import { containsAny, readSearchedPage, stepSource } from '../../lib/search'
import { findRoleRefsOf } from '../roles/roles.repository'
import type { User } from './users.schemas'

export type UserRow = typeof users.$inferSelect
export type NewUserRow = Omit<typeof users.$inferInsert, 'id' | 'organizationId'>

export async function findUserById(exec: Executor, organizationId: string, id: string): Promise<UserRow | undefined> {
  const [row] = await exec.select().from(users).where(and(eq(users.organizationId, organizationId), eq(users.id, id), isNull(users.deletedAt))).limit(1)
  return row
}

const loginQuery = (column: 'username' | 'email') => preparedPerDb((db) => db
  .select({ user: users, requireEmailVerification: sql<boolean | null>`${organizations.requireEmailVerification}` })
  .from(users)
  .leftJoin(organizations, and(eq(organizations.id, users.organizationId), isNull(organizations.deletedAt)))
  .where(and(eq(users.organizationId, sql.placeholder('org')), sql`lower(${users[column]}) = ${sql.placeholder('login')}`, isNull(users.deletedAt)))
  .limit(1)
  .prepare(`find_user_by_${column}`))
const loginQueries = { username: loginQuery('username'), email: loginQuery('email') }

/**
 * Login accepts a username or an email, both case-insensitively. One prepared statement
 * (a sign-in is a hot path under a flood), which also says whether the organization
 * requires a verified email before sign-in.
 */
export async function findUserByLogin(db: Db, organizationId: string, login: string): Promise<{ user: UserRow; requireEmailVerification: boolean } | undefined> {
  const value = login.trim().toLowerCase()
  const [row] = await loginQueries[value.includes('@') ? 'email' : 'username'](db).execute({ org: organizationId, login: value })
  return row && { user: row.user, requireEmailVerification: row.requireEmailVerification === true }
}

export async function findUserByEmail(exec: Executor, organizationId: string, email: string): Promise<UserRow | undefined> {
  const [row] = await exec.select().from(users)
    .where(and(eq(users.organizationId, organizationId), sql`lower(${users.email}) = ${email.trim().toLowerCase()}`, isNull(users.deletedAt))).limit(1)
  return row
}

/** Which of username/email are already taken by a live user (other than `exceptId`). */
export async function findTakenIdentity(exec: Executor, organizationId: string, identity: { username?: string; email?: string }, exceptId?: string) {
  const taken: { username?: true; email?: true } = {}
  const rows = await exec.select({ id: users.id, username: users.username, email: users.email }).from(users).where(and(
    eq(users.organizationId, organizationId),
    isNull(users.deletedAt),
    sql`(lower(${users.username}) = ${identity.username?.toLowerCase() ?? null} OR lower(${users.email}) = ${identity.email?.toLowerCase() ?? null})`,
  ))
  for (const r of rows) {
    if (r.id === exceptId) continue
    if (identity.username && r.username.toLowerCase() === identity.username.toLowerCase()) taken.username = true
    if (identity.email && r.email.toLowerCase() === identity.email.toLowerCase()) taken.email = true
  }
  return taken
}

export async function insertUser(exec: Executor, organizationId: string, input: NewUserRow): Promise<UserRow> {
  const [row] = await exec.insert(users).values({ ...input, id: newId(), organizationId }).returning()
  return row
}

/** Many at once (import-django's batches); the rows come back in the order given. */
export async function insertUsers(exec: Executor, organizationId: string, inputs: NewUserRow[]): Promise<UserRow[]> {
  if (inputs.length === 0) return []
  const values = inputs.map((input) => ({ ...input, id: newId(), organizationId }))
  const byId = new Map((await exec.insert(users).values(values).returning()).map((row) => [row.id, row]))
  return values.map((v) => byId.get(v.id) as UserRow)
}

export async function updateUser(exec: Executor, organizationId: string, id: string, changes: Partial<NewUserRow>): Promise<UserRow | undefined> {
  const [row] = await exec.update(users).set({ ...changes, updatedAt: new Date() })
    .where(and(eq(users.organizationId, organizationId), eq(users.id, id), isNull(users.deletedAt))).returning()
  return row
}

export async function assignRoles(exec: Executor, organizationId: string, userId: string, roleIds: string[]): Promise<void> {
  await assignRolesToUsers(exec, organizationId, [{ userId, roleIds }])
}

export async function assignRolesToUsers(exec: Executor, organizationId: string, grants: Array<{ userId: string; roleIds: string[] }>): Promise<void> {
  const links = grants.flatMap(({ userId, roleIds }) => roleIds.map((roleId) => ({ id: newId(), organizationId, userId, roleId })))
  if (links.length === 0) return
  await exec.insert(userRoles).values(links).onConflictDoNothing()
}

/** Live roles of each user, as `{id, name}` refs. */
const findRoleRefs = (exec: Executor, organizationId: string, userIds: string[]) => findRoleRefsOf(exec, organizationId, 'user', userIds)

function toUser(row: UserRow, roleRefs: { id: string; name: string }[]): User {
  return {
    id: row.id,
    organization: row.organizationId,
    username: row.username,
    email: row.email,
    first_name: row.firstName,
    last_name: row.lastName,
    phone_number: row.phoneNumber,
    is_active: row.isActive,
    is_superuser: row.isSuperuser,
    email_verified: row.emailVerified,
    mfa_enabled: row.mfaEnabled,
    profile: row.profile,
    roles: roleRefs,
    date_joined: row.dateJoined.toISOString(),
    last_login: row.lastLogin?.toISOString() ?? null,
    updated_at: row.updatedAt.toISOString(),
  }
}

/** Role refs of the row's user as one JSON column, so a user and its roles come back in one query. */
const roleRefsJson = sql<{ id: string; name: string }[]>`coalesce((
  SELECT json_agg(json_build_object('id', r.id, 'name', r.name) ORDER BY r.name)
  FROM ${userRoles} ur JOIN ${roles} r ON r.id = ur.role_id AND r.deleted_at IS NULL
  WHERE ur.user_id = "users"."id"), '[]'::json)`

const userViewQuery = preparedPerDb((db) => db.select({ user: users, roles: roleRefsJson }).from(users)
  .where(and(eq(users.organizationId, sql.placeholder('org')), eq(users.id, sql.placeholder('id')), isNull(users.deletedAt))).limit(1)
  .prepare('find_user_view'))

/** A live user with its roles, as the API shows it, in one round trip (GET /auth/me/ is a hot path). */
export async function findUserView(db: Db, organizationId: string, id: string): Promise<User | undefined> {
  const [row] = await userViewQuery(db).execute({ org: organizationId, id })
  return row && toUser(row.user, row.roles)
}

export async function loadUser(exec: Executor, row: UserRow): Promise<User> {
  const refs = await findRoleRefs(exec, row.organizationId, [row.id])
  return toUser(row, refs.get(row.id) ?? [])
}

/** `?ordering=` fields of /users/: each is the key of an index on live users, so every page is a range scan. */
export const userOrderings = {
  username: orderExpr(sql`lower(${users.username})`),
  email: orderExpr(sql`lower(${users.email})`),
  date_joined: users.dateJoined,
}
const cursorOf: Record<keyof typeof userOrderings, SQL<string>> = {
  username: sql<string>`lower(${users.username})`,
  email: sql<string>`lower(${users.email})`,
  date_joined: timestampCursor(users.dateJoined),
}

/** What `?search=` looks in: the columns of the `users_search` index, in its order. */
export const userSearchColumns = [users.username, users.email, users.firstName, users.lastName]

/** `deleted`: the soft-deleted users instead of the live ones (to find one to restore). */
export interface UserFilters { search?: string; isActive?: boolean; roleId?: string; deleted?: boolean }

/**
 * `toISOString()`'s text of a timestamp, made by PostgreSQL: milliseconds truncated, as a
 * JavaScript Date truncates the microseconds it is given.
 */
const isoText = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
/**
 * A user as the API shows it (no password hash, no TOTP secret), built by PostgreSQL as
 * one JSON value per row: the driver then parses one field per row (JSON.parse) instead
 * of eighteen, and no Date is made per cell. The response schema still serializes it.
 */
const userViewJson = sql.raw(`json_build_object(
  'id', users.id, 'organization', users.organization_id, 'username', users.username, 'email', users.email,
  'first_name', users.first_name, 'last_name', users.last_name, 'phone_number', users.phone_number,
  'is_active', users.is_active, 'is_superuser', users.is_superuser, 'email_verified', users.email_verified, 'mfa_enabled', users.mfa_enabled,
  'profile', users.profile, 'date_joined', ${isoText('users.date_joined')}, 'last_login', ${isoText('users.last_login')}, 'updated_at', ${isoText('users.updated_at')},
  'roles', `)
/** A live user as the API shows it, roles included, as one JSON value of a row of `users`. */
export const userViewWithRoles = sql<User>`${userViewJson}${roleRefsJson})`

/**
 * One page of live users with their roles, in one query; each with the exact value of
 * its ordering key, for the next cursor. Drizzle's per-cell row mapping, the driver's
 * per-field parsing and a Date per timestamp were the largest costs of GET /users/ (bench/list.ts).
 */
export async function listUsers(exec: Executor, organizationId: string, page: PageRequest, filters: UserFilters): Promise<{ id: string; user: User; cursor: string }[]> {
  const search = filters.search ? containsAny(userSearchColumns, filters.search) : undefined
  const q = withKeyset(page, users.id,
    eq(users.organizationId, organizationId),
    filters.deleted ? isNotNull(users.deletedAt) : isNull(users.deletedAt),
    filters.isActive === undefined ? undefined : eq(users.isActive, filters.isActive),
    filters.roleId
      ? exists(exec.select({ one: sql`1` }).from(userRoles).where(and(eq(userRoles.userId, users.id), eq(userRoles.roleId, filters.roleId))))
      : undefined,
  )
  const cursor = cursorOf[page.field as keyof typeof userOrderings]
  const rows = await readSearchedPage(page, search, (step) => {
    const source = stepSource(exec, users, step, q, search)
    const where = source.where ? sql` WHERE ${source.where}` : sql``
    return executePrepared<{ user: User; cursor: string }>(exec, sql`SELECT ${userViewWithRoles} AS user,
      ${cursor} AS cursor FROM ${source.from}${where} ORDER BY ${sql.join(q.orderBy, sql`, `)} LIMIT ${q.limit}`)
  })
  return rows.map((r) => ({ id: r.user.id, user: r.user, cursor: r.cursor }))
}

export async function findDeletedUser(exec: Executor, organizationId: string, id: string): Promise<UserRow | undefined> {
  const [row] = await exec.select().from(users).where(and(eq(users.organizationId, organizationId), eq(users.id, id), isNotNull(users.deletedAt))).limit(1)
  return row
}

export async function restoreUser(exec: Executor, organizationId: string, id: string): Promise<UserRow | undefined> {
  const [row] = await exec.update(users).set({ deletedAt: null, updatedAt: new Date() })
    .where(and(eq(users.organizationId, organizationId), eq(users.id, id), isNotNull(users.deletedAt))).returning()
  return row
}

/** Makes the user's role set exactly `roleIds` (assignments kept keep their id and date). */
export async function replaceUserRoles(exec: Executor, organizationId: string, userId: string, roleIds: string[]): Promise<void> {
  const ids = [...new Set(roleIds)]
  await exec.delete(userRoles).where(and(
    eq(userRoles.organizationId, organizationId), eq(userRoles.userId, userId), ids.length ? notInArray(userRoles.roleId, ids) : undefined,
  ))
  await assignRoles(exec, organizationId, userId, ids)
}
