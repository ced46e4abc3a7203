import { randomInt } from 'node:crypto'
import type { AppContext } from '../../context'
import { Secret, TOTP } from 'otpauth'
import { tags } from '../../lib/cache-tags'
import { ApiError, conflict, fieldError, notAuthenticated, tokenNotValid } from '../../lib/errors'
import { write } from '../../write'
import type { Actor } from '../audit/audit.repository'
import { mfaChangedEmail } from '../email/templates'
import { findUserById, updateUser, type UserRow } from '../users/users.repository'
import { completeLogin, type AuthResult, type SecondFactorStep } from '../sessions/sign-in.service'
import { recipientOf } from '../users/recipient'
import {
  consumeRecoveryCode, consumeToken, findLiveToken, issueOneTimeToken, markTotpStepUsed, replaceRecoveryCodes,
} from '../one-time-tokens/one-time-tokens.repository'
import { accountKey } from '../throttle/throttle'

type App = AppContext

/** RFC 6238 with the parameters every authenticator app supports: SHA-1, 6 digits, 30 s. */
const PERIOD = 30
/** Codes of the previous and next time step are accepted too (clock drift). */
const WINDOW = 1
const MFA_TOKEN_TTL_MS = 5 * 60_000
const RECOVERY_CODE_COUNT = 10
const ISSUER = 'CommerceCore'

const totpFor = (secretBase32: string, label: string) =>
  new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secretBase32) })

const mfaInvalidCode = () => new ApiError('mfa_code_not_valid')

/** Starts (or restarts) TOTP setup: a new secret, stored encrypted, live only once confirmed. */
export async function setupTotp(app: App, user: UserRow): Promise<{ secret: string; otpauth_url: string }> {
  if (user.mfaEnabled) throw conflict('Two-factor authentication is already enabled.')
  const secret = new Secret({ size: 20 }).base32
  await write(app, async (tx, w) => {
    await updateUser(tx, user.organizationId, user.id, { totpSecretEncrypted: app.secrets.encrypt(secret) })
    w.invalidate(tags.user(user.id))
  })
  return { secret, otpauth_url: totpFor(secret, user.email || user.username).toString() }
}

/**
 * Checks a TOTP code against the user's secret, and burns its time step: RFC 6238 §5.2,
 * the same code is never accepted twice (the record is in the database, so this holds
 * across instances too).
 */
async function checkTotp(app: App, user: UserRow, code: string): Promise<boolean> {
  if (!user.totpSecretEncrypted || !/^\d{6}$/.test(code.trim())) return false
  const secret = app.secrets.decrypt(user.totpSecretEncrypted)
  const now = Date.now()
  const delta = totpFor(secret, user.username).validate({ token: code.trim(), timestamp: now, window: WINDOW })
  if (delta === null) return false
  const step = Math.floor(now / 1000 / PERIOD) + delta
  return markTotpStepUsed(app.db, { organizationId: user.organizationId, userId: user.id }, step)
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'
const newRecoveryCode = () => {
  const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)])
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`
}
/** Recovery codes are stored as a keyed HMAC: a database leak alone cannot brute-force them offline. */
const recoveryHash = (app: App, code: string) => app.secrets.derive('mfa-recovery-code', code.toLowerCase().replace(/[^a-z0-9]/g, ''))

/** Confirms setup with a first code: MFA is on, and 10 single-use recovery codes are returned (once). */
export async function confirmTotp(app: App, user: UserRow, code: string, actor: Actor): Promise<string[]> {
  if (user.mfaEnabled) throw conflict('Two-factor authentication is already enabled.')
  if (!user.totpSecretEncrypted) throw fieldError('code', 'Start the setup first (POST /api/v1/auth/mfa/totp/).')
  if (!(await checkTotp(app, user, code))) throw fieldError('code', 'The code is not valid.')
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode)
  await write(app, async (tx, w) => {
    await updateUser(tx, user.organizationId, user.id, { mfaEnabled: true })
    await replaceRecoveryCodes(tx, { organizationId: user.organizationId, userId: user.id }, codes.map((c) => recoveryHash(app, c)))
    w.audit(actor, { organizationId: user.organizationId, action: 'mfa.enabled', targetType: 'user', targetId: user.id, metadata: { method: 'totp' } })
    w.invalidate(tags.user(user.id), tags.usersList(user.organizationId))
  })
  app.mailer.send(mfaChangedEmail(recipientOf(user), 'enabled'))
  return codes
}

/**
 * Turns MFA off (or abandons an unconfirmed setup). With MFA on it takes proof: a current
 * code, a recovery code or the password — guesses count against the lockout like passwords.
 */
export async function disableTotp(app: App, user: UserRow, proof: { code?: string; recovery_code?: string; password?: string }, actor: Actor): Promise<void> {
  if (user.mfaEnabled) {
    if (!proof.code && !proof.recovery_code && !proof.password) throw fieldError('non_field_errors', 'A current code, a recovery code or the password is required.')
    const slot = await app.throttle.reserve(accountKey(user.organizationId, user, user.username))
    try {
      const ok = proof.code ? await checkTotp(app, user, proof.code)
        : proof.recovery_code ? await consumeRecoveryCode(app.db, user.id, recoveryHash(app, proof.recovery_code))
        : await app.hasher.verify(user.passwordHash, proof.password as string)
      if (!ok) {
        await slot.failed()
        throw fieldError(proof.code ? 'code' : proof.recovery_code ? 'recovery_code' : 'password', proof.password && !proof.code && !proof.recovery_code ? 'The password is not correct.' : 'The code is not valid.')
      }
      await slot.succeeded()
    } finally {
      await slot.release()
    }
  } else if (!user.totpSecretEncrypted) {
    throw conflict('Two-factor authentication is not enabled.')
  }
  const wasEnabled = user.mfaEnabled
  await write(app, async (tx, w) => {
    await updateUser(tx, user.organizationId, user.id, { mfaEnabled: false, totpSecretEncrypted: null })
    await replaceRecoveryCodes(tx, { organizationId: user.organizationId, userId: user.id }, [])
    if (wasEnabled) w.audit(actor, { organizationId: user.organizationId, action: 'mfa.disabled', targetType: 'user', targetId: user.id, metadata: { method: 'totp' } })
    w.invalidate(tags.user(user.id), tags.usersList(user.organizationId))
  })
  if (wasEnabled) app.mailer.send(mfaChangedEmail(recipientOf(user), 'disabled'))
}

/** After a correct password: the short-lived, single-use token for step two. */
async function issueMfaToken(app: App, user: UserRow, purpose: 'mfa' | 'mfa_setup'): Promise<string> {
  return issueOneTimeToken(app.db, { organizationId: user.organizationId, userId: user.id }, purpose, MFA_TOKEN_TTL_MS)
}

/** TOTP as the second step of a sign-in (app.ts registers it). */
export const totpSecondFactor: SecondFactorStep = { issueToken: issueMfaToken }

/** The user an MFA-setup token stands for (superusers forced to enrol before signing in). */
export async function userOfSetupToken(app: App, token: string | undefined): Promise<UserRow> {
  if (!token) throw notAuthenticated()
  const row = await findLiveToken(app.db, 'mfa_setup', token)
  const user = row && (await findUserById(app.db, row.organizationId, row.userId))
  if (!user?.isActive) throw tokenNotValid()
  return user
}

/** Ends the setup-token flow: uses the token up and opens the session. */
export async function finishSetupLogin(app: App, user: UserRow, token: string, actor: Actor): Promise<AuthResult> {
  if (!(await consumeToken(app.db, 'mfa_setup', token))) throw tokenNotValid()
  const fresh = (await findUserById(app.db, user.organizationId, user.id)) ?? user
  return completeLogin(app, fresh, actor)
}

/** Step two of an MFA login: `{mfa_token, code | recovery_code}` → a session. */
export async function verifyMfaLogin(app: App, body: { mfa_token: string; code?: string; recovery_code?: string }, actor: Actor): Promise<AuthResult> {
  if (!body.code && !body.recovery_code) throw fieldError('code', 'This field is required.')
  const row = await findLiveToken(app.db, 'mfa', body.mfa_token)
  if (!row) throw tokenNotValid()
  const user = await findUserById(app.db, row.organizationId, row.userId)
  if (!user?.isActive || !user.mfaEnabled) throw tokenNotValid()
  const key = accountKey(user.organizationId, user, user.username)
  await app.throttle.checkAccount('mfa', key)
  const slot = await app.throttle.reserve(key)
  try {
    const byRecovery = !body.code
    const userActor: Actor = { ...actor, actorType: 'user', actorId: user.id }
    // The recovery code, the MFA token and the event are spent together or not at all.
    const ok = (byRecovery || await checkTotp(app, user, body.code as string)) && await write(app, async (tx, w) => {
      if (byRecovery && !(await consumeRecoveryCode(tx, user.id, recoveryHash(app, body.recovery_code as string)))) return false
      if (!(await consumeToken(tx, 'mfa', body.mfa_token))) throw tokenNotValid()
      if (byRecovery) w.audit(userActor, { organizationId: user.organizationId, action: 'mfa.recovery_code_used', targetType: 'user', targetId: user.id })
      return true
    })
    if (!ok) {
      await slot.failed()
      await write(app, async (_tx, w) => w.audit(userActor, { organizationId: user.organizationId, action: 'login.failed', targetType: 'user', targetId: user.id, metadata: { step: 'mfa' } }))
      throw mfaInvalidCode()
    }
    await slot.succeeded()
    if (byRecovery) app.mailer.send(mfaChangedEmail(recipientOf(user), 'recovery_code_used'))
    return await completeLogin(app, user, actor)
  } finally {
    await slot.release()
  }
}

