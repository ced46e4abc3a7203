import type { AppContext } from '../../context'
import type { Executor } from '../../db'
import { tags } from '../../lib/cache-tags'
import { ApiError, ValidationError, fieldError, noActiveAccount, notFound, permissionDenied, throttled, tokenNotValid } from '../../lib/errors'
import { newId } from '../../lib/ids'
import { checkPassword } from '../../lib/password-policy'
import { REGISTRATION_ROLE } from '../../lib/permissions'
import { randomToken, sha256 } from '../../lib/secrets'
import { takenErrors } from '../../lib/unique-fields'
import { publishAfterCommit, write } from '../../write'
import type { Actor } from '../audit/audit.repository'
import { findOrganizationByIdOrSlug, findRolesByName } from '../organizations/organizations.repository'
import { validateProfile } from '../users/profile'
import { assignRoles, findTakenIdentity, findUserByLogin, insertUser, loadUser, updateUser, type UserRow } from '../users/users.repository'
import type { RegisterBody, User } from '../users/users.schemas'
import type { Credentials } from './sessions.schemas'
import { looksLikeApiKey, type Access, type Principal } from './principal'
import { findRefreshToken, insertRefreshToken, insertSession, openLoginSession, revokeSession, revokeUserSessions, rotateRefreshToken } from './sessions.repository'
import { sendVerificationEmail } from '../email-verification/email-verification.service'
import { accountKey, type LockoutSlot } from '../throttle/throttle'

type App = AppContext
export interface AuthResult { access: string; refresh: string; user: User }
/** Registration in an organization that requires a verified email: no session until then. */
export interface PendingVerification { user: User; email_verification_required: true }
export type LoginOutcome = AuthResult | { mfa_required: true; mfa_token: string }

/**
 * The second factor of a sign-in, supplied when the context is built (createContext gives MFA's): sign-in
 * decides when it is due and hands over the token that continues the sign-in there.
 */
export interface SecondFactorStep {
  /** The short-lived token for the code step (`mfa`) or for enrolling first (`mfa_setup`). */
  issueToken(app: App, user: UserRow, purpose: 'mfa' | 'mfa_setup'): Promise<string>
}

const emailNotVerified = () => new ApiError('email_not_verified')
const mfaRequiredForToken = () => new ApiError('mfa_required')

/** Superusers without MFA while REQUIRE_MFA_FOR_SUPERUSERS is on: the 403 carries a token that only enrols MFA (POST /auth/mfa/totp/ with {mfa_token}). */
const mfaSetupRequired = (mfaToken: string) => new ApiError('mfa_setup_required', { extra: { mfa_token: mfaToken } })

export async function register(app: App, organizationId: string, body: RegisterBody, actor: Actor): Promise<AuthResult | PendingVerification> {
  const org = await findOrganizationByIdOrSlug(app.db, organizationId)
  if (!org) throw notFound()
  if (!org.allowRegistration) throw permissionDenied('Registration is closed for this organization.')
  const errors: Record<string, string[]> = {}
  if (body.password2 !== undefined && body.password2 !== body.password) errors.password2 = ["The two password fields didn't match."]
  const policy = checkPassword(body.password, app.config.passwordMinLength, body)
  if (policy.length) errors.password = policy
  const profileErrors = validateProfile(org, body.profile ?? {})
  if (profileErrors.length) errors.profile = profileErrors
  Object.assign(errors, takenErrors('users', await findTakenIdentity(app.db, organizationId, body)))
  if (Object.keys(errors).length) throw new ValidationError(errors)

  // Slow work before the transaction opens.
  const passwordHash = await app.hasher.hash(body.password)
  const { user, session, refresh } = await write(app, async (tx, w) => {
    const user = await insertUser(tx, organizationId, {
      username: body.username, email: body.email, passwordHash,
      firstName: body.first_name ?? '', lastName: body.last_name ?? '', phoneNumber: body.phone_number ?? '', profile: body.profile ?? {},
      lastLogin: new Date(),
    })
    const defaults = await findRolesByName(tx, organizationId, [REGISTRATION_ROLE])
    await assignRoles(tx, organizationId, user.id, defaults.map((r) => r.id))
    const issued = org.requireEmailVerification ? { session: '', refresh: '' } : await openSession(app, tx, user, actor)
    w.audit({ ...actor, actorType: 'user', actorId: user.id }, { organizationId, action: 'user.registered', targetType: 'user', targetId: user.id })
    w.invalidate(tags.usersList(organizationId)) // the new user is on this instance's next list at once
    return { user, ...issued }
  })
  app.background('email-verification', () => sendVerificationEmail(app, user))
  if (org.requireEmailVerification) return { user: await loadUser(app.db, user), email_verification_required: true }
  return { access: await signAccess(app, user, session), refresh, user: await loadUser(app.db, user) }
}

/**
 * Username/password check shared by login and the DRF token endpoint. Fails closed with
 * one message. The lockout slot is reserved before the hash is computed, so parallel
 * guesses cannot overshoot LOCKOUT_THRESHOLD; the caller settles the returned slot
 * (success only once the whole login, MFA included, has succeeded).
 */
async function authenticate(app: App, organizationId: string, creds: Credentials, actor: Actor, scope: string): Promise<{ user: UserRow; rehash?: string; slot: LockoutSlot }> {
  const login = creds.username ?? creds.email
  if (!login) throw fieldError('username', 'This field is required.')
  // Per-account fairness, decided in memory before the database says whether the account
  // exists: the same answer for every login, and one account cannot fill the hash queue.
  const inFlight = accountKey(organizationId, undefined, login)
  if (!app.loginsInFlight.tryEnter(inFlight)) throw throttled(1)
  try {
    return await checkCredentials(app, organizationId, login, creds.password, actor, scope)
  } finally {
    app.loginsInFlight.leave(inFlight)
  }
}

/** The password check proper: user lookup, lockout slot, one hash (a dummy one for unknown users). */
async function checkCredentials(app: App, organizationId: string, login: string, password: string, actor: Actor, scope: string): Promise<{ user: UserRow; rehash?: string; slot: LockoutSlot }> {
  const found = await findUserByLogin(app.db, organizationId, login)
  const user = found?.user
  const key = accountKey(organizationId, user, login)
  await app.throttle.checkAccount(scope, key)
  const slot = await app.throttle.reserve(key)
  try {
    // Unknown users still pay for one hash, so timing does not reveal which accounts exist.
    const ok = await app.hasher.verify(user?.passwordHash ?? null, password)
    if (!user || !ok || !user.isActive) {
      await slot.failed()
      await write(app, async (_tx, w) => w.audit(actor, { organizationId, action: 'login.failed', targetType: 'user', targetId: user?.id ?? null, metadata: { login: login.slice(0, 254) } }))
      throw noActiveAccount()
    }
    // Only after a correct password, so this reveals nothing to someone without it.
    if (!user.emailVerified && found.requireEmailVerification) throw emailNotVerified()
    const rehash = app.hasher.needsRehash(user.passwordHash as string) ? await app.hasher.hash(password) : undefined
    return { user, rehash, slot }
  } catch (err) {
    await slot.release() // a no-op after failed(); gives the slot back when nothing was judged (e.g. 503)
    throw err
  }
}

/**
 * Password step of a sign-in. With MFA on, it answers `{mfa_required, mfa_token}`; the
 * lockout is not reset until the code is right too. A superuser without MFA while
 * REQUIRE_MFA_FOR_SUPERUSERS is on gets 403 `mfa_setup_required` with a setup token.
 */
export async function login(app: App, organizationId: string, creds: Credentials, actor: Actor): Promise<LoginOutcome> {
  const { user, rehash, slot } = await authenticate(app, organizationId, creds, actor, 'login')
  try {
    if (user.mfaEnabled || (user.isSuperuser && app.config.requireMfaForSuperusers)) {
      // A correct password is worth re-hashing even before the second factor.
      if (rehash) await rehashPassword(app, user, rehash)
      if (user.mfaEnabled) return { mfa_required: true, mfa_token: await app.secondFactor.issueToken(app, user, 'mfa') }
      throw mfaSetupRequired(await app.secondFactor.issueToken(app, user, 'mfa_setup'))
    }
    await slot.succeeded()
    return await completeLogin(app, user, actor, rehash)
  } finally {
    await slot.release()
  }
}

/** DRF authtoken flow: never a way around MFA. */
export async function authenticateForKey(app: App, organizationId: string, creds: Credentials, actor: Actor): Promise<UserRow> {
  const { user, rehash, slot } = await authenticate(app, organizationId, creds, actor, 'token')
  try {
    if (user.mfaEnabled) throw mfaRequiredForToken()
    if (user.isSuperuser && app.config.requireMfaForSuperusers) throw new ApiError('mfa_setup_required')
    await slot.succeeded()
    if (rehash) await rehashPassword(app, user, rehash)
    return user
  } finally {
    await slot.release()
  }
}

/** Stores a re-hashed password outside a sign-in transaction; the row changed, so cached views of it go. */
async function rehashPassword(app: App, user: UserRow, passwordHash: string): Promise<void> {
  await write(app, async (tx, w) => {
    await updateUser(tx, user.organizationId, user.id, { passwordHash })
    w.invalidate(tags.user(user.id))
  })
}

/** Opens a session for an authenticated user (after the password, and MFA when enabled): one round trip, see openLoginSession. */
export async function completeLogin(app: App, user: UserRow, actor: Actor, rehash?: string): Promise<AuthResult> {
  const session = newId()
  const refresh = randomToken(32)
  const expiresAt = new Date(Date.now() + app.config.refreshTokenLifetime * 1000)
  const opened = await openLoginSession(app.db, { organizationId: user.organizationId, userId: user.id, actor, sessionId: session, refreshHash: sha256(refresh), expiresAt, rehash })
  // One statement (the session, its token, the `login` audit event): committed when it returns.
  await publishAfterCommit(app, [tags.user(user.id), tags.usersList(user.organizationId)]) // last_login changed: this organization's list
  if (!opened) throw noActiveAccount() // deleted or deactivated since the password was checked: nothing was written
  return { access: await signAccessWith(app, user, session, opened.access), refresh, user: opened.user }
}

async function openSession(app: App, tx: Executor, user: UserRow, actor: Actor): Promise<{ session: string; refresh: string }> {
  const expiresAt = new Date(Date.now() + app.config.refreshTokenLifetime * 1000)
  const session = await insertSession(tx, { organizationId: user.organizationId, userId: user.id, userAgent: actor.userAgent, ip: actor.ip, expiresAt })
  const refresh = randomToken(32)
  await insertRefreshToken(tx, session.id, sha256(refresh), expiresAt)
  return { session: session.id, refresh }
}

export async function signAccess(app: App, user: { id: string; organizationId: string }, sessionId: string): Promise<string> {
  return signAccessWith(app, user, sessionId, await app.principals.access(user.organizationId, { type: 'user', id: user.id }))
}

function signAccessWith(app: App, user: { id: string; organizationId: string }, sessionId: string, access: Access): Promise<string> {
  return app.keys.sign({ sub: user.id, org: user.organizationId, sid: sessionId, jti: newId(), roles: access.roles, perms: access.permissions })
}

/**
 * Rotation with reuse detection. The next refresh token is derived from the presented
 * one with a server-keyed HMAC, so a network retry inside the grace window can be given
 * the very same new token without storing any token in clear.
 */
export async function refresh(app: App, presented: string, actor: Actor): Promise<{ access: string; refresh: string }> {
  const now = Date.now()
  const next = app.secrets.derive('refresh', presented)
  const found = await rotateRefreshToken(app.db, sha256(presented), sha256(next), new Date(now + app.config.refreshTokenLifetime * 1000))
  if (!found) throw tokenNotValid()
  const user = { id: found.userId, organizationId: found.organizationId }
  if (found.rotated) return { access: await signAccess(app, user, found.sessionId), refresh: next }
  const expired = found.sessionExpiresAt.getTime() <= now || found.tokenExpiresAt.getTime() <= now
  if (!found.ownerLive || found.sessionRevokedAt || expired) throw tokenNotValid()

  // Presented again — or a concurrent request rotated it first: a retry in the grace window, or reuse.
  const session = { id: found.sessionId, organizationId: found.organizationId, userId: found.userId }
  const rotatedAt = found.rotatedAt?.getTime() ?? now
  const successor = await findRefreshToken(app.db, sha256(next))
  const grace = app.config.refreshReuseGraceSeconds * 1000
  const inGrace = grace > 0 && now - rotatedAt <= grace
  if (inGrace && successor && !successor.token.rotatedAt && !successor.session.revokedAt) {
    return { access: await signAccess(app, user, session.id), refresh: next }
  }
  // Reuse of a rotated token: someone holds a stolen copy. End the whole session.
  await write(app, async (tx, w) => {
    await revokeSession(tx, session.id, 'refresh_reuse')
    w.audit(actor, { organizationId: session.organizationId, action: 'refresh.reuse_detected', targetType: 'session', targetId: session.id, metadata: { user_id: session.userId } })
    w.invalidate(tags.session(session.id))
  })
  app.metrics.refreshReuseDetections.inc()
  throw tokenNotValid()
}

/** `{token}` → valid or not: access tokens and API keys as the API would accept them now, or a current refresh token. */
export async function verifyToken(app: App, token: string): Promise<boolean> {
  if (looksLikeApiKey(token) || token.split('.').length === 3) return !!(await app.principals.resolve(token))
  const found = await findRefreshToken(app.db, sha256(token))
  if (!found?.ownerLive || found.token.rotatedAt || found.session.revokedAt) return false
  const now = Date.now()
  return found.token.expiresAt.getTime() > now && found.session.expiresAt.getTime() > now
}

export async function logout(app: App, principal: Principal, presented: string, actor: Actor): Promise<void> {
  const found = await findRefreshToken(app.db, sha256(presented))
  if (!found || found.session.userId !== principal.id || found.session.revokedAt) throw tokenNotValid()
  await write(app, async (tx, w) => {
    await revokeSession(tx, found.session.id, 'logout')
    w.audit(actor, { organizationId: found.session.organizationId, action: 'logout', targetType: 'session', targetId: found.session.id })
    w.invalidate(tags.session(found.session.id))
  })
}

export async function logoutAll(app: App, principal: Principal, actor: Actor): Promise<void> {
  await write(app, async (tx, w) => {
    const ended = await revokeUserSessions(tx, principal.id, 'logout_all')
    w.audit(actor, { organizationId: principal.organizationId, action: 'logout.all', targetType: 'user', targetId: principal.id, metadata: { sessions: ended.length } })
    w.invalidate(...ended.map(tags.session))
  })
}
