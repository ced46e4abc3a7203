import type { AppContext } from '../../context'
import { tags } from '../../lib/cache-tags'
import { ValidationError } from '../../lib/errors'
import { checkPassword } from '../../lib/password-policy'
import { write } from '../../write'
import type { Actor } from '../audit/audit.repository'
import { passwordChangedEmail, passwordResetEmail } from '../email/templates'
import { findUserByEmail, findUserById, updateUser } from '../users/users.repository'
import { recipientOf } from '../users/recipient'
import { emailLink, invalidToken } from '../email-verification/email-verification.service'
import { revokeAllApiKeys } from '../api-keys/api-keys.repository'
import { consumeToken, deleteUnusedTokens, findLiveToken, issueOneTimeToken } from '../one-time-tokens/one-time-tokens.repository'
import { revokeUserSessions } from '../sessions/sessions.repository'
import { accountKey } from '../throttle/throttle'

const PASSWORD_RESET_TTL_MINUTES = 30

/**
 * `{email}` → 202, whatever the email. The lookup, the token and the mail all happen
 * after the response, so known and unknown addresses answer in the same time.
 */
export async function forgotPassword(ctx: AppContext, organizationId: string, email: string, actor: Actor): Promise<void> {
  await ctx.throttle.checkAccount('forgot', `${organizationId}:email:${email.trim().toLowerCase()}`)
  ctx.background('password-reset-request', async () => {
    const user = await findUserByEmail(ctx.db, organizationId, email)
    if (!user?.isActive) return
    const token = await write(ctx, async (tx, w) => {
      const token = await issueOneTimeToken(tx, { organizationId, userId: user.id }, 'password_reset', PASSWORD_RESET_TTL_MINUTES * 60_000)
      w.audit(actor, { organizationId, action: 'password.reset_requested', targetType: 'user', targetId: user.id })
      return token
    })
    const url = await emailLink(ctx, organizationId, '/reset-password', token)
    ctx.mailer.send(passwordResetEmail(recipientOf(user), url, PASSWORD_RESET_TTL_MINUTES))
  })
}

/** `{token, new_password}` → new password, every session and personal access token ended, lockout cleared, user notified. */
export async function resetPassword(ctx: AppContext, body: { token: string; new_password: string }, actor: Actor): Promise<void> {
  const row = await findLiveToken(ctx.db, 'password_reset', body.token)
  const user = row && (await findUserById(ctx.db, row.organizationId, row.userId))
  if (!user?.isActive) throw invalidToken()
  await ctx.throttle.checkAccount('reset', accountKey(user.organizationId, user, user.username))
  const policy = checkPassword(body.new_password, ctx.config.passwordMinLength, { username: user.username, email: user.email, first_name: user.firstName, last_name: user.lastName })
  if (policy.length) throw new ValidationError({ new_password: policy })
  const passwordHash = await ctx.hasher.hash(body.new_password)
  const done = await write(ctx, async (tx, w) => {
    if (!(await consumeToken(tx, 'password_reset', body.token))) return false
    // Following the link proves control of the mailbox, so the address counts as verified.
    await updateUser(tx, user.organizationId, user.id, { passwordHash, emailVerified: true })
    // Sign-ins half-way through (password step done with the old password) die with it.
    await deleteUnusedTokens(tx, user.id, 'mfa')
    await deleteUnusedTokens(tx, user.id, 'mfa_setup')
    const ended = await revokeUserSessions(tx, user.id, 'password_reset')
    // A reset is what someone does when the account may be compromised: keys minted by the intruder die too.
    const keys = await revokeAllApiKeys(tx, user.organizationId, { userId: user.id })
    w.audit({ ...actor, actorType: 'user', actorId: user.id }, { organizationId: user.organizationId, action: 'password.reset', targetType: 'user', targetId: user.id, metadata: { sessions_ended: ended.length, keys_revoked: keys.length } })
    w.invalidate(tags.user(user.id), ...ended.map(tags.session), ...keys.map(tags.apiKey))
    return true
  })
  if (!done) throw invalidToken()
  await ctx.throttle.clear(accountKey(user.organizationId, user, user.username))
  ctx.mailer.send(passwordChangedEmail(recipientOf(user), 'reset'))
}
