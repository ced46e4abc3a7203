import type { AppContext } from '../../context'
import { tags } from '../../lib/cache-tags'
import { conflict, notFound, ValidationError } from '../../lib/errors'
import type { Executor } from '../../db'
import { parseOriginList } from '../../lib/origins'
import { takenErrors } from '../../lib/unique-fields'
import { write, type WriteOptions } from '../../write'
import type { Actor } from '../audit/audit.repository'
import { revokeOrganizationApiKeys } from '../api-keys/api-keys.repository'
import { deleteOrganizationUnusedTokens } from '../one-time-tokens/one-time-tokens.repository'
import { revokeOrganizationSessions } from '../sessions/sessions.repository'
import { checkProfileSchema } from '../users/profile'
import { DEFAULT_ORGANIZATION_SLUG } from './bootstrap'
import {
  findDeletedOrganization, findOrganizationById, insertOrganizationWithDefaults, restoreOrganization, slugTaken, softDeleteOrganization,
  updateOrganization, type NewOrganization, type OrganizationRow,
} from './organizations.repository'
import type { CreateOrganization, UpdateOrganization } from './organizations.schemas'
import { uniqueSlug } from './slug'

/** A derived slug lost to a concurrent create: derived again, not reported. */
class DerivedSlugTaken extends Error {}

async function check(ctx: AppContext, input: UpdateOrganization, current?: OrganizationRow) {
  const errors: Record<string, string[]> = {}
  if (input.slug !== undefined && input.slug !== current?.slug) {
    // Public endpoints fall back to the `default` slug: renaming it would orphan them.
    if (current?.slug === DEFAULT_ORGANIZATION_SLUG) errors.slug = ['The slug of the default organization cannot be changed.']
    else if (await slugTaken(ctx.db, input.slug, current?.id)) Object.assign(errors, takenErrors('organizations', { slug: true }))
  }
  if (input.profile_schema) {
    const problem = checkProfileSchema(input.profile_schema)
    if (problem) errors.profile_schema = [problem]
  }
  const origins = input.cors_allowed_origins && parseOriginList(input.cors_allowed_origins)
  if (origins && 'error' in origins) errors.cors_allowed_origins = [origins.error]
  if (Object.keys(errors).length) throw new ValidationError(errors)
}

const toColumns = (input: UpdateOrganization): Partial<NewOrganization> => ({
  ...(input.name !== undefined && { name: input.name }),
  ...(input.slug !== undefined && { slug: input.slug }),
  ...(input.allow_registration !== undefined && { allowRegistration: input.allow_registration }),
  ...(input.require_email_verification !== undefined && { requireEmailVerification: input.require_email_verification }),
  ...(input.profile_schema !== undefined && { profileSchema: input.profile_schema }),
  ...(input.cors_allowed_origins !== undefined && { corsAllowedOrigins: normalizedOrigins(input.cors_allowed_origins) }),
})

function normalizedOrigins(entries: string[]): string[] {
  const parsed = parseOriginList(entries)
  if ('error' in parsed) throw new ValidationError({ cors_allowed_origins: [parsed.error] })
  return parsed.origins
}

/** Who opened which origins is worth keeping: the new list goes into the audit event. */
const changedOrigins = (input: UpdateOrganization, row: OrganizationRow) =>
  input.cors_allowed_origins !== undefined ? { cors_allowed_origins: row.corsAllowedOrigins } : {}

/** A new organization comes with the built-in permissions and the default roles. */
export async function createOrganization(ctx: AppContext, input: CreateOrganization, actor: Actor): Promise<OrganizationRow> {
  await check(ctx, input)
  const insert = (slug: string, opts?: WriteOptions) => write(ctx, async (tx, w) => {
    const org = await insertOrganizationWithDefaults(tx, { ...toColumns(input), name: input.name, slug })
    w.audit(actor, { organizationId: org.id, action: 'organization.created', targetType: 'organization', targetId: org.id, metadata: { slug: org.slug } })
    // Lookups of this slug may have been cached as "no such organization".
    w.invalidate(tags.newOrganization, tags.organizationOrigins)
    return org
  }, opts)
  let row: OrganizationRow | undefined
  if (input.slug !== undefined) row = await insert(input.slug)
  // A derived slug that a concurrent create took between the check and the insert: derive again.
  for (let attempt = 0; !row; attempt++) {
    const retry = attempt < 3 ? { onUniqueViolation: () => new DerivedSlugTaken() } : {}
    row = await insert(await uniqueSlug(ctx.db, input.name), retry).catch((err: unknown) => { if (err instanceof DerivedSlugTaken) return undefined; throw err })
  }
  return row
}

export async function changeOrganization(ctx: AppContext, id: string, input: UpdateOrganization, actor: Actor): Promise<OrganizationRow> {
  const current = await findOrganizationById(ctx.db, id)
  if (!current) throw notFound()
  await check(ctx, input, current)
  return write(ctx, async (tx, w) => {
    const row = await updateOrganization(tx, id, toColumns(input))
    if (!row) throw notFound()
    w.audit(actor, { organizationId: id, action: 'organization.updated', targetType: 'organization', targetId: id, metadata: { fields: Object.keys(input), ...changedOrigins(input, row) } })
    w.invalidate(tags.org(id), tags.newOrganization, tags.organizationOrigins)
    return row
  })
}

/**
 * Ends every credential of an organization: sessions (so their refresh and access tokens),
 * personal and developer keys, unused reset/verification links and pending MFA steps.
 */
async function revokeCredentials(tx: Executor, id: string) {
  const sessions = await revokeOrganizationSessions(tx, id, 'organization_deleted')
  const keys = await revokeOrganizationApiKeys(tx, id)
  await deleteOrganizationUnusedTokens(tx, id)
  return { sessions_ended: sessions, keys_revoked: keys }
}

/**
 * Soft-deletes an organization and revokes every credential of its users and developers
 * in the same transaction, so a restore cannot bring them back (as with a deleted user).
 */
export async function deleteOrganization(ctx: AppContext, id: string, actor: Actor): Promise<void> {
  const current = await findOrganizationById(ctx.db, id)
  if (!current) throw notFound()
  if (current.slug === DEFAULT_ORGANIZATION_SLUG) throw conflict('The default organization cannot be deleted.')
  const deleted = await write(ctx, async (tx, w) => {
    if (!(await softDeleteOrganization(tx, id))) return false
    const revoked = await revokeCredentials(tx, id)
    w.audit(actor, { organizationId: id, action: 'organization.deleted', targetType: 'organization', targetId: id, metadata: revoked })
    w.invalidate(tags.org(id), tags.organizationOrigins)
    return true
  })
  if (!deleted) throw notFound()
}

/** Brings an organization back (409 if a live one took its slug); everyone signs in again and needs new keys. */
export async function undeleteOrganization(ctx: AppContext, id: string, actor: Actor): Promise<OrganizationRow> {
  const gone = await findDeletedOrganization(ctx.db, id)
  if (!gone) throw notFound()
  const clash = () => conflict('An organization with this slug already exists.')
  if (await slugTaken(ctx.db, gone.slug)) throw clash()
  return write(ctx, async (tx, w) => {
    const row = await restoreOrganization(tx, id)
    if (!row) throw notFound()
    // Organizations deleted before deletion revoked credentials still hold live ones: end them now.
    const revoked = await revokeCredentials(tx, id)
    w.audit(actor, { organizationId: id, action: 'organization.restored', targetType: 'organization', targetId: id, metadata: revoked })
    w.invalidate(tags.org(id), tags.newOrganization, tags.organizationOrigins)
    return row
  }, { onUniqueViolation: clash })
}
