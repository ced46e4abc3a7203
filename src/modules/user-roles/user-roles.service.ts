import type { FastifyInstance } from 'fastify'
import { notFound, ValidationError } from '../../lib/errors'
import { insertAuditEvent, type Actor } from '../audit/audit.repository'
import { findRoleById } from '../roles/roles.repository'
import { findUserById } from '../users/users.repository'
import { deleteUserRole, findUserRoleById, insertUserRole, type UserRoleRow } from './user-roles.repository'

const doesNotExist = (id: string) => [`Invalid pk "${id}" - object does not exist.`]

/** Gives a live user of the organization one of its live roles; the user's next request has it. */
export async function assignRole(app: FastifyInstance, organizationId: string, input: { user: string; role: string }, actor: Actor): Promise<UserRoleRow> {
  const errors: Record<string, string[]> = {}
  if (!(await findUserById(app.db, organizationId, input.user))) errors.user = doesNotExist(input.user)
  if (!(await findRoleById(app.db, organizationId, input.role))) errors.role = doesNotExist(input.role)
  if (Object.keys(errors).length) throw new ValidationError(errors)
  const row = await app.db.transaction(async (tx) => {
    const row = await insertUserRole(tx, organizationId, input.user, input.role)
    if (!row) throw new ValidationError({ non_field_errors: ['The fields user, role must make a unique set.'] })
    await insertAuditEvent(tx, actor, { organizationId, action: 'user_role.created', targetType: 'user', targetId: input.user, metadata: { user_role_id: row.id, role_id: input.role } })
    return row
  })
  await app.invalidate([`user:${input.user}`])
  return row
}

export async function unassignRole(app: FastifyInstance, organizationId: string, id: string, actor: Actor): Promise<void> {
  if (!(await findUserRoleById(app.db, organizationId, id))) throw notFound()
  const row = await app.db.transaction(async (tx) => {
    const row = await deleteUserRole(tx, organizationId, id)
    if (!row) throw notFound()
    await insertAuditEvent(tx, actor, { organizationId, action: 'user_role.deleted', targetType: 'user', targetId: row.userId, metadata: { user_role_id: row.id, role_id: row.roleId } })
    return row
  })
  await app.invalidate([`user:${row.userId}`])
}
