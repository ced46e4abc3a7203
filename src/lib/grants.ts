import { BUILTIN_CODENAMES } from './permissions'

/**
 * The bounds on granting (docs/rbac.md, "Who may grant what"), as pure functions of the
 * caller's permissions. A Principal is a Grantor.
 */
export interface Grantor {
  type: 'user' | 'developer'
  id: string
  isSuperuser: boolean
  permissions: ReadonlySet<string>
}

/**
 * Superusers, and the organization's administrators: holders of every built-in
 * permission. Those may also hand out custom permissions they do not hold, else a new
 * custom permission could only ever be given out by a superuser.
 */
export const isAdministrator = (g: Grantor): boolean => g.isSuperuser || BUILTIN_CODENAMES.every((c) => g.permissions.has(c))

/** The codenames among `codenames` that the caller may not give, take away or act on (none: all allowed). */
export function beyondReach(g: Grantor, codenames: Iterable<string>): string[] {
  if (isAdministrator(g)) return []
  return [...new Set(codenames)].filter((c) => !g.permissions.has(c))
}

/**
 * May the caller change, delete, restore or set the roles of this account? Never a
 * superuser's unless a superuser (they act across organizations); otherwise only an
 * account whose every permission the caller holds, so taking it over (new email, then a
 * password reset) or stripping it gains nothing.
 */
export function mayActOn(g: Grantor, account: { isSuperuser: boolean; permissions: Iterable<string> }): boolean {
  if (g.isSuperuser) return true
  if (account.isSuperuser) return false
  return beyondReach(g, account.permissions).length === 0
}

/** Setting anyone's roles needs `manage_user_roles`, whatever route carries the `role_ids`. */
export const maySetRoles = (g: Grantor): boolean => g.isSuperuser || g.permissions.has('manage_user_roles')
