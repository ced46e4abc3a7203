import { and, eq } from 'drizzle-orm'
import type { AppContext } from '../../context'
import { apiKeys } from '../../db/schema'
import { tags } from '../../lib/cache-tags'
import { fieldError, notFound } from '../../lib/errors'
import { keyset, type PageRequest } from '../../lib/pagination'
import { write } from '../../write'
import type { Actor } from '../audit/audit.repository'
import { insertApiKey, liveKeysOf, revokeApiKey } from '../api-keys/api-keys.repository'
import type { Principal } from '../sessions/principal'

/** Personal access tokens: API keys owned by a user, acting with that user's permissions. */
export async function createPersonalToken(ctx: AppContext, user: { id: string; organizationId: string }, input: { name: string; expires_at?: string | null }, actor: Actor) {
  const expiresAt = input.expires_at ? new Date(input.expires_at) : null
  if (expiresAt && expiresAt.getTime() <= Date.now()) throw fieldError('expires_at', 'Expiry must be in the future.')
  return write(ctx, async (tx, w) => {
    const created = await insertApiKey(tx, user.organizationId, { userId: user.id }, { name: input.name, expiresAt }, 'pat')
    w.audit(actor, { organizationId: user.organizationId, action: 'api_key.created', targetType: 'api_key', targetId: created.row.id, metadata: { name: input.name, owner: 'user' } })
    return created
  })
}

export async function listPersonalTokens(ctx: AppContext, principal: Principal, page: PageRequest) {
  const k = keyset(page, apiKeys.id)
  return ctx.db.select().from(apiKeys)
    .where(and(liveKeysOf(principal.organizationId, { userId: principal.id }), k.where))
    .orderBy(...k.orderBy).limit(page.limit + 1)
}

export async function revokePersonalToken(ctx: AppContext, principal: Principal, keyId: string, actor: Actor) {
  const revoked = await write(ctx, async (tx, w) => {
    if (!(await revokeApiKey(tx, principal.organizationId, { userId: principal.id }, keyId))) return false
    w.audit(actor, { organizationId: principal.organizationId, action: 'api_key.revoked', targetType: 'api_key', targetId: keyId })
    w.invalidate(tags.apiKey(keyId))
    return true
  })
  if (!revoked) throw notFound()
}

export const findPersonalToken = async (ctx: AppContext, principal: Principal, keyId: string) => {
  const [row] = await ctx.db.select().from(apiKeys).where(and(liveKeysOf(principal.organizationId, { userId: principal.id }), eq(apiKeys.id, keyId))).limit(1)
  return row
}
