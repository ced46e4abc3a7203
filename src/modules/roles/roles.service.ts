import { sql } from 'drizzle-orm'
import type { AppContext } from '../../context'
import type { Executor } from '../../db'
import { roles } from '../../db/schema'
import { tags } from '../../lib/cache-tags'
import { conflict, notFound, ValidationError } from '../../lib/errors'
import type { Grantor } from '../../lib/grants'
import { checkCursorValue, missingRelated, orderExpr } from '../../lib/listing'
import { pageRequest, type PageRequest } from '../../lib/pagination'
import { takenErrors } from '../../lib/unique-fields'
import { write } from '../../write'
import type { Actor } from '../audit/audit.repository'
import { findLivePermissions } from '../permissions/permissions.repository'
import { assertMayEditRole, assertWithinReach } from './grants'
import {
  findDeletedRole, findPermissionRefs, findRoleById, insertRole, listRoles, restoreRole, roleNameTaken, setRolePermissions, softDeleteRole, updateRole,
  type RoleRow,
} from './roles.repository'
import type { CreateRole, Role, RoleListQuery, UpdateRole } from './roles.schemas'
import { toRole } from './roles.views'

async function viewsOf(exec: Executor, rows: RoleRow[]): Promise<Role[]> {
  if (rows.length === 0) return []
  const refs = await findPermissionRefs(exec, rows[0].organizationId, rows.map((r) => r.id))
  return rows.map((r) => toRole(r, refs.get(r.id) ?? []))
}
const viewOf = async (exec: Executor, row: RoleRow): Promise<Role> => (await viewsOf(exec, [row]))[0]

const orderings = { name: orderExpr(sql`lower(${roles.name})`), created_at: roles.id }

export function rolePage(query: RoleListQuery): PageRequest {
  const page = pageRequest(query, orderings, 'name')
  checkCursorValue(page, page.field === 'name' ? 'text' : 'id')
  return page
}

export async function listRoleViews(ctx: AppContext, organizationId: string, page: PageRequest, query: RoleListQuery): Promise<Role[]> {
  return viewsOf(ctx.db, await listRoles(ctx.db, organizationId, page, { search: query.search }))
}

export async function getRole(ctx: AppContext, organizationId: string, id: string): Promise<Role> {
  const row = await findRoleById(ctx.db, organizationId, id)
  if (!row) throw notFound()
  return viewOf(ctx.db, row)
}

/** Field checks; returns the codenames of `permission_ids` (for the bounds on granting). */
async function checkRole(ctx: AppContext, organizationId: string, input: UpdateRole, exceptId?: string): Promise<string[]> {
  const nameTaken = input.name !== undefined && (await roleNameTaken(ctx.db, organizationId, input.name, exceptId))
  const errors = takenErrors('roles', { name: nameTaken })
  const found = await findLivePermissions(ctx.db, organizationId, input.permission_ids ?? [])
  const missing = input.permission_ids && missingRelated(input.permission_ids, new Set(found.keys()))
  if (missing) errors.permission_ids = missing
  if (Object.keys(errors).length) throw new ValidationError(errors)
  return [...found.values()]
}

export async function createRole(ctx: AppContext, organizationId: string, input: CreateRole, actor: Actor, grantor: Grantor): Promise<Role> {
  // A role grants nothing until assigned, but what it holds is bounded all the same.
  assertWithinReach(grantor, await checkRole(ctx, organizationId, input))
  // Nobody holds a new role yet, so no cached principal can be stale: nothing to invalidate.
  return write(ctx, async (tx, w) => {
    const row = await insertRole(tx, organizationId, { name: input.name, description: input.description })
    if (input.permission_ids) await setRolePermissions(tx, organizationId, row.id, input.permission_ids)
    w.audit(actor, { organizationId, action: 'role.created', targetType: 'role', targetId: row.id, metadata: { name: row.name, permission_ids: input.permission_ids ?? [] } })
    return viewOf(tx, row)
  })
}

export async function changeRole(ctx: AppContext, organizationId: string, id: string, input: UpdateRole, actor: Actor, grantor: Grantor): Promise<Role> {
  if (!(await findRoleById(ctx.db, organizationId, id))) throw notFound()
  const codenames = await checkRole(ctx, organizationId, input, id)
  await assertMayEditRole(ctx.db, organizationId, grantor, id, codenames)
  return write(ctx, async (tx, w) => {
    const row = await updateRole(tx, organizationId, id, { name: input.name, description: input.description })
    if (!row) throw notFound()
    if (input.permission_ids) await setRolePermissions(tx, organizationId, id, input.permission_ids)
    w.audit(actor, { organizationId, action: 'role.updated', targetType: 'role', targetId: id, metadata: { fields: Object.keys(input), ...(input.permission_ids && { permission_ids: input.permission_ids }) } })
    // Every holder of the role (users and developers) gets its new permissions on the next request.
    w.invalidate(tags.org(organizationId))
    return viewOf(tx, row)
  })
}

export async function deleteRole(ctx: AppContext, organizationId: string, id: string, actor: Actor, grantor: Grantor): Promise<void> {
  if (!(await findRoleById(ctx.db, organizationId, id))) throw notFound()
  await assertMayEditRole(ctx.db, organizationId, grantor, id)
  await write(ctx, async (tx, w) => {
    if (!(await softDeleteRole(tx, organizationId, id))) throw notFound()
    w.audit(actor, { organizationId, action: 'role.deleted', targetType: 'role', targetId: id })
    w.invalidate(tags.org(organizationId))
  })
}

/** Brings a role back with its permissions and assignments (409 if a live role took its name). */
export async function undeleteRole(ctx: AppContext, organizationId: string, id: string, actor: Actor, grantor: Grantor): Promise<Role> {
  const gone = await findDeletedRole(ctx.db, organizationId, id)
  if (!gone) throw notFound()
  // Restoring gives the role back to everyone who held it: a grant of its permissions.
  await assertMayEditRole(ctx.db, organizationId, grantor, id)
  const clash = () => conflict('A role with this name already exists.')
  if (await roleNameTaken(ctx.db, organizationId, gone.name)) throw clash()
  return write(ctx, async (tx, w) => {
    const row = await restoreRole(tx, organizationId, id)
    if (!row) throw notFound()
    w.audit(actor, { organizationId, action: 'role.restored', targetType: 'role', targetId: id })
    w.invalidate(tags.org(organizationId))
    return viewOf(tx, row)
  }, { onUniqueViolation: clash })
}
