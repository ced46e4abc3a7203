import { and, eq, isNull } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { users } from '../../db/schema'
import { ValidationError, notFound } from '../../lib/errors'
import { insertAuditEvent, type Actor } from '../audit/audit.repository'
import { revokeAllApiKeys } from '../auth/api-keys.repository'
import { revokeUserSessions } from '../auth/sessions.repository'
import { rethrowTaken, takenErrors } from '../auth/auth.service'
import { findOrganizationByIdOrSlug } from '../organizations/organizations.repository'
import { validateProfile } from './profile'
import { findTakenIdentity, findUserById, loadUser, updateUser, type NewUserRow } from './users.repository'
import type { UpdateMe, User } from './users.schemas'

/**
 * Changes the editable fields of a user (self-service or staff). Checks uniqueness and
 * the organization's profile schema first; a changed email must be verified again.
 */
export async function updateUserFields(app: FastifyInstance, organizationId: string, userId: string, input: UpdateMe, actor: Actor, extra: Partial<NewUserRow> = {}): Promise<User> {
  const current = await findUserById(app.db, organizationId, userId)
  if (!current) throw notFound()
  const errors: Record<string, string[]> = takenErrors(await findTakenIdentity(app.db, organizationId, { username: input.username, email: input.email }, userId))
  if (input.profile !== undefined) {
    const org = await findOrganizationByIdOrSlug(app.db, organizationId)
    const profileErrors = org ? validateProfile(org, input.profile) : []
    if (profileErrors.length) errors.profile = profileErrors
  }
  if (Object.keys(errors).length) throw new ValidationError(errors)
  const emailChanged = input.email !== undefined && input.email.toLowerCase() !== current.email.toLowerCase()
  const changes: Partial<NewUserRow> = {
    ...(input.username !== undefined && { username: input.username }),
    ...(input.email !== undefined && { email: input.email }),
    ...(input.first_name !== undefined && { firstName: input.first_name }),
    ...(input.last_name !== undefined && { lastName: input.last_name }),
    ...(input.phone_number !== undefined && { phoneNumber: input.phone_number }),
    ...(input.profile !== undefined && { profile: input.profile }),
    ...(emailChanged && { emailVerified: false }),
    ...extra,
  }
  const row = await app.db.transaction(async (tx) => {
    const row = await updateUser(tx, organizationId, userId, changes)
    if (!row) throw notFound()
    await insertAuditEvent(tx, actor, { organizationId, action: 'user.updated', targetType: 'user', targetId: userId, metadata: { fields: Object.keys(input).concat(Object.keys(extra)) } })
    return row
  }).catch(rethrowTaken)
  await app.invalidate([`user:${userId}`])
  return loadUser(app.db, row)
}

/** Soft-deletes a user and ends everything that lets them in: sessions and keys, at once. */
export async function softDeleteUser(app: FastifyInstance, organizationId: string, userId: string, actor: Actor): Promise<void> {
  const deleted = await app.db.transaction(async (tx) => {
    const [row] = await tx.update(users).set({ deletedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(users.organizationId, organizationId), eq(users.id, userId), isNull(users.deletedAt))).returning({ id: users.id })
    if (!row) return false
    await revokeUserSessions(tx, userId, 'user_deleted')
    await revokeAllApiKeys(tx, organizationId, { userId })
    await insertAuditEvent(tx, actor, { organizationId, action: 'user.deleted', targetType: 'user', targetId: userId })
    return true
  })
  if (!deleted) throw notFound()
  await app.invalidate([`user:${userId}`])
}
