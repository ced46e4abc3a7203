import type { AppContext } from '../../context'
import { conflict, fieldError, isUniqueViolation, notFound, permissionDenied } from '../../lib/errors'
import { isAdministrator, type Grantor } from '../../lib/grants'
import { insertAuditEvent, type Actor } from '../audit/audit.repository'
import { assertWithinReach } from '../roles/grants'
import {
  codenameTaken, findDeletedPermission, findPermissionById, insertPermission, restorePermission, softDeletePermission, updatePermission,
  type PermissionRow,
} from './permissions.repository'
import type { CreatePermission, UpdatePermission } from './permissions.schemas'

const taken = () => fieldError('codename', 'permission with this codename already exists.')
const rethrowTaken = (err: unknown): never => { throw isUniqueViolation(err) ? taken() : err }

export async function createPermission(ctx: AppContext, organizationId: string, input: CreatePermission, actor: Actor): Promise<PermissionRow> {
  if (await codenameTaken(ctx.db, organizationId, input.codename)) throw taken()
  return ctx.db.transaction(async (tx) => {
    const row = await insertPermission(tx, organizationId, input)
    await insertAuditEvent(tx, actor, { organizationId, action: 'permission.created', targetType: 'permission', targetId: row.id, metadata: { codename: row.codename } })
    return row
  }).catch(rethrowTaken)
}

/** Built-in permissions are read-only (403): their codenames are what the API itself checks. */
async function customPermission(ctx: AppContext, organizationId: string, id: string): Promise<PermissionRow> {
  const row = await findPermissionById(ctx.db, organizationId, id)
  if (!row) throw notFound()
  if (row.isBuiltin) throw permissionDenied()
  return row
}

export async function changePermission(ctx: AppContext, organizationId: string, id: string, input: UpdatePermission, actor: Actor, grantor: Grantor): Promise<PermissionRow> {
  const current = await customPermission(ctx, organizationId, id)
  // A new codename is a codename nobody held, given to every holder of the permission at once.
  if (input.codename !== undefined && input.codename !== current.codename && !isAdministrator(grantor)) throw permissionDenied()
  if (input.codename !== undefined && (await codenameTaken(ctx.db, organizationId, input.codename, id))) throw taken()
  const row = await ctx.db.transaction(async (tx) => {
    const row = await updatePermission(tx, organizationId, id, input)
    if (!row) throw notFound()
    await insertAuditEvent(tx, actor, { organizationId, action: 'permission.updated', targetType: 'permission', targetId: id, metadata: { fields: Object.keys(input) } })
    return row
  }).catch(rethrowTaken)
  // A renamed codename changes what every holder of a role with it may do.
  await ctx.invalidate([`org:${organizationId}`])
  return row
}

export async function deletePermission(ctx: AppContext, organizationId: string, id: string, actor: Actor, grantor: Grantor): Promise<void> {
  // Deleting takes the permission from every holder: only someone who could have given it.
  assertWithinReach(grantor, [(await customPermission(ctx, organizationId, id)).codename])
  const deleted = await ctx.db.transaction(async (tx) => {
    if (!(await softDeletePermission(tx, organizationId, id))) return false
    await insertAuditEvent(tx, actor, { organizationId, action: 'permission.deleted', targetType: 'permission', targetId: id })
    return true
  })
  if (!deleted) throw notFound()
  await ctx.invalidate([`org:${organizationId}`])
}

export async function undeletePermission(ctx: AppContext, organizationId: string, id: string, actor: Actor, grantor: Grantor): Promise<PermissionRow> {
  const gone = await findDeletedPermission(ctx.db, organizationId, id)
  if (!gone) throw notFound()
  // Restoring gives it back to every role that had it, and nobody holds a deleted permission.
  if (!isAdministrator(grantor)) throw permissionDenied()
  const clash = () => conflict('A permission with this codename already exists.')
  if (await codenameTaken(ctx.db, organizationId, gone.codename)) throw clash()
  const row = await ctx.db.transaction(async (tx) => {
    const row = await restorePermission(tx, organizationId, id)
    if (!row) throw notFound()
    await insertAuditEvent(tx, actor, { organizationId, action: 'permission.restored', targetType: 'permission', targetId: id })
    return row
  }).catch((err) => { throw isUniqueViolation(err) ? clash() : err })
  await ctx.invalidate([`org:${organizationId}`])
  return row
}
