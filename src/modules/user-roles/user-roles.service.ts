import type { AppContext } from '../../context'
import { tags } from '../../lib/cache-tags'
import { notFound, ValidationError } from '../../lib/errors'
import type { Grantor } from '../../lib/grants'
import { write } from '../../write'
import type { Actor } from '../audit/audit.repository'
import { assertMayActOn, assertMayGrantRoles } from '../roles/grants'
import { findRoleById } from '../roles/roles.repository'
import { findUserById } from '../users/users.repository'
import { deleteUserRole, findUserRoleById, insertUserRole, type UserRoleRow } from './user-roles.repository'

const doesNotExist = (id: string) => [`Invalid pk "${id}" - object does not exist.`]

/** Gives a live user of the organization one of its live roles; the user's next request has it. */
export async function assignRole(ctx: AppContext, organizationId: string, input: { user: string; role: string }, actor: Actor, grantor: Grantor): Promise<UserRoleRow> {
  const errors: Record<string, string[]> = {}
  const user = await findUserById(ctx.db, organizationId, input.user)
  if (!user) errors.user = doesNotExist(input.user)
  if (!(await findRoleById(ctx.db, organizationId, input.role))) errors.role = doesNotExist(input.role)
  if (!user || Object.keys(errors).length) throw new ValidationError(errors)
  await assertMayActOn(ctx.db, organizationId, grantor, { type: 'user', id: user.id, isSuperuser: user.isSuperuser })
  await assertMayGrantRoles(ctx.db, organizationId, grantor, [input.role])
  return write(ctx, async (tx, w) => {
    const row = await insertUserRole(tx, organizationId, input.user, input.role)
    if (!row) throw new ValidationError({ non_field_errors: ['The fields user, role must make a unique set.'] })
    w.audit(actor, { organizationId, action: 'user_role.created', targetType: 'user', targetId: input.user, metadata: { user_role_id: row.id, role_id: input.role } })
    w.invalidate(tags.user(input.user), tags.usersList(organizationId))
    return row
  })
}

/** Taking a role away is bounded by the holder: only someone who may act on their account (roles/grants.ts). */
export async function unassignRole(ctx: AppContext, organizationId: string, id: string, actor: Actor, grantor: Grantor): Promise<void> {
  const assignment = await findUserRoleById(ctx.db, organizationId, id)
  if (!assignment) throw notFound()
  const user = await findUserById(ctx.db, organizationId, assignment.userId)
  if (!user) throw notFound()
  await assertMayActOn(ctx.db, organizationId, grantor, { type: 'user', id: user.id, isSuperuser: user.isSuperuser })
  await write(ctx, async (tx, w) => {
    const row = await deleteUserRole(tx, organizationId, id)
    if (!row) throw notFound()
    w.audit(actor, { organizationId, action: 'user_role.deleted', targetType: 'user', targetId: row.userId, metadata: { user_role_id: row.id, role_id: row.roleId } })
    w.invalidate(tags.user(row.userId), tags.usersList(organizationId))
  })
}
