import { and, eq, isNull } from 'drizzle-orm'
import type { Executor } from '../../db'
import { permissions } from '../../db/schema'
import { OIDC_SCOPES } from './oidc-scopes'

/**
 * Every scope an organization's clients may be given: the OpenID Connect ones, plus one
 * API scope per live permission codename (built-in and custom). An access token reaches
 * the API routes whose permission is among its scopes, and only as far as its user (or,
 * for client credentials, its developer) holds that permission.
 */
export async function organizationScopes(exec: Executor, organizationId: string): Promise<string[]> {
  const rows = await exec.select({ codename: permissions.codename }).from(permissions)
    .where(and(eq(permissions.organizationId, organizationId), isNull(permissions.deletedAt)))
  return [...OIDC_SCOPES, ...rows.map((r) => r.codename).sort()]
}
