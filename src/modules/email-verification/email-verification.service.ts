import type { AppContext } from '../../context'
import { tags } from '../../lib/cache-tags'
import { fieldError } from '../../lib/errors'
import { write } from '../../write'
import type { Actor } from '../audit/audit.repository'
import { linkWithToken, verifyEmailEmail } from '../email/templates'
import { findOrganizationById } from '../organizations/organizations.repository'
import { findUserById, updateUser, type UserRow } from '../users/users.repository'
import { consumeToken, issueOneTimeToken } from '../one-time-tokens/one-time-tokens.repository'

const EMAIL_VERIFICATION_TTL_HOURS = 24

/** Issues a 24-hour verification token (older ones die) and mails the link. */
export async function sendVerificationEmail(ctx: AppContext, user: UserRow): Promise<void> {
  const token = await issueOneTimeToken(ctx.db, { organizationId: user.organizationId, userId: user.id }, 'email_verification', EMAIL_VERIFICATION_TTL_HOURS * 3600_000)
  const url = await emailLink(ctx, user.organizationId, '/verify-email', token)
  ctx.mailer.send(verifyEmailEmail({ email: user.email, username: user.username, first_name: user.firstName }, url, EMAIL_VERIFICATION_TTL_HOURS))
}

/** `PUBLIC_URL/<path>?token=…&org=<slug>`: the hosted pages (or a shop's own front end) read both. */
export async function emailLink(ctx: AppContext, organizationId: string, path: string, token: string): Promise<string> {
  const org = await findOrganizationById(ctx.db, organizationId)
  return linkWithToken(ctx.config.publicUrl, path, token, org?.slug ?? '')
}

export const invalidToken = () => fieldError('token', 'Invalid or expired token.')

/** `{token}` from the link → the user's email is verified. */
export async function verifyEmail(ctx: AppContext, token: string, actor: Actor): Promise<void> {
  const user = await write(ctx, async (tx, w) => {
    const row = await consumeToken(tx, 'email_verification', token)
    const user = row && (await findUserById(tx, row.organizationId, row.userId))
    if (!user) return undefined
    await updateUser(tx, user.organizationId, user.id, { emailVerified: true })
    w.audit({ ...actor, actorType: 'user', actorId: user.id }, { organizationId: user.organizationId, action: 'email.verified', targetType: 'user', targetId: user.id })
    w.invalidate(tags.user(user.id), tags.usersList(user.organizationId))
    return user
  })
  if (!user) throw invalidToken()
}

/** Authenticated resend; throttled per account so it cannot be used to flood a mailbox. */
export async function resendVerification(ctx: AppContext, principal: { id: string; organizationId: string }): Promise<void> {
  const user = await findUserById(ctx.db, principal.organizationId, principal.id)
  if (!user) throw fieldError('non_field_errors', 'User not found.')
  if (user.emailVerified) throw fieldError('non_field_errors', 'Email address is already verified.')
  await ctx.throttle.checkAccount('email_resend', `${user.organizationId}:${user.id}`)
  await sendVerificationEmail(ctx, user)
}
