import type { AppContext } from '../../context'
import { tags } from '../../lib/cache-tags'
import { ValidationError, fieldError, tokenNotValid } from '../../lib/errors'
import { checkPassword } from '../../lib/password-policy'
import { write } from '../../write'
import type { Actor } from '../audit/audit.repository'
import { passwordChangedEmail } from '../email/templates'
import { deleteUnusedTokens } from '../one-time-tokens/one-time-tokens.repository'
import type { Principal } from '../sessions/principal'
import { revokeUserSessions } from '../sessions/sessions.repository'
import { accountKey } from '../throttle/throttle'
import { recipientOf } from '../users/recipient'
import { findUserById, updateUser } from '../users/users.repository'

export async function changePassword(ctx: AppContext, principal: Principal, body: { old_password: string; new_password: string }, actor: Actor): Promise<void> {
  const user = await findUserById(ctx.db, principal.organizationId, principal.id)
  if (!user) throw tokenNotValid()
  // A stolen access token must not become an unlimited password oracle: same lockout as login.
  const slot = await ctx.throttle.reserve(accountKey(user.organizationId, user, user.username))
  try {
    if (!(await ctx.hasher.verify(user.passwordHash, body.old_password))) {
      await slot.failed()
      throw fieldError('old_password', 'Your old password was entered incorrectly. Please enter it again.')
    }
    await slot.succeeded()
  } finally {
    await slot.release()
  }
  const policy = checkPassword(body.new_password, ctx.config.passwordMinLength, { username: user.username, email: user.email, first_name: user.firstName, last_name: user.lastName })
  if (policy.length) throw new ValidationError({ new_password: policy })
  const passwordHash = await ctx.hasher.hash(body.new_password)
  await write(ctx, async (tx, w) => {
    await updateUser(tx, user.organizationId, user.id, { passwordHash })
    // Sign-ins half-way through (password step done with the old password) die with it.
    await deleteUnusedTokens(tx, user.id, 'mfa')
    await deleteUnusedTokens(tx, user.id, 'mfa_setup')
    const ended = await revokeUserSessions(tx, user.id, 'password_changed', principal.sessionId ?? undefined)
    w.audit(actor, { organizationId: user.organizationId, action: 'password.changed', targetType: 'user', targetId: user.id, metadata: { sessions_ended: ended.length } })
    w.invalidate(tags.user(user.id), ...ended.map(tags.session))
  })
  ctx.mailer.send(passwordChangedEmail(recipientOf(user), 'changed'))
}
