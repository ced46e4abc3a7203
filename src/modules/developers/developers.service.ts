import { sql } from 'drizzle-orm'
import type { AppContext } from '../../context'
import type { Executor } from '../../db'
import { apiKeys, developers } from '../../db/schema'
import { tags } from '../../lib/cache-tags'
import { conflict, fieldError, notFound, ValidationError } from '../../lib/errors'
import type { Grantor } from '../../lib/grants'
import { checkCursorValue, missingRelated, orderExpr } from '../../lib/listing'
import { pageRequest, type PageRequest } from '../../lib/pagination'
import { takenErrors } from '../../lib/unique-fields'
import { write } from '../../write'
import type { Actor } from '../audit/audit.repository'
import { insertApiKey, revokeAllApiKeys, revokeApiKey, toApiKey } from '../api-keys/api-keys.repository'
import type { CreateApiKey } from '../api-keys/api-keys.schemas'
import { clientIdsOfDeveloper } from '../oauth-clients/oauth-clients.repository'
import { assertMayActOn, assertMaySetRoles, currentRoleIds } from '../roles/grants'
import { findLiveRoleIds, findRoleRefsOf } from '../roles/roles.repository'
import {
  developerNameTaken, findDeletedDeveloper, findDeveloperById, insertDeveloper, listDeveloperKeys, listDevelopers, restoreDeveloper, setDeveloperRoles,
  softDeleteDeveloper, updateDeveloper, type DeveloperRow,
} from './developers.repository'
import type { CreateDeveloper, Developer, DeveloperListQuery, UpdateDeveloper } from './developers.schemas'
import { toDeveloper } from './developers.views'

async function viewsOf(exec: Executor, rows: DeveloperRow[]): Promise<Developer[]> {
  if (rows.length === 0) return []
  const refs = await findRoleRefsOf(exec, rows[0].organizationId, 'developer', rows.map((r) => r.id))
  return rows.map((r) => toDeveloper(r, refs.get(r.id) ?? []))
}
const viewOf = async (exec: Executor, row: DeveloperRow): Promise<Developer> => (await viewsOf(exec, [row]))[0]

const orderings = { name: orderExpr(sql`lower(${developers.name})`), created_at: developers.id }

export function developerPage(query: DeveloperListQuery): PageRequest {
  const page = pageRequest(query, orderings, 'name')
  checkCursorValue(page, page.field === 'name' ? 'text' : 'id')
  return page
}

export async function listDeveloperViews(ctx: AppContext, organizationId: string, page: PageRequest, query: DeveloperListQuery): Promise<Developer[]> {
  return viewsOf(ctx.db, await listDevelopers(ctx.db, organizationId, page, { search: query.search }))
}

async function liveDeveloper(ctx: AppContext, organizationId: string, id: string): Promise<DeveloperRow> {
  const row = await findDeveloperById(ctx.db, organizationId, id)
  if (!row) throw notFound()
  return row
}

export const getDeveloper = async (ctx: AppContext, organizationId: string, id: string): Promise<Developer> =>
  viewOf(ctx.db, await liveDeveloper(ctx, organizationId, id))

async function checkDeveloper(ctx: AppContext, organizationId: string, input: UpdateDeveloper, exceptId?: string) {
  const nameTaken = input.name !== undefined && (await developerNameTaken(ctx.db, organizationId, input.name, exceptId))
  const errors = takenErrors('developers', { name: nameTaken })
  const missing = input.role_ids && missingRelated(input.role_ids, await findLiveRoleIds(ctx.db, organizationId, input.role_ids))
  if (missing) errors.role_ids = missing
  if (Object.keys(errors).length) throw new ValidationError(errors)
}

/** A developer of an organization, as roles/grants.ts sees it: never a superuser. */
const account = (id: string) => ({ type: 'developer' as const, id, isSuperuser: false })

/** 404 unless the developer is live; 403 unless the caller may act on it (it holds nothing beyond the caller's reach). */
export async function guardedDeveloper(ctx: AppContext, organizationId: string, id: string, grantor: Grantor): Promise<DeveloperRow> {
  const row = await liveDeveloper(ctx, organizationId, id)
  await assertMayActOn(ctx.db, organizationId, grantor, account(id))
  return row
}

export async function createDeveloper(ctx: AppContext, organizationId: string, input: CreateDeveloper, actor: Actor, grantor: Grantor): Promise<Developer> {
  await checkDeveloper(ctx, organizationId, input)
  await assertMaySetRoles(ctx.db, organizationId, grantor, [], input.role_ids ?? [])
  return write(ctx, async (tx, w) => {
    const row = await insertDeveloper(tx, organizationId, { name: input.name, email: input.email })
    if (input.role_ids) await setDeveloperRoles(tx, organizationId, row.id, input.role_ids)
    w.audit(actor, { organizationId, action: 'developer.created', targetType: 'developer', targetId: row.id, metadata: { name: row.name, role_ids: input.role_ids ?? [] } })
    return viewOf(tx, row)
  })
}

export async function changeDeveloper(ctx: AppContext, organizationId: string, id: string, input: UpdateDeveloper, actor: Actor, grantor: Grantor): Promise<Developer> {
  await guardedDeveloper(ctx, organizationId, id, grantor)
  await checkDeveloper(ctx, organizationId, input, id)
  if (input.role_ids) await assertMaySetRoles(ctx.db, organizationId, grantor, await currentRoleIds(ctx.db, organizationId, account(id)), input.role_ids)
  return write(ctx, async (tx, w) => {
    const row = await updateDeveloper(tx, organizationId, id, { name: input.name, email: input.email })
    if (!row) throw notFound()
    if (input.role_ids) await setDeveloperRoles(tx, organizationId, id, input.role_ids)
    w.audit(actor, { organizationId, action: 'developer.updated', targetType: 'developer', targetId: id, metadata: { fields: Object.keys(input), ...(input.role_ids && { role_ids: input.role_ids }) } })
    // Its keys act with the new roles from the next request on.
    w.invalidate(tags.developer(id))
    return viewOf(tx, row)
  })
}

/** Soft-deletes a developer and revokes every key it has, at once. */
export async function deleteDeveloper(ctx: AppContext, organizationId: string, id: string, actor: Actor, grantor: Grantor): Promise<void> {
  await guardedDeveloper(ctx, organizationId, id, grantor)
  await write(ctx, async (tx, w) => {
    if (!(await softDeleteDeveloper(tx, organizationId, id))) throw notFound()
    const revoked = await revokeAllApiKeys(tx, organizationId, { developerId: id })
    w.audit(actor, { organizationId, action: 'developer.deleted', targetType: 'developer', targetId: id, metadata: { keys_revoked: revoked.length } })
    // Its OAuth clients go with it: their cached metadata is tagged with it, and the database's trigger ended their tokens.
    w.invalidate(tags.developer(id), ...revoked.map(tags.apiKey))
  })
}

/** Brings a developer back (409 if its name was taken); its old keys stay revoked. */
export async function undeleteDeveloper(ctx: AppContext, organizationId: string, id: string, actor: Actor, grantor: Grantor): Promise<Developer> {
  const gone = await findDeletedDeveloper(ctx.db, organizationId, id)
  if (!gone) throw notFound()
  await assertMayActOn(ctx.db, organizationId, grantor, account(id))
  const clash = () => conflict('A developer with this name already exists.')
  if (await developerNameTaken(ctx.db, organizationId, gone.name)) throw clash()
  return write(ctx, async (tx, w) => {
    const row = await restoreDeveloper(tx, organizationId, id)
    if (!row) throw notFound()
    w.audit(actor, { organizationId, action: 'developer.restored', targetType: 'developer', targetId: id })
    // Its clients come back: the provider's cached "no such client" is tagged with the client only.
    const clientIds = await clientIdsOfDeveloper(tx, organizationId, id)
    w.invalidate(tags.developer(id), ...clientIds.map(tags.oauthClient))
    return viewOf(tx, row)
  }, { onUniqueViolation: clash })
}

/** One page of a developer's live keys, and the page read (404 for a missing developer comes before a 400 for a bad cursor). */
export async function listDeveloperKeyViews(ctx: AppContext, organizationId: string, developerId: string, query: { limit?: number; cursor?: string }) {
  await liveDeveloper(ctx, organizationId, developerId)
  const page = pageRequest(query, { created_at: apiKeys.id }, '-created_at')
  return { page, keys: (await listDeveloperKeys(ctx.db, organizationId, developerId, page)).map(toApiKey) }
}

/** A key acts as its developer, so minting one is bounded like granting the developer's permissions. */
export async function createDeveloperKey(ctx: AppContext, organizationId: string, developerId: string, input: CreateApiKey, actor: Actor, grantor: Grantor) {
  const expiresAt = input.expires_at ? new Date(input.expires_at) : null
  if (expiresAt && expiresAt.getTime() <= Date.now()) throw fieldError('expires_at', 'Expiry must be in the future.')
  await guardedDeveloper(ctx, organizationId, developerId, grantor)
  return write(ctx, async (tx, w) => {
    const { row, key } = await insertApiKey(tx, organizationId, { developerId }, { name: input.name, expiresAt }, 'dev')
    w.audit(actor, { organizationId, action: 'api_key.created', targetType: 'api_key', targetId: row.id, metadata: { name: input.name, owner: 'developer', developer_id: developerId } })
    return { ...toApiKey(row), key }
  })
}

/** Guarded like deleting the developer (which revokes every key): staff cannot cut off a developer who holds more than they do. */
export async function revokeDeveloperKey(ctx: AppContext, organizationId: string, developerId: string, keyId: string, actor: Actor, grantor: Grantor): Promise<void> {
  await guardedDeveloper(ctx, organizationId, developerId, grantor)
  await write(ctx, async (tx, w) => {
    if (!(await revokeApiKey(tx, organizationId, { developerId }, keyId))) throw notFound()
    w.audit(actor, { organizationId, action: 'api_key.revoked', targetType: 'api_key', targetId: keyId, metadata: { owner: 'developer', developer_id: developerId } })
    w.invalidate(tags.apiKey(keyId))
  })
}
