import { createCommerceCoreClient, type AuthResult, type TokenPair } from '@commercecore/client'
import { networkProblem, problemOf, type Problem } from './problem'
import { sessionState, setSessionState, type SignedIn } from './store'

/**
 * The session of a console page. Tokens live in this module's memory only — never in
 * localStorage, sessionStorage, a cookie or a URL — so a script-free attacker has nothing
 * to steal or replay, and no request carries ambient credentials (CSRF has nothing to
 * ride on). A reload signs in again: docs/security.md says why that is the trade.
 */
interface Tokens { access: string; refresh: string; expiresAt: number; refreshAt: number }
let tokens: Tokens | null = null
let refreshing: Promise<void> | null = null
let timer: ReturnType<typeof setTimeout> | undefined

const SESSION_ENDED = 'Your session has ended (it expired, was signed out elsewhere, or the account was changed). Sign in again.'
const RETRY_MS = 15_000

/** Unauthenticated calls (sign-in, MFA step, refresh): they never carry the access token. */
const publicApi = createCommerceCoreClient({ baseUrl: window.location.origin })

/**
 * The client every console screen uses: the current access token (refreshed first when it
 * is about to expire) and the organization being administered as `X-Organization` (the
 * API honours it for superusers only; everyone else is confined to their own).
 */
export const api = createCommerceCoreClient({ baseUrl: window.location.origin, token: currentAccess })
api.use({
  onRequest({ request }) {
    const s = sessionState()
    if (s.state === 'signed-in' && !request.headers.has('x-organization')) request.headers.set('x-organization', s.organization)
    return request
  },
  onResponse({ request, response }) {
    // Our current token refused: the session was revoked, or the account deactivated or deleted.
    if (response.status === 401 && tokens && request.headers.get('authorization') === `Bearer ${tokens.access}`) endSession(SESSION_ENDED)
    return response
  },
})

/** The token's lifetime from its own claims (read, not verified: the server verifies), timed on this clock. */
function lifetimeMs(jwt: string): number {
  try {
    const claims = JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { iat: number; exp: number }
    return Math.max(10_000, (claims.exp - claims.iat) * 1000)
  } catch {
    return 60_000
  }
}

function keep(pair: TokenPair): void {
  const now = Date.now()
  const lifetime = lifetimeMs(pair.access)
  // Refresh at three quarters of the lifetime: a throttled background tab still makes it.
  tokens = { access: pair.access, refresh: pair.refresh, expiresAt: now + lifetime, refreshAt: now + lifetime * 0.75 }
  schedule(tokens.refreshAt - now)
}

function schedule(ms: number): void {
  clearTimeout(timer)
  timer = setTimeout(() => { void refreshNow() }, ms)
}

/** The current access token (refreshed first when about to expire), for the few calls the typed client does not describe. */
export async function currentAccess(): Promise<string | undefined> {
  if (tokens && Date.now() > tokens.expiresAt - 5_000) await refreshNow()
  return tokens?.access
}

/**
 * One refresh at a time: the API rotates the refresh token and treats a second use of the
 * old one as theft (the whole session ends), so two parallel refreshes must never happen.
 */
function refreshNow(): Promise<void> {
  refreshing ??= (async () => {
    const sent = tokens
    if (!sent) return
    try {
      const { data, response } = await publicApi.POST('/api/v1/auth/token/refresh/', { body: { refresh: sent.refresh } })
      if (tokens !== sent) return // signed out meanwhile
      if (data) return keep(data)
      if (response.status === 401 || response.status === 400) return endSession(SESSION_ENDED)
      schedule(RETRY_MS) // 429/503/5xx: the pair is still good; try again shortly
    } catch {
      schedule(RETRY_MS)
    }
  })().finally(() => { refreshing = null })
  return refreshing
}

function endSession(reason?: string): void {
  tokens = null
  clearTimeout(timer)
  setSessionState({ state: 'signed-out', reason })
}

/** After the password (and the second factor): keep the tokens, learn what this user may do. */
async function open(result: AuthResult): Promise<{ signedIn: SignedIn } | { problem: Problem }> {
  keep(result)
  const { data, error, response } = await api.GET('/api/v1/auth/me/access/')
  if (!data) {
    const problem = problemOf(response, error)
    // Not usable here, so not left open on the server either.
    await publicApi.POST('/api/v1/auth/logout/', { body: { refresh: result.refresh }, headers: { authorization: `Bearer ${result.access}` } }).catch(() => undefined)
    endSession()
    return { problem }
  }
  return { signedIn: { state: 'signed-in', user: result.user, access: data, organization: data.organization.slug } }
}

export type SignInOutcome =
  | { step: 'done' }
  | { step: 'mfa'; mfaToken: string }
  /** REQUIRE_MFA_FOR_SUPERUSERS: this account must enrol TOTP first; the token only enrols (and then signs in). */
  | { step: 'mfa-setup'; setupToken: string }
  | { step: 'problem'; problem: Problem }

type Call<T> = () => Promise<{ data?: T; error?: unknown; response: Response }>

/** The 403 `mfa_setup_required` of a login carries the setup token; any other refusal is a Problem. */
function refusal(response: Response, error: unknown): SignInOutcome {
  const body = (error ?? {}) as { code?: unknown; mfa_token?: unknown }
  if (response.status === 403 && body.code === 'mfa_setup_required' && typeof body.mfa_token === 'string') return { step: 'mfa-setup', setupToken: body.mfa_token }
  return { step: 'problem', problem: problemOf(response, error) }
}

async function settle(call: Call<unknown>): Promise<SignInOutcome> {
  try {
    const { data, error, response } = await call()
    if (!data) return refusal(response, error)
    if ('mfa_required' in (data as object)) return { step: 'mfa', mfaToken: (data as { mfa_token: string }).mfa_token }
    const opened = await open(data as AuthResult)
    if ('problem' in opened) return { step: 'problem', problem: opened.problem }
    setSessionState(opened.signedIn)
    return { step: 'done' }
  } catch {
    return { step: 'problem', problem: networkProblem() }
  }
}

/** Password step; `login` is a username or an email, `organization` a slug (X-Organization). */
export const signIn = (organization: string, login: string, password: string) =>
  settle(() => publicApi.POST('/api/v1/auth/login/', { body: { username: login, password }, params: { header: { 'X-Organization': organization } } }))

/** Second step: a TOTP code, or one of the single-use recovery codes. */
export const verifyMfa = (mfaToken: string, answer: { code: string } | { recovery_code: string }) =>
  settle(() => publicApi.POST('/api/v1/auth/mfa/verify/', { body: { mfa_token: mfaToken, ...answer } }))

/** Enrolment during sign-in, step one: a new TOTP key for the account the setup token stands for. */
export async function startMfaSetup(setupToken: string): Promise<{ secret: string; otpauthUrl: string } | { problem: Problem }> {
  try {
    const { data, error, response } = await publicApi.POST('/api/v1/auth/mfa/totp/', { body: { mfa_token: setupToken } })
    return data ? { secret: data.secret, otpauthUrl: data.otpauth_url } : { problem: problemOf(response, error) }
  } catch {
    return { problem: networkProblem() }
  }
}

export type EnrolmentOutcome =
  | { step: 'enrolled'; recoveryCodes: string[]; enter: () => void }
  /** `recoveryCodes` when MFA did turn on but the session could not open: they are shown once, so shown anyway. */
  | { step: 'problem'; problem: Problem; recoveryCodes?: string[] }

/**
 * Step two: the first code turns MFA on and signs in. The session is open (its tokens held
 * here, refreshing) but the console is entered only by `enter`, once the recovery codes,
 * shown this once, have been read.
 */
export async function confirmMfaSetup(setupToken: string, code: string): Promise<EnrolmentOutcome> {
  try {
    const { data, error, response } = await publicApi.POST('/api/v1/auth/mfa/totp/confirm/', { body: { mfa_token: setupToken, code } })
    if (!data) return { step: 'problem', problem: problemOf(response, error) }
    if (!data.access || !data.refresh || !data.user) return { step: 'problem', problem: problemOf(response, { detail: 'Two-factor authentication is on, but the sign-in did not complete. Sign in again.' }) }
    const opened = await open({ access: data.access, refresh: data.refresh, user: data.user })
    if ('problem' in opened) return { step: 'problem', problem: opened.problem, recoveryCodes: data.recovery_codes }
    // The session may have ended meanwhile (revoked elsewhere): then there is nothing to enter.
    const enter = () => { if (tokens) setSessionState(opened.signedIn) }
    return { step: 'enrolled', recoveryCodes: data.recovery_codes, enter }
  } catch {
    return { step: 'problem', problem: networkProblem() }
  }
}

const NOT_CONFIRMED = 'You are signed out here, but the server did not confirm it: end the session from another device if this one is shared.'

/**
 * Ends the session on the server (its refresh token dies), then here. A refresh in flight
 * rotates the refresh token, so it is awaited and the tokens read after it; a 401 is no
 * confirmation (the token sent may not be the live one), so it is not reported as one.
 */
export async function signOut(): Promise<void> {
  await refreshing
  await currentAccess() // a refresh due now would rotate it too
  const held = tokens
  if (!held) return sessionState().state === 'signed-out' ? undefined : endSession() // ended meanwhile: its reason stays
  clearTimeout(timer) // no refresh may start while the logout is on its way
  let reason = 'You are signed out.'
  try {
    const { response } = await publicApi.POST('/api/v1/auth/logout/', { body: { refresh: held.refresh }, headers: { authorization: `Bearer ${held.access}` } })
    if (!response.ok) reason = NOT_CONFIRMED
  } catch {
    reason = 'You are signed out here, but the server could not be reached: end the session from another device if this one is shared.'
  }
  endSession(reason)
}

/**
 * Ends every session of this user on the server (other devices too), then here. The access
 * token dies with them, so nothing is called after it: a later 401 would read as "session ended".
 */
export async function signOutEverywhere(): Promise<Problem | undefined> {
  try {
    const { response, error } = await api.POST('/api/v1/auth/logout/all/')
    if (!response.ok) return problemOf(response, error)
  } catch {
    return networkProblem()
  }
  endSession('You are signed out on every device.')
}

/** Superusers administer any organization: every later call sends this slug as X-Organization. */
export function switchOrganization(slug: string): void {
  const s = sessionState()
  if (s.state === 'signed-in' && s.access.is_superuser) setSessionState({ ...s, organization: slug } satisfies SignedIn)
}
