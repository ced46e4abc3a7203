import { and, eq, isNull, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db'
import { apiKeys } from '../../db/schema'
import { newId } from '../../lib/ids'
import { randomToken, sha256 } from '../../lib/secrets'

export type ApiKeyRow = typeof apiKeys.$inferSelect
export type KeyOwner = { userId: string } | { developerId: string }

/**
 * `cc_` + type + 256 random bits. Only the SHA-256 is stored; the first 12 characters
 * are kept in clear so people can tell their keys apart.
 */
function generateKey(type: 'pat' | 'dev'): { key: string; hash: string; prefix: string } {
  const key = `cc_${type}_${randomToken(32)}`
  return { key, hash: sha256(key), prefix: key.slice(0, 12) }
}

export async function insertApiKey(exec: Executor, organizationId: string, owner: KeyOwner, input: { name: string; expiresAt: Date | null }, type: 'pat' | 'dev') {
  const { key, hash, prefix } = generateKey(type)
  const [row] = await exec.insert(apiKeys).values({ id: newId(), organizationId, ...owner, name: input.name, expiresAt: input.expiresAt, prefix, keyHash: hash }).returning()
  return { row, key }
}

const ownerCondition = (owner: KeyOwner): SQL =>
  'userId' in owner ? eq(apiKeys.userId, owner.userId) : eq(apiKeys.developerId, owner.developerId)

export const liveKeysOf = (organizationId: string, owner: KeyOwner) =>
  and(eq(apiKeys.organizationId, organizationId), ownerCondition(owner), isNull(apiKeys.revokedAt)) as SQL

export async function revokeApiKey(exec: Executor, organizationId: string, owner: KeyOwner, keyId: string): Promise<boolean> {
  const rows = await exec.update(apiKeys).set({ revokedAt: new Date() })
    .where(and(liveKeysOf(organizationId, owner), eq(apiKeys.id, keyId))).returning({ id: apiKeys.id })
  return rows.length === 1
}

/** Revokes every key of a user or developer (deletion, deactivation); returns their ids. */
export async function revokeAllApiKeys(exec: Executor, organizationId: string, owner: KeyOwner): Promise<string[]> {
  const rows = await exec.update(apiKeys).set({ revokedAt: sql`now()` }).where(liveKeysOf(organizationId, owner)).returning({ id: apiKeys.id })
  return rows.map((r) => r.id)
}

/** Revokes every key of an organization, personal and developer (its deletion); returns how many. */
export async function revokeOrganizationApiKeys(exec: Executor, organizationId: string): Promise<number> {
  const rows = await exec.update(apiKeys).set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.organizationId, organizationId), isNull(apiKeys.revokedAt))).returning({ id: apiKeys.id })
  return rows.length
}

export const toApiKey = (r: ApiKeyRow) => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  expires_at: r.expiresAt?.toISOString() ?? null,
  last_used_at: r.lastUsedAt?.toISOString() ?? null,
  created_at: r.createdAt.toISOString(),
})
