import type { AppContext } from '../../context'
import { permissions } from '../../db/schema'
import { tags } from '../../lib/cache-tags'
import { conflict, notFound, permissionDenied, ValidationError } from '../../lib/errors'
import { isAdministrator, type Grantor } from '../../lib/grants'
import { checkCursorValue } from '../../lib/listing'
import { pageRequest, type PageRequest } from '../../lib/pagination'
import { takenErrors } from '../../lib/unique-fields'
import { write } from '../../write'
import type { Actor } from '../audit/audit.repository'
import { assertWithinReach } from '../roles/grants'
import {
  codenameTaken, findDeletedPermission, findPermissionById, insertPermission, listPermissions, restorePermission, softDeletePermission, updatePermission,
  type PermissionRow,
} from './permissions.repository'
import type { CreatePermission, Permission, PermissionListQuery, UpdatePermission } from './permissions.schemas'
import { toPermission } from './permissions.views'

const codenameTakenError = () => new ValidationError(takenErrors('permissions', { codename: true }))

export function permissionPage(query: PermissionListQuery): PageRequest {
  const page = pageRequest(query, { created_at: permissions.id, codename: permissions.codename }, 'codename')
  checkCursorValue(page, page.field === 'codename' ? 'text' : 'id')
  return page
}

export async function listPermissionViews(ctx: AppContext, organizationId: string, page: PageRequest, query: PermissionListQuery): Promise<Permission[]> {
  const rows = await listPermissions(ctx.db, organizationId, page, { search: query.search, isBuiltin: query.is_builtin })
  return rows.map(toPermission)
}

export async function getPermission(ctx: AppContext, organizationId: string, id: string): Promise<Permission> {
  const row = await findPermissionById(ctx.db, organizationId, id)
  if (!row) throw notFound()
  return toPermission(row)
}

export async function createPermission(ctx: AppContext, organizationId: string, input: CreatePermission, actor: Actor): Promise<Permission> {
  if (await codenameTaken(ctx.db, organizationId, input.codename)) throw codenameTakenError()
  return write(ctx, async (tx, w) => {
    const row = await insertPermission(tx, organizationId, input)
    w.audit(actor, { organizationId, action: 'permission.created', targetType: 'permission', targetId: row.id, metadata: { codename: row.codename } })
    // Nobody holds it yet; but it is a new scope of the organization's OpenID provider.
    w.invalidate(tags.oidcProvider(organizationId))
    return toPermission(row)
  })
}

/** Built-in permissions are read-only (403): their codenames are what the API itself checks. */
async function customPermission(ctx: AppContext, organizationId: string, id: string): Promise<PermissionRow> {
  const row = await findPermissionById(ctx.db, organizationId, id)
  if (!row) throw notFound()
  if (row.isBuiltin) throw permissionDenied()
  return row
}

export async function changePermission(ctx: AppContext, organizationId: string, id: string, input: UpdatePermission, actor: Actor, grantor: Grantor): Promise<Permission> {
  const current = await customPermission(ctx, organizationId, id)
  // A new codename is a codename nobody held, given to every holder of the permission at once.
  if (input.codename !== undefined && input.codename !== current.codename && !isAdministrator(grantor)) throw permissionDenied()
  if (input.codename !== undefined && (await codenameTaken(ctx.db, organizationId, input.codename, id))) throw codenameTakenError()
  return write(ctx, async (tx, w) => {
    const row = await updatePermission(tx, organizationId, id, input)
    if (!row) throw notFound()
    w.audit(actor, { organizationId, action: 'permission.updated', targetType: 'permission', targetId: id, metadata: { fields: Object.keys(input) } })
    // A renamed codename changes what every holder of a role with it may do.
    w.invalidate(tags.org(organizationId))
    return toPermission(row)
  })
}

export async function deletePermission(ctx: AppContext, organizationId: string, id: string, actor: Actor, grantor: Grantor): Promise<void> {
  // Deleting takes the permission from every holder: only someone who could have given it.
  assertWithinReach(grantor, [(await customPermission(ctx, organizationId, id)).codename])
  await write(ctx, async (tx, w) => {
    if (!(await softDeletePermission(tx, organizationId, id))) throw notFound()
    w.audit(actor, { organizationId, action: 'permission.deleted', targetType: 'permission', targetId: id })
    w.invalidate(tags.org(organizationId))
  })
}

export async function undeletePermission(ctx: AppContext, organizationId: string, id: string, actor: Actor, grantor: Grantor): Promise<Permission> {
  const gone = await findDeletedPermission(ctx.db, organizationId, id)
  if (!gone) throw notFound()
  // Restoring gives it back to every role that had it, and nobody holds a deleted permission.
  if (!isAdministrator(grantor)) throw permissionDenied()
  const clash = () => conflict('A permission with this codename already exists.')
  if (await codenameTaken(ctx.db, organizationId, gone.codename)) throw clash()
  return write(ctx, async (tx, w) => {
    const row = await restorePermission(tx, organizationId, id)
    if (!row) throw notFound()
    w.audit(actor, { organizationId, action: 'permission.restored', targetType: 'permission', targetId: id })
    w.invalidate(tags.org(organizationId))
    return toPermission(row)
  }, { onUniqueViolation: clash })
}
