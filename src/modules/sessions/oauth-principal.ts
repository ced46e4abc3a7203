import { and, eq, inArray } from 'drizzle-orm'
import type { Db } from '../../db'
import { oauthArtifacts, organizations } from '../../db/schema'
import { tags, type CacheTag } from '../../lib/cache-tags'
import { findLiveAccount } from '../oidc/account'
import { findLiveOAuthClient } from '../oauth-clients/oauth-clients.repository'
import type { Access, Principal } from './principal'

/** oidc-provider's opaque tokens: 43 base64url characters (256 bits), unlike our JWTs (dots) and keys (`cc_`). */
export const looksLikeOAuthToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token)

interface TokenPayload { accountId?: string; clientId?: string; scope?: string; grantId?: string; sessionUid?: string; exp?: number }
type AccessOf = (organizationId: string, who: { type: 'user' | 'developer'; id: string }) => Promise<Access>

const ACCESS_KINDS = ['AccessToken', 'ClientCredentials']

/**
 * The principal of an OpenID provider access token (looked up by its SHA-256, in any
 * organization: the row says which). A user's token needs the user live and, from a
 * sign-in, that sign-in live; a client-credentials token acts as the client's developer.
 * Either way the client must be live, and the permissions are those held *and* granted
 * as scopes. Superuser powers never travel in a token given to an application.
 */
export async function loadOAuthPrincipal(db: Db, hash: string, accessOf: AccessOf): Promise<{ principal: Principal | null; tags: CacheTag[]; ttlMs?: number }> {
  const [row] = await db.select({ kind: oauthArtifacts.kind, org: oauthArtifacts.organizationId, payload: oauthArtifacts.payload, orgDeleted: organizations.deletedAt })
    .from(oauthArtifacts).innerJoin(organizations, eq(organizations.id, oauthArtifacts.organizationId))
    .where(and(inArray(oauthArtifacts.kind, ACCESS_KINDS), eq(oauthArtifacts.idHash, hash))).limit(1)
  const missTags = [tags.oauthToken(hash)]
  if (!row || row.orgDeleted) return { principal: null, tags: missTags, ttlMs: 5000 }
  const t = row.payload as TokenPayload
  const ttlMs = (t.exp ?? 0) * 1000 - Date.now()
  const tagged = [...missTags, tags.org(row.org), ...(t.clientId ? [tags.oauthClient(t.clientId)] : []), ...(t.grantId ? [tags.oauthGrant(t.grantId)] : [])]
  if (ttlMs <= 0 || !t.clientId) return { principal: null, tags: tagged }
  const client = await findLiveOAuthClient(db, row.org, t.clientId)
  if (!client) return { principal: null, tags: tagged }
  // Deleting the developer ends its clients' tokens (a DB trigger); the API publishes only `developer:`, so listen for it too.
  tagged.push(tags.developer(client.developerId))
  const who = row.kind === 'ClientCredentials' ? { type: 'developer' as const, id: client.developerId, isSuperuser: false, sessionId: undefined } : await liveUser(db, row.org, t)
  if (!who) return { principal: null, tags: tagged }
  tagged.push(tags.account(who), ...(who.sessionId ? [tags.session(who.sessionId)] : []))
  const scopes = new Set((t.scope ?? '').split(' ').filter(Boolean))
  const access = await accessOf(row.org, who)
  const held = who.isSuperuser ? [...scopes] : access.permissions
  return {
    principal: {
      type: who.type, id: who.id, organizationId: row.org, isSuperuser: false, roles: access.roles,
      permissions: new Set(held.filter((p) => scopes.has(p))), sessionId: who.sessionId ?? null, apiKeyId: null, oauthScopes: scopes,
    },
    tags: tagged,
    ttlMs,
  }
}

async function liveUser(db: Db, organizationId: string, t: TokenPayload) {
  if (!t.accountId) return undefined
  const account = await findLiveAccount(db, organizationId, t.accountId, t.sessionUid)
  if (!account || (t.sessionUid && !account.signIn)) return undefined
  return { type: 'user' as const, id: account.user.id, isSuperuser: account.isSuperuser, sessionId: account.signIn }
}
