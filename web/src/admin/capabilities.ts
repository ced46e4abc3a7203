import { BUILTIN_CODENAMES } from '../../../src/lib/permissions'
import { useSession } from '../session'

/** The built-in permission codenames (docs/rbac.md); organizations may add their own. */
export type Codename =
  | 'view_users' | 'manage_users' | 'view_roles' | 'manage_roles' | 'manage_permissions' | 'manage_user_roles'
  | 'view_developers' | 'manage_developers' | 'manage_organization' | 'manage_products' | 'view_orders' | 'manage_orders' | 'view_audit_log'

/**
 * What the signed-in staff member may do, from GET /auth/me/access/. The console hides or
 * disables what this says no to; the server still decides every request on its own.
 */
export interface Capabilities {
  superuser: boolean
  /** True when any one of the codenames is held (superusers hold all). */
  can: (...anyOf: Codename[]) => boolean
  /** An administrator of the organization (a superuser, or every built-in permission held): e.g. marks an OAuth client first-party. */
  administrator: boolean
}

const NONE: Capabilities = { superuser: false, can: () => false, administrator: false }

export function capabilitiesOf(access: { is_superuser: boolean; permissions: string[] }): Capabilities {
  const held = new Set(access.permissions)
  return {
    superuser: access.is_superuser,
    can: (...anyOf) => access.is_superuser || anyOf.some((c) => held.has(c)),
    administrator: access.is_superuser || BUILTIN_CODENAMES.every((c) => held.has(c)),
  }
}

export function useCapabilities(): Capabilities {
  const session = useSession()
  return session.state === 'signed-in' ? capabilitiesOf(session.access) : NONE
}
