import { and, eq, isNull } from 'drizzle-orm'
import type { Executor } from '../../db'
import { roles, userRoles, users } from '../../db/schema'
import { newId } from '../../lib/ids'
import { withKeyset, type PageRequest } from '../../lib/pagination'
import type { UserRole } from './user-roles.schemas'

export type UserRoleRow = typeof userRoles.$inferSelect

/** Assignments are visible while both their user and their role are live. */
const liveAssignments = (organizationId: string) => and(eq(userRoles.organizationId, organizationId), isNull(users.deletedAt), isNull(roles.deletedAt))

function selectAssignments(exec: Executor) {
  return exec.select({ assignment: userRoles }).from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
}

export async function findUserRoleById(exec: Executor, organizationId: string, id: string): Promise<UserRoleRow | undefined> {
  const [row] = await selectAssignments(exec).where(and(liveAssignments(organizationId), eq(userRoles.id, id))).limit(1)
  return row?.assignment
}

export async function listUserRoles(exec: Executor, organizationId: string, page: PageRequest, filters: { userId?: string; roleId?: string }): Promise<UserRoleRow[]> {
  const q = withKeyset(page, userRoles.id,
    liveAssignments(organizationId),
    filters.userId ? eq(userRoles.userId, filters.userId) : undefined,
    filters.roleId ? eq(userRoles.roleId, filters.roleId) : undefined,
  )
  const rows = await selectAssignments(exec).where(q.where).orderBy(...q.orderBy).limit(q.limit)
  return rows.map((r) => r.assignment)
}

/** Inserts the assignment; undefined when the user already holds the role. */
export async function insertUserRole(exec: Executor, organizationId: string, userId: string, roleId: string): Promise<UserRoleRow | undefined> {
  const [row] = await exec.insert(userRoles).values({ id: newId(), organizationId, userId, roleId }).onConflictDoNothing().returning()
  return row
}

export async function deleteUserRole(exec: Executor, organizationId: string, id: string): Promise<UserRoleRow | undefined> {
  const [row] = await exec.delete(userRoles).where(and(eq(userRoles.organizationId, organizationId), eq(userRoles.id, id))).returning()
  return row
}

export const toUserRole = (r: UserRoleRow): UserRole => ({ id: r.id, user: r.userId, role: r.roleId, created_at: r.createdAt.toISOString() })
