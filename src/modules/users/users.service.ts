import { and, eq, isNull } from 'drizzle-orm'
import type { AppContext } from '../../context'
import type { Executor } from '../../db'
import { users } from '../../db/schema'
import { tags } from '../../lib/cache-tags'
import { ValidationError, conflict, notFound } from '../../lib/errors'
import { missingRelated } from '../../lib/listing'
import { checkPassword } from '../../lib/password-policy'
import type { Grantor } from '../../lib/grants'
import { REGISTRATION_ROLE } from '../../lib/permissions'
import type { Actor } from '../audit/audit.repository'
import type { AuditMetadata } from '../audit/audit-actions'
import { deleteUnusedTokens } from '../one-time-tokens/one-time-tokens.repository'
import { sendVerificationEmail } from '../email-verification/email-verification.service'
import { revokeAllApiKeys } from '../api-keys/api-keys.repository'
import { revokeUserSessions } from '../sessions/sessions.repository'
import { takenErrors } from '../../lib/unique-fields'
import { findOrganizationByIdOrSlug, findRolesByName } from '../organizations/organizations.repository'
import { assertMayActOn, assertMaySetRoles, currentRoleIds } from '../roles/grants'
import { findLiveRoleIds } from '../roles/roles.repository'
import { validateProfile } from './profile'
import {
  assignRolesToUsers, findDeletedUser, findTakenIdentity, findUserById, insertUsers, loadUser, replaceUserRoles, restoreUser, updateUser, type NewUserRow, type UserRow,
} from './users.repository'
import type { CreateUser, UpdateMe, User } from './users.schemas'
import { write, type Writer } from '../../write'

/** A row column's name as the API spells it (`isActive` → `is_active`): audit metadata speaks the API's vocabulary. */
const apiFieldName = (column: string) => column.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/**
 * Changes the editable fields of a user (self-service or staff). Checks uniqueness and
 * the organization's profile schema first; a changed email must be verified again.
 */
export async function updateUserFields(ctx: AppContext, organizationId: string, userId: string, input: UpdateMe, actor: Actor, extra: Partial<NewUserRow> = {}): Promise<User> {
  const current = await findUserById(ctx.db, organizationId, userId)
  if (!current) throw notFound()
  const errors: Record<string, string[]> = takenErrors('users', await findTakenIdentity(ctx.db, organizationId, { username: input.username, email: input.email }, userId))
  if (input.profile !== undefined) {
    const org = await findOrganizationByIdOrSlug(ctx.db, organizationId)
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
  const row = await write(ctx, async (tx, w) => {
    const row = await updateUser(tx, organizationId, userId, changes)
    if (!row) throw notFound()
    // Deactivation ends everything that lets the user in, in the same transaction.
    if (extra.isActive === false && current.isActive) {
      await revokeUserSessions(tx, userId, 'user_deactivated')
      await revokeAllApiKeys(tx, organizationId, { userId })
    }
    // A link mailed to the old address must not verify the new one.
    if (emailChanged) await deleteUnusedTokens(tx, userId, 'email_verification')
    w.audit(actor, { organizationId, action: 'user.updated', targetType: 'user', targetId: userId, metadata: { fields: Object.keys(input).concat(Object.keys(extra).map(apiFieldName)) } })
    w.invalidate(tags.user(userId), tags.usersList(organizationId))
    return row
  })
  if (emailChanged && !row.emailVerified) await sendVerificationEmail(ctx, row)
  return loadUser(ctx.db, row)
}

/** Soft-deletes a user and ends everything that lets them in: sessions and keys, at once. */
export async function softDeleteUser(ctx: AppContext, organizationId: string, userId: string, actor: Actor): Promise<void> {
  const deleted = await write(ctx, async (tx, w) => {
    const [row] = await tx.update(users).set({ deletedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(users.organizationId, organizationId), eq(users.id, userId), isNull(users.deletedAt))).returning({ id: users.id })
    if (!row) return false
    await revokeUserSessions(tx, userId, 'user_deleted')
    await revokeAllApiKeys(tx, organizationId, { userId })
    w.audit(actor, { organizationId, action: 'user.deleted', targetType: 'user', targetId: userId })
    w.invalidate(tags.user(userId), tags.usersList(organizationId))
    return true
  })
  if (!deleted) throw notFound()
}

/**
 * Staff creates a user: same checks as registration; `role_ids` omitted means the
 * registration role (what signing up gives anyone), given means a grant, bounded.
 */
export async function createUser(ctx: AppContext, organizationId: string, input: CreateUser, actor: Actor, grantor: Grantor): Promise<User> {
  const org = await findOrganizationByIdOrSlug(ctx.db, organizationId)
  if (!org) throw notFound()
  const errors: Record<string, string[]> = takenErrors('users', await findTakenIdentity(ctx.db, organizationId, input))
  if (input.password) {
    const policy = checkPassword(input.password, ctx.config.passwordMinLength, input)
    if (policy.length) errors.password = policy
  }
  const profileErrors = validateProfile(org, input.profile ?? {})
  if (profileErrors.length) errors.profile = profileErrors
  const missingRoles = input.role_ids && missingRelated(input.role_ids, await findLiveRoleIds(ctx.db, organizationId, input.role_ids))
  if (missingRoles) errors.role_ids = missingRoles
  if (Object.keys(errors).length) throw new ValidationError(errors)
  if (input.role_ids) await assertMaySetRoles(ctx.db, organizationId, grantor, [], input.role_ids)

  // Slow work before the transaction opens.
  const passwordHash = input.password ? await ctx.hasher.hash(input.password) : null
  const row = await write(ctx, async (tx, w) => {
    const fields: NewUserRow = {
      username: input.username, email: input.email, passwordHash,
      firstName: input.first_name ?? '', lastName: input.last_name ?? '', phoneNumber: input.phone_number ?? '', profile: input.profile ?? {},
      isActive: input.is_active ?? true, isSuperuser: input.is_superuser ?? false, emailVerified: input.email_verified ?? false,
    }
    const roleIds = input.role_ids ?? (await findRolesByName(tx, organizationId, [REGISTRATION_ROLE])).map((r) => r.id)
    const [user] = await insertNewUsers(tx, w, organizationId, [{ fields, roleIds, metadata: input.is_superuser ? { superuser: true } : {} }], actor)
    w.invalidate(tags.user(user.id), tags.usersList(organizationId)) // nobody has the new user cached, but the list changes here at once
    return user
  })
  return loadUser(ctx.db, row)
}

export interface NewUser { fields: NewUserRow; roleIds: string[]; metadata?: Omit<AuditMetadata['user.created'], 'role_ids'> }

/**
 * The one write of new users, in the caller's transaction, after its checks: the rows,
 * their roles and a `user.created` audit event each. POST /users/, `createsuperuser` and
 * `import-django` (500 at a time) all create users here.
 */
export async function insertNewUsers(tx: Executor, w: Writer, organizationId: string, newUsers: NewUser[], actor: Actor): Promise<UserRow[]> {
  const rows = await insertUsers(tx, organizationId, newUsers.map((u) => u.fields))
  await assignRolesToUsers(tx, organizationId, rows.map((row, i) => ({ userId: row.id, roleIds: [...new Set(newUsers[i].roleIds)] })))
  rows.forEach((row, i) => w.audit(actor, {
    organizationId, action: 'user.created', targetType: 'user', targetId: row.id, metadata: { role_ids: newUsers[i].roleIds, ...newUsers[i].metadata },
  }))
  return rows
}

/** Brings a deleted user back (409 if a live user took the username or email). Sessions and keys stay revoked. */
export async function undeleteUser(ctx: AppContext, organizationId: string, userId: string, actor: Actor): Promise<User> {
  const gone = await findDeletedUser(ctx.db, organizationId, userId)
  if (!gone) throw notFound()
  const clash = () => conflict('A user with this username or email already exists.')
  const taken = await findTakenIdentity(ctx.db, organizationId, { username: gone.username, email: gone.email })
  if (taken.username || taken.email) throw clash()
  const row = await write(ctx, async (tx, w) => {
    const row = await restoreUser(tx, organizationId, userId)
    if (!row) throw notFound()
    w.audit(actor, { organizationId, action: 'user.restored', targetType: 'user', targetId: userId })
    w.invalidate(tags.user(userId), tags.usersList(organizationId))
    return row
  }, { onUniqueViolation: clash })
  return loadUser(ctx.db, row)
}

/** `PUT /users/{id}/roles/`: the role set becomes exactly `roleIds`; effective on the user's next request. */
export async function setUserRoles(ctx: AppContext, organizationId: string, userId: string, roleIds: string[], actor: Actor, grantor: Grantor): Promise<User> {
  const target = await findUserById(ctx.db, organizationId, userId)
  if (!target) throw notFound()
  const missing = missingRelated(roleIds, await findLiveRoleIds(ctx.db, organizationId, roleIds))
  if (missing) throw new ValidationError({ role_ids: missing })
  const account = { type: 'user' as const, id: userId, isSuperuser: target.isSuperuser }
  await assertMayActOn(ctx.db, organizationId, grantor, account)
  await assertMaySetRoles(ctx.db, organizationId, grantor, await currentRoleIds(ctx.db, organizationId, account), roleIds)
  const row = await write(ctx, async (tx, w) => {
    // Lock the user row: a concurrent delete or role change of the same user waits for us.
    const row = await updateUser(tx, organizationId, userId, {})
    if (!row) throw notFound()
    await replaceUserRoles(tx, organizationId, userId, roleIds)
    w.audit(actor, { organizationId, action: 'user.roles_set', targetType: 'user', targetId: userId, metadata: { role_ids: [...new Set(roleIds)] } })
    w.invalidate(tags.user(userId), tags.usersList(organizationId))
    return row
  })
  return loadUser(ctx.db, row)
}
