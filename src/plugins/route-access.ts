import type { BuiltinPermission } from '../lib/permissions'
import type { Principal } from '../modules/sessions/principal'

/**
 * Who may call a route, declared on every route as `config: { access }` and enforced by
 * the auth hook (plugins/auth.ts) before the body is read. The OpenAPI document and the
 * authorization tests read the same declaration. Per-object rules (an order's owner, a
 * superuser target) stay in the services.
 */
export type RouteAccess =
  /** No credentials needed; the tenant comes from `X-Organization` (or `default`). A token, when valid, is still read. */
  | 'public'
  /** Any valid principal: a user or a developer key. */
  | 'authenticated'
  /** A user (session or personal access token), not a developer key: "my account" endpoints. */
  | 'user'
  /** Superusers only. */
  | 'superuser'
  | PermissionAccess

interface PermissionAccess {
  /** Any one of these codenames grants access (superusers always pass). */
  permission: BuiltinPermission | readonly BuiltinPermission[]
  /** …or the caller is the user whose id is this path parameter (`/users/:id/`). */
  orSelf?: string
  /** …or the caller is any user (not a developer key); the service then limits them to their own objects. */
  orUser?: true
  /** This path parameter must be the caller's own organization (superusers: any); another one is a 404, checked after validation. */
  ownOrganization?: string
}

export const permissionsOf = (access: RouteAccess): readonly BuiltinPermission[] =>
  typeof access === 'string' ? [] : [access.permission].flat()

/** Whether `access` needs credentials at all. */
export const needsPrincipal = (access: RouteAccess) => access !== 'public'

/** The caller holds one of `codenames` (superusers hold them all). */
export function holdsAny(p: Principal, codenames: BuiltinPermission | readonly BuiltinPermission[]): boolean {
  return p.isSuperuser || [codenames].flat().some((c) => p.permissions.has(c))
}

/** Whether an authenticated (or, on a public route, anonymous) caller is refused the route, before its object is looked up. */
export function refuses(access: RouteAccess, p: Principal | null, params: unknown): boolean {
  if (access === 'public') return false
  if (p?.oauthScopes && !withinScopes(access, p.oauthScopes)) return true
  if (access === 'authenticated') return false
  if (!p) return true
  if (access === 'user') return p.type !== 'user'
  if (access === 'superuser') return !p.isSuperuser
  if (holdsAny(p, access.permission)) return false
  if (access.orUser && p.type === 'user') return false
  const self = access.orSelf && (params as Record<string, string | undefined>)[access.orSelf]
  return !(self && p.type === 'user' && p.id === self)
}

/**
 * An OpenID provider's access token reaches a route only when the route is declared with
 * a permission and one of its codenames is among the token's scopes: never the account
 * routes (`user`, `authenticated`: password, MFA, tokens), never `superuser` ones.
 */
const withinScopes = (access: RouteAccess, scopes: ReadonlySet<string>) => permissionsOf(access).some((c) => scopes.has(c))

/** Whether the organization in the path is out of the caller's reach (`ownOrganization`). */
export function outOfOrganization(access: RouteAccess, p: Principal | null, params: unknown): boolean {
  if (typeof access === 'string' || !access.ownOrganization || !p || p.isSuperuser) return false
  return (params as Record<string, string | undefined>)[access.ownOrganization] !== p.organizationId
}

/** The sentence the OpenAPI document adds to an operation's description. */
export function describeAccess(access: RouteAccess): string | undefined {
  if (access === 'superuser') return 'Superusers only.'
  if (access === 'user') return 'For users (a session or a personal access token), not developer keys.'
  if (typeof access === 'string') return undefined
  const codes = permissionsOf(access).map((p) => `\`${p}\``).join(' or ')
  const or = access.orSelf ? `, or being the user \`{${access.orSelf}}\`` : access.orUser ? ', or being a user (their own objects only)' : ''
  return `Requires the ${codes} permission${or} (superusers always pass).`
}
