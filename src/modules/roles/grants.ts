import type { Db } from '../../db'
import { permissionDenied } from '../../lib/errors'
import { beyondReach, isAdministrator, mayActOn, maySetRoles, type Grantor } from '../../lib/grants'
import { loadAccess } from '../sessions/principal'
import { findPermissionRefs, findRoleRefsOf } from './roles.repository'

/**
 * The bounds on granting, checked against the database (the rules themselves are in
 * lib/grants.ts and docs/rbac.md). Each throws 403 `permission_denied`; callers run them
 * after their 404 and 400 checks, outside the write transaction.
 */

export interface Account { type: 'user' | 'developer'; id: string; isSuperuser: boolean }

/** The one guard for writes to someone else's account: superusers only by superusers, and only accounts within reach. */
export async function assertMayActOn(db: Db, organizationId: string, g: Grantor, account: Account): Promise<void> {
  if (g.isSuperuser) return
  if (account.isSuperuser) throw permissionDenied()
  if (g.type === account.type && g.id === account.id) return
  const { permissions } = await loadAccess(db, organizationId, account)
  if (!mayActOn(g, { isSuperuser: false, permissions })) throw permissionDenied()
}

/** 403 unless the caller may hand out every (live) permission of these roles. */
export async function assertMayGrantRoles(db: Db, organizationId: string, g: Grantor, roleIds: string[]): Promise<void> {
  if (roleIds.length === 0 || isAdministrator(g)) return
  const refs = await findPermissionRefs(db, organizationId, [...new Set(roleIds)])
  if (beyondReach(g, [...refs.values()].flat().map((p) => p.codename)).length) throw permissionDenied()
}

/** Live role ids of a user or developer. */
export async function currentRoleIds(db: Db, organizationId: string, account: { type: 'user' | 'developer'; id: string }): Promise<string[]> {
  const refs = await findRoleRefsOf(db, organizationId, account.type, [account.id])
  return (refs.get(account.id) ?? []).map((r) => r.id)
}

/**
 * An account's role set goes from `current` to `next`. No change, nothing to check; else
 * `manage_user_roles` and every added role within reach. Removed roles are covered by
 * `assertMayActOn`, which callers run first on an existing account.
 */
export async function assertMaySetRoles(db: Db, organizationId: string, g: Grantor, current: string[], next: string[]): Promise<void> {
  const had = new Set(current)
  const wanted = new Set(next)
  const added = [...wanted].filter((id) => !had.has(id))
  if (added.length === 0 && wanted.size === had.size) return
  if (!maySetRoles(g)) throw permissionDenied()
  await assertMayGrantRoles(db, organizationId, g, added)
}

/** 403 unless the caller may give or take away every one of these codenames. */
export function assertWithinReach(g: Grantor, codenames: Iterable<string>): void {
  if (beyondReach(g, codenames).length) throw permissionDenied()
}

/**
 * Changing, deleting or restoring a role: never one the caller holds (superusers excepted),
 * and only while its permissions, before and after, are all within the caller's reach.
 */
export async function assertMayEditRole(db: Db, organizationId: string, g: Grantor, roleId: string, nextCodenames: string[] = []): Promise<void> {
  if (g.isSuperuser) return
  if ((await currentRoleIds(db, organizationId, g)).includes(roleId)) throw permissionDenied()
  const refs = await findPermissionRefs(db, organizationId, [roleId])
  assertWithinReach(g, [...(refs.get(roleId) ?? []).map((p) => p.codename), ...nextCodenames])
}
