import type { AppContext } from '../../context'
import { conflict, fieldError, isUniqueViolation, notFound, ValidationError } from '../../lib/errors'
import { missingRelated } from '../../lib/listing'
import type { Grantor } from '../../lib/grants'
import { insertAuditEvent, type Actor } from '../audit/audit.repository'
import { findLivePermissions } from '../permissions/permissions.repository'
import { assertMayEditRole, assertWithinReach } from './grants'
import {
  findDeletedRole, findRoleById, insertRole, restoreRole, roleNameTaken, setRolePermissions, softDeleteRole, updateRole, type RoleRow,
} from './roles.repository'
import type { CreateRole, UpdateRole } from './roles.schemas'

const nameTaken = () => fieldError('name', 'role with this name already exists.')
const rethrowTaken = (err: unknown): never => { throw isUniqueViolation(err) ? nameTaken() : err }

/** Field checks; returns the codenames of `permission_ids` (for the bounds on granting). */
async function checkRole(ctx: AppContext, organizationId: string, input: UpdateRole, exceptId?: string): Promise<string[]> {
  const errors: Record<string, string[]> = {}
  if (input.name !== undefined && (await roleNameTaken(ctx.db, organizationId, input.name, exceptId))) errors.name = ['role with this name already exists.']
  const found = await findLivePermissions(ctx.db, organizationId, input.permission_ids ?? [])
  const missing = input.permission_ids && missingRelated(input.permission_ids, new Set(found.keys()))
  if (missing) errors.permission_ids = missing
  if (Object.keys(errors).length) throw new ValidationError(errors)
  return [...found.values()]
}

export async function createRole(ctx: AppContext, organizationId: string, input: CreateRole, actor: Actor, grantor: Grantor): Promise<RoleRow> {
  // A role grants nothing until assigned, but what it holds is bounded all the same.
  assertWithinReach(grantor, await checkRole(ctx, organizationId, input))
  // Nobody holds a new role yet, so no cached principal can be stale: nothing to invalidate.
  return ctx.db.transaction(async (tx) => {
    const row = await insertRole(tx, organizationId, { name: input.name, description: input.description })
    if (input.permission_ids) await setRolePermissions(tx, organizationId, row.id, input.permission_ids)
    await insertAuditEvent(tx, actor, { organizationId, action: 'role.created', targetType: 'role', targetId: row.id, metadata: { name: row.name, permission_ids: input.permission_ids ?? [] } })
    return row
  }).catch(rethrowTaken)
}

export async function changeRole(ctx: AppContext, organizationId: string, id: string, input: UpdateRole, actor: Actor, grantor: Grantor): Promise<RoleRow> {
  if (!(await findRoleById(ctx.db, organizationId, id))) throw notFound()
  const codenames = await checkRole(ctx, organizationId, input, id)
  await assertMayEditRole(ctx.db, organizationId, grantor, id, codenames)
  const row = await ctx.db.transaction(async (tx) => {
    const row = await updateRole(tx, organizationId, id, { name: input.name, description: input.description })
    if (!row) throw notFound()
    if (input.permission_ids) await setRolePermissions(tx, organizationId, id, input.permission_ids)
    await insertAuditEvent(tx, actor, { organizationId, action: 'role.updated', targetType: 'role', targetId: id, metadata: { fields: Object.keys(input), ...(input.permission_ids && { permission_ids: input.permission_ids }) } })
    return row
  }).catch(rethrowTaken)
  // Every holder of the role (users and developers) gets its new permissions on the next request.
  await ctx.invalidate([`org:${organizationId}`])
  return row
}

export async function deleteRole(ctx: AppContext, organizationId: string, id: string, actor: Actor, grantor: Grantor): Promise<void> {
  if (!(await findRoleById(ctx.db, organizationId, id))) throw notFound()
  await assertMayEditRole(ctx.db, organizationId, grantor, id)
  const deleted = await ctx.db.transaction(async (tx) => {
    if (!(await softDeleteRole(tx, organizationId, id))) return false
    await insertAuditEvent(tx, actor, { organizationId, action: 'role.deleted', targetType: 'role', targetId: id })
    return true
  })
  if (!deleted) throw notFound()
  await ctx.invalidate([`org:${organizationId}`])
}

/** Brings a role back with its permissions and assignments (409 if a live role took its name). */
export async function undeleteRole(ctx: AppContext, organizationId: string, id: string, actor: Actor, grantor: Grantor): Promise<RoleRow> {
  const gone = await findDeletedRole(ctx.db, organizationId, id)
  if (!gone) throw notFound()
  // Restoring gives the role back to everyone who held it: a grant of its permissions.
  await assertMayEditRole(ctx.db, organizationId, grantor, id)
  const clash = () => conflict('A role with this name already exists.')
  if (await roleNameTaken(ctx.db, organizationId, gone.name)) throw clash()
  const row = await ctx.db.transaction(async (tx) => {
    const row = await restoreRole(tx, organizationId, id)
    if (!row) throw notFound()
    await insertAuditEvent(tx, actor, { organizationId, action: 'role.restored', targetType: 'role', targetId: id })
    return row
  }).catch((err) => { throw isUniqueViolation(err) ? clash() : err })
  await ctx.invalidate([`org:${organizationId}`])
  return row
}
