import type { AppContext } from '../../context'
import { conflict, fieldError, isUniqueViolation, notFound, ValidationError } from '../../lib/errors'
import type { Grantor } from '../../lib/grants'
import { missingRelated } from '../../lib/listing'
import { insertAuditEvent, type Actor } from '../audit/audit.repository'
import { insertApiKey, revokeAllApiKeys, revokeApiKey } from '../api-keys/api-keys.repository'
import type { CreateApiKey } from '../api-keys/api-keys.schemas'
import { assertMayActOn, assertMaySetRoles, currentRoleIds } from '../roles/grants'
import { findLiveRoleIds } from '../roles/roles.repository'
import {
  developerNameTaken, findDeletedDeveloper, findDeveloperById, insertDeveloper, restoreDeveloper, setDeveloperRoles, softDeleteDeveloper, updateDeveloper,
  type DeveloperRow,
} from './developers.repository'
import type { CreateDeveloper, UpdateDeveloper } from './developers.schemas'

const NAME_TAKEN = 'developer with this name already exists.'
const rethrowTaken = (err: unknown): never => { throw isUniqueViolation(err) ? fieldError('name', NAME_TAKEN) : err }

async function checkDeveloper(ctx: AppContext, organizationId: string, input: UpdateDeveloper, exceptId?: string) {
  const errors: Record<string, string[]> = {}
  if (input.name !== undefined && (await developerNameTaken(ctx.db, organizationId, input.name, exceptId))) errors.name = [NAME_TAKEN]
  const missing = input.role_ids && missingRelated(input.role_ids, await findLiveRoleIds(ctx.db, organizationId, input.role_ids))
  if (missing) errors.role_ids = missing
  if (Object.keys(errors).length) throw new ValidationError(errors)
}

/** A developer of an organization, as roles/grants.ts sees it: never a superuser. */
const account = (id: string) => ({ type: 'developer' as const, id, isSuperuser: false })

/** 404 unless the developer is live; 403 unless the caller may act on it (it holds nothing beyond the caller's reach). */
async function guardedDeveloper(ctx: AppContext, organizationId: string, id: string, grantor: Grantor): Promise<DeveloperRow> {
  const row = await findDeveloperById(ctx.db, organizationId, id)
  if (!row) throw notFound()
  await assertMayActOn(ctx.db, organizationId, grantor, account(id))
  return row
}

export async function createDeveloper(ctx: AppContext, organizationId: string, input: CreateDeveloper, actor: Actor, grantor: Grantor): Promise<DeveloperRow> {
  await checkDeveloper(ctx, organizationId, input)
  await assertMaySetRoles(ctx.db, organizationId, grantor, [], input.role_ids ?? [])
  return ctx.db.transaction(async (tx) => {
    const row = await insertDeveloper(tx, organizationId, { name: input.name, email: input.email })
    if (input.role_ids) await setDeveloperRoles(tx, organizationId, row.id, input.role_ids)
    await insertAuditEvent(tx, actor, { organizationId, action: 'developer.created', targetType: 'developer', targetId: row.id, metadata: { name: row.name, role_ids: input.role_ids ?? [] } })
    return row
  }).catch(rethrowTaken)
}

export async function changeDeveloper(ctx: AppContext, organizationId: string, id: string, input: UpdateDeveloper, actor: Actor, grantor: Grantor): Promise<DeveloperRow> {
  await guardedDeveloper(ctx, organizationId, id, grantor)
  await checkDeveloper(ctx, organizationId, input, id)
  if (input.role_ids) await assertMaySetRoles(ctx.db, organizationId, grantor, await currentRoleIds(ctx.db, organizationId, account(id)), input.role_ids)
  const row = await ctx.db.transaction(async (tx) => {
    const row = await updateDeveloper(tx, organizationId, id, { name: input.name, email: input.email })
    if (!row) throw notFound()
    if (input.role_ids) await setDeveloperRoles(tx, organizationId, id, input.role_ids)
    await insertAuditEvent(tx, actor, { organizationId, action: 'developer.updated', targetType: 'developer', targetId: id, metadata: { fields: Object.keys(input), ...(input.role_ids && { role_ids: input.role_ids }) } })
    return row
  }).catch(rethrowTaken)
  // Its keys act with the new roles from the next request on.
  await ctx.invalidate([`developer:${id}`])
  return row
}

/** Soft-deletes a developer and revokes every key it has, at once. */
export async function deleteDeveloper(ctx: AppContext, organizationId: string, id: string, actor: Actor, grantor: Grantor): Promise<void> {
  await guardedDeveloper(ctx, organizationId, id, grantor)
  const revoked = await ctx.db.transaction(async (tx) => {
    if (!(await softDeleteDeveloper(tx, organizationId, id))) return undefined
    const revoked = await revokeAllApiKeys(tx, organizationId, { developerId: id })
    await insertAuditEvent(tx, actor, { organizationId, action: 'developer.deleted', targetType: 'developer', targetId: id, metadata: { keys_revoked: revoked.length } })
    return revoked
  })
  if (!revoked) throw notFound()
  await ctx.invalidate([`developer:${id}`, ...revoked.map((k) => `key:${k}`)])
}

/** Brings a developer back (409 if its name was taken); its old keys stay revoked. */
export async function undeleteDeveloper(ctx: AppContext, organizationId: string, id: string, actor: Actor, grantor: Grantor): Promise<DeveloperRow> {
  const gone = await findDeletedDeveloper(ctx.db, organizationId, id)
  if (!gone) throw notFound()
  await assertMayActOn(ctx.db, organizationId, grantor, account(id))
  const clash = () => conflict('A developer with this name already exists.')
  if (await developerNameTaken(ctx.db, organizationId, gone.name)) throw clash()
  const row = await ctx.db.transaction(async (tx) => {
    const row = await restoreDeveloper(tx, organizationId, id)
    if (!row) throw notFound()
    await insertAuditEvent(tx, actor, { organizationId, action: 'developer.restored', targetType: 'developer', targetId: id })
    return row
  }).catch((err) => { throw isUniqueViolation(err) ? clash() : err })
  await ctx.invalidate([`developer:${id}`])
  return row
}

/** A key acts as its developer, so minting one is bounded like granting the developer's permissions. */
export async function createDeveloperKey(ctx: AppContext, organizationId: string, developerId: string, input: CreateApiKey, actor: Actor, grantor: Grantor) {
  const expiresAt = input.expires_at ? new Date(input.expires_at) : null
  if (expiresAt && expiresAt.getTime() <= Date.now()) throw fieldError('expires_at', 'Expiry must be in the future.')
  await guardedDeveloper(ctx, organizationId, developerId, grantor)
  return ctx.db.transaction(async (tx) => {
    const created = await insertApiKey(tx, organizationId, { developerId }, { name: input.name, expiresAt }, 'dev')
    await insertAuditEvent(tx, actor, { organizationId, action: 'api_key.created', targetType: 'api_key', targetId: created.row.id, metadata: { name: input.name, owner: 'developer', developer_id: developerId } })
    return created
  })
}

export async function revokeDeveloperKey(ctx: AppContext, organizationId: string, developerId: string, keyId: string, actor: Actor): Promise<void> {
  if (!(await findDeveloperById(ctx.db, organizationId, developerId))) throw notFound()
  const revoked = await ctx.db.transaction(async (tx) => {
    if (!(await revokeApiKey(tx, organizationId, { developerId }, keyId))) return false
    await insertAuditEvent(tx, actor, { organizationId, action: 'api_key.revoked', targetType: 'api_key', targetId: keyId, metadata: { owner: 'developer', developer_id: developerId } })
    return true
  })
  if (!revoked) throw notFound()
  await ctx.invalidate([`key:${keyId}`])
}
