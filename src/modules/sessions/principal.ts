import { and, eq, isNull, sql } from 'drizzle-orm'
import { preparedPerDb, type Db } from '../../db'
import { apiKeys, developerRoles, developers, organizations, permissions, rolePermissions, roles, sessions, userRoles, users } from '../../db/schema'
import { tags, type CacheTag } from '../../lib/cache-tags'
import type { TaggedCache } from '../../lib/invalidation'
import type { CacheEvents } from '../../lib/metrics'
import { sha256 } from '../../lib/secrets'
import type { KeyStore } from '../signing-keys/signing-keys.service'
import { loadOAuthPrincipal, looksLikeOAuthToken } from './oauth-principal'

/** Who is calling: a user (JWT session or personal access token) or a developer (API key). */
export interface Principal {
  type: 'user' | 'developer'
  id: string
  organizationId: string
  isSuperuser: boolean
  roles: string[]
  permissions: Set<string>
  /** The session of a JWT; null for API keys. */
  sessionId: string | null
  /** The key used; null for JWTs. */
  apiKeyId: string | null
  /**
   * An access token of an organization's OpenID provider: its scopes. Such a token reaches
   * only routes declared with a permission among them (plugins/route-access.ts); `permissions`
   * is already cut down to them. null for our own tokens and keys.
   */
  oauthScopes: ReadonlySet<string> | null
}

export interface Access { roles: string[]; permissions: string[] }

const accessQuery = (type: 'user' | 'developer') => preparedPerDb((db) => {
  const link = type === 'user'
    ? { table: userRoles, owner: userRoles.userId, role: userRoles.roleId }
    : { table: developerRoles, owner: developerRoles.developerId, role: developerRoles.roleId }
  return db
    .select({ role: roles.name, perm: permissions.codename })
    .from(link.table)
    .innerJoin(roles, and(eq(roles.id, link.role), isNull(roles.deletedAt)))
    .leftJoin(rolePermissions, eq(rolePermissions.roleId, roles.id))
    .leftJoin(permissions, and(eq(permissions.id, rolePermissions.permissionId), isNull(permissions.deletedAt)))
    .where(and(eq(link.owner, sql.placeholder('owner')), eq(roles.organizationId, sql.placeholder('org'))))
    .prepare(`load_access_${type}`)
})
const accessQueries = { user: accessQuery('user'), developer: accessQuery('developer') }

/** Role names and permission codenames (live ones only) of a user or developer. */
export async function loadAccess(db: Db, organizationId: string, principal: { type: 'user' | 'developer'; id: string }): Promise<Access> {
  return toAccess(await accessQueries[principal.type](db).execute({ owner: principal.id, org: organizationId }))
}

/** Role × permission rows (a role without permissions: `perm` null) → sorted, distinct names. */
export function toAccess(rows: { role: string; perm: string | null }[]): Access {
  return {
    roles: [...new Set(rows.map((r) => r.role))].sort(),
    permissions: [...new Set(rows.map((r) => r.perm).filter((p): p is string => !!p))].sort(),
  }
}

const sessionQuery = preparedPerDb((db) => db
  .select({ session: sessions, user: users, orgDeleted: organizations.deletedAt })
  .from(sessions)
  .innerJoin(users, eq(users.id, sessions.userId))
  .innerJoin(organizations, eq(organizations.id, sessions.organizationId))
  .where(eq(sessions.id, sql.placeholder('sid')))
  .limit(1)
  .prepare('load_session'))

const KEY_PREFIX = /^cc_(pat|dev)_[A-Za-z0-9_-]{20,}$/
export const looksLikeApiKey = (token: string) => KEY_PREFIX.test(token)

/**
 * Turns a bearer credential into a Principal, or undefined when it is not valid now.
 * The database is the source of truth; results are cached with tags so that a
 * revocation (`session:`, `user:`, `developer:`, `key:`, `org:`) drops them at once.
 */
export class PrincipalResolver {
  private readonly keyUseWritten = new Map<string, number>()

  constructor(
    private readonly db: Db,
    private readonly keys: KeyStore,
    private readonly cache: TaggedCache<Principal | null>,
    private readonly accessCache: TaggedCache<Access>,
    /** Hits and misses of `resolve` (metrics); the caller of `resolveCached` counts its own hits. */
    private readonly cacheEvents: CacheEvents = { hit() {}, miss() {} },
  ) {}

  /** Roles and permissions of a user or developer, cached until a role, permission or assignment changes. */
  access(organizationId: string, who: { type: 'user' | 'developer'; id: string }): Promise<Access> {
    return this.accessCache.getOrLoad(`${who.type}:${who.id}`, async () => ({
      value: await loadAccess(this.db, organizationId, who),
      tags: [tags.account(who), tags.org(organizationId)],
    }))
  }

  /**
   * The principal of a token when everything needed is already in memory, without
   * awaiting anything (the hot path of every authenticated request); else undefined.
   */
  resolveCached(token: string): Principal | undefined {
    if (looksLikeOAuthToken(token)) return this.cache.get(`oauth:${sha256(token)}`) ?? undefined
    if (looksLikeApiKey(token)) {
      const principal = this.cache.get(`key:${sha256(token)}`)
      if (principal?.apiKeyId) this.touchKey(principal.apiKeyId)
      return principal ?? undefined
    }
    const claims = this.keys.verifiedBefore(token)
    const principal = claims && this.cache.get(`sid:${claims.sid}`)
    return principal && principal.id === claims.sub && principal.organizationId === claims.org ? principal : undefined
  }

  async resolve(token: string): Promise<Principal | undefined> {
    if (looksLikeOAuthToken(token)) {
      const hash = sha256(token)
      return this.cached(`oauth:${hash}`, () => loadOAuthPrincipal(this.db, hash, (org, who) => this.access(org, who)))
    }
    if (looksLikeApiKey(token)) return this.fromApiKey(token)
    const claims = await this.keys.verify(token)
    if (!claims) return undefined
    const principal = await this.cached(`sid:${claims.sid}`, () => this.loadSession(claims.sid))
    // The session must be the token's own: same user, same organization.
    if (!principal || principal.id !== claims.sub || principal.organizationId !== claims.org) return undefined
    return principal
  }

  private async cached(key: string, load: () => Promise<{ principal: Principal | null; tags: CacheTag[]; ttlMs?: number }>): Promise<Principal | undefined> {
    // Misses are cached too (tagged the same way), so garbage tokens cannot hammer the database.
    let loaded = false
    const principal = await this.cache.getOrLoad(key, async () => {
      loaded = true
      const { principal, tags: tagged, ttlMs } = await load()
      return { value: principal, tags: tagged, ttlMs }
    })
    if (loaded) this.cacheEvents.miss()
    else this.cacheEvents.hit()
    return principal ?? undefined
  }

  private async loadSession(sid: string) {
    const [row] = await sessionQuery(this.db).execute({ sid })
    const tagged = [tags.session(sid)]
    if (!row) return { principal: null, tags: tagged }
    tagged.push(tags.user(row.user.id), tags.org(row.session.organizationId))
    const s = row.session
    const live = !s.revokedAt && s.expiresAt > new Date() && row.user.isActive && !row.user.deletedAt && !row.orgDeleted
    if (!live) return { principal: null, tags: tagged }
    const access = await this.access(s.organizationId, { type: 'user', id: row.user.id })
    return {
      principal: { type: 'user' as const, id: row.user.id, organizationId: s.organizationId, isSuperuser: row.user.isSuperuser, roles: access.roles, permissions: new Set(access.permissions), sessionId: sid, apiKeyId: null, oauthScopes: null },
      tags: tagged,
      ttlMs: s.expiresAt.getTime() - Date.now(),
    }
  }

  private async fromApiKey(token: string): Promise<Principal | undefined> {
    const hash = sha256(token)
    const principal = await this.cached(`key:${hash}`, () => this.loadApiKey(hash))
    if (principal?.apiKeyId) this.touchKey(principal.apiKeyId)
    return principal
  }

  private async loadApiKey(hash: string) {
    const [row] = await this.db
      .select({ key: apiKeys, user: users, developer: developers, orgDeleted: organizations.deletedAt })
      .from(apiKeys)
      .innerJoin(organizations, eq(organizations.id, apiKeys.organizationId))
      .leftJoin(users, eq(users.id, apiKeys.userId))
      .leftJoin(developers, eq(developers.id, apiKeys.developerId))
      .where(eq(apiKeys.keyHash, hash))
      .limit(1)
    if (!row) return { principal: null, tags: [tags.apiKeyHash(hash)], ttlMs: 5000 }
    const k = row.key
    const ownerTag = k.userId ? tags.user(k.userId) : tags.developer(k.developerId as string)
    const tagged = [tags.apiKey(k.id), ownerTag, tags.org(k.organizationId)]
    const ownerLive = row.user ? row.user.isActive && !row.user.deletedAt : !!row.developer && !row.developer.deletedAt
    const expired = k.expiresAt !== null && k.expiresAt <= new Date()
    if (k.revokedAt || expired || !ownerLive || row.orgDeleted) return { principal: null, tags: tagged }
    const type = row.user ? ('user' as const) : ('developer' as const)
    const id = (k.userId ?? k.developerId) as string
    const access = await this.access(k.organizationId, { type, id })
    return {
      principal: { type, id, organizationId: k.organizationId, isSuperuser: row.user?.isSuperuser ?? false, roles: access.roles, permissions: new Set(access.permissions), sessionId: null, apiKeyId: k.id, oauthScopes: null },
      tags: tagged,
      ttlMs: k.expiresAt ? k.expiresAt.getTime() - Date.now() : undefined,
    }
  }

  /** `last_used_at` is written at most once a minute per key, off the request path. */
  private touchKey(keyId: string) {
    const now = Date.now()
    if (now - (this.keyUseWritten.get(keyId) ?? 0) < 60_000) return
    this.keyUseWritten.set(keyId, now)
    if (this.keyUseWritten.size > 100_000) this.keyUseWritten.clear()
    this.db.update(apiKeys).set({ lastUsedAt: new Date(now) }).where(eq(apiKeys.id, keyId)).catch(() => {})
  }
}
