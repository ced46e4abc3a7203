import type { FastifyInstance } from 'fastify'
import * as oidc from 'openid-client'
import type { Config } from '../../src/config'
import { freePort } from './chromium'
import { call, createOrg, makeApp, PASSWORD } from './helpers'
import { completeInteraction, CookieJar, discoverRelyingParty, follow, insertClient, REDIRECT_URI, type ClientOptions } from './oidc-flow'
import { userWith } from './rbac-helpers'

export { completeInteraction, CookieJar, follow, interactionDetails, postStep, REDIRECT_URI, type ClientOptions } from './oidc-flow'

export interface OidcServer { app: FastifyInstance; url: string; issuer: (slug: string) => string }

/** The app listening on a loopback port, PUBLIC_URL pointing at it (the issuers are real URLs). */
export async function startOidcServer(overrides: Partial<Config> = {}): Promise<OidcServer> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const app = await makeApp({ ...overrides, publicUrl: url })
  await app.listen({ port, host: '127.0.0.1' })
  return { app, url, issuer: (slug) => `${url}/oidc/${slug}` }
}

/** A registered client, written as the registration API would (the secret hashed). */
export const registerClient = (app: FastifyInstance, organizationId: string, opts: ClientOptions = {}) => insertClient(app.ctx.db, organizationId, opts)

/** openid-client's configuration from the organization's discovery document (http on loopback allowed). */
export const relyingParty = (server: OidcServer, slug: string, client: { clientId: string; secret?: string }, auth?: oidc.ClientAuth) =>
  discoverRelyingParty(server.issuer(slug), client, auth)

/** The scopes a test's code flow asks for: OpenID Connect's, a refresh token, and one API permission. */
const API_SCOPE = 'view_orders'
export const FLOW_SCOPE = `openid profile email offline_access ${API_SCOPE}`

/**
 * A code + PKCE (S256) authorization URL with fresh state, nonce and verifier, asking for
 * FLOW_SCOPE; `params` adds to or overrides the request. `prompt=consent` because
 * offline_access is ignored without it (OpenID Connect Core §11).
 */
export async function authorizationUrl(rp: oidc.Configuration, params: Record<string, string> = {}) {
  const check = await authorizationRequest(rp, { scope: FLOW_SCOPE, prompt: 'consent', ...params })
  return { url: check.url, check }
}

/** A user signs in for the client (a fresh browser): where the browser lands back at the client, with the checks to exchange its code. */
export async function authorize(server: OidcServer, rp: oidc.Configuration, userAccess: string, params: Record<string, string> = {}) {
  const { url, check } = await authorizationUrl(rp, params)
  const jar = new CookieJar()
  const interaction = await follow(jar, server, url.href)
  const callback = new URL(await completeInteraction(jar, server, interaction, userAccess))
  return { callback, check, jar }
}

/** The whole authorization code flow with openid-client: sign in, then exchange the code (PKCE, state and nonce checked). */
export async function codeFlow(server: OidcServer, rp: oidc.Configuration, userAccess: string, params: Record<string, string> = {}) {
  const { callback, check, jar } = await authorize(server, rp, userAccess, params)
  const tokens = await redeem(rp, callback.href, check)
  return { tokens, callback, check, jar }
}

/** A fresh organization, a user holding the API permission, a (first-party, confidential unless told) client that may ask for it, and its relying party. */
export async function organizationWithClient(server: OidcServer, opts: ClientOptions = {}) {
  const org = await createOrg(server.app)
  const user = await userWith(server.app, org, [API_SCOPE])
  const client = await registerClient(server.app, org.id, { scopes: FLOW_SCOPE.split(' '), ...opts })
  const rp = await relyingParty(server, org.slug, client)
  return { org, user, client, rp }
}

/** The status of a call to our API (an orders listing, which needs the API scope) with a token. */
export const apiStatus = async (server: OidcServer, token: string, url = '/api/v1/orders/') => (await call(server.app, 'GET', url, { token })).status

/**
 * The OAuth error code a call to the provider failed with: from the JSON body, or from the
 * WWW-Authenticate challenge openid-client prefers when there is one (a 401 to HTTP Basic).
 * A call that succeeds fails the test.
 */
export async function oauthError(call: Promise<unknown>): Promise<string | undefined> {
  const outcome = await call.then(() => undefined, (err: unknown) => ({ err }))
  if (!outcome) throw new Error('expected the provider to refuse the call')
  const { err } = outcome
  if (err instanceof oidc.WWWAuthenticateChallengeError) return err.cause[0]?.parameters.error
  if (err instanceof oidc.ResponseBodyError) return err.error
  throw err
}

/** The hosted page's sign-in: the JSON API's POST /auth/login/ (throttles, lockout, MFA); the new session's id is the token's `sid`. */
export async function jsonSignIn(server: OidcServer, org: { slug: string }, username: string, password = PASSWORD) {
  const res = await call(server.app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username, password } })
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`)
  const access = res.body.access as string
  const claims = JSON.parse(Buffer.from(access.split('.')[1], 'base64url').toString()) as { sid: string }
  return { access, refresh: res.body.refresh as string, sessionId: claims.sid }
}

export interface AuthorizationRequest { url: URL; verifier: string; state: string; nonce: string }

/** An authorization request with PKCE, state and nonce; `params` add to (or replace) the defaults. */
export async function authorizationRequest(rp: oidc.Configuration, params: Record<string, string> = {}): Promise<AuthorizationRequest> {
  const verifier = oidc.randomPKCECodeVerifier()
  const state = oidc.randomState()
  const nonce = oidc.randomNonce()
  const url = oidc.buildAuthorizationUrl(rp, {
    redirect_uri: REDIRECT_URI, scope: 'openid profile email offline_access', state, nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', ...params,
  })
  return { url, verifier, state, nonce }
}

/** The code at the client's redirect URI exchanged by openid-client, which checks PKCE, state and nonce. */
export const redeem = (rp: oidc.Configuration, back: string, request: AuthorizationRequest) =>
  oidc.authorizationCodeGrant(rp, new URL(back), { pkceCodeVerifier: request.verifier, expectedState: request.state, expectedNonce: request.nonce })

/** An authorization request followed in a browser (`jar`) up to where it stops: the client's redirect URI, or the hosted page. */
export async function startAuthorization(server: OidcServer, rp: oidc.Configuration, params: Record<string, string> = {}, jar = new CookieJar()) {
  const request = await authorizationRequest(rp, params)
  return { request, jar, landed: await follow(jar, server, request.url.href) }
}

/** A whole sign-in through the provider in a fresh (or given) browser: the hosted page's JSON sign-in, consent when asked, the code redeemed. */
export async function signInWithProvider(server: OidcServer, rp: oidc.Configuration, org: { slug: string }, user: { user: { username: string } }, params: Record<string, string> = {}, jar = new CookieJar()) {
  const { request, landed } = await startAuthorization(server, rp, params, jar)
  if (!landed.includes('/interaction/')) throw new Error(`no interaction: ${landed}`)
  const signedIn = await jsonSignIn(server, org, user.user.username)
  const back = await completeInteraction(jar, server, landed, signedIn.access)
  return { tokens: await redeem(rp, back, request), jar, sessionId: signedIn.sessionId, signedIn }
}

/**
 * What a client's tokens still do: userinfo, introspection (by `introspector`, another
 * confidential client of the organization when the token's own is gone) and the API route `apiUrl`.
 */
export async function accessState(server: OidcServer, rp: oidc.Configuration, accessToken: string, apiUrl: string, introspector = rp) {
  const userinfo = await oidc.fetchUserInfo(rp, accessToken, oidc.skipSubjectCheck).then(() => true, () => false)
  const { active } = await oidc.tokenIntrospection(introspector, accessToken)
  const api = (await call(server.app, 'GET', apiUrl, { token: accessToken })).status
  return { userinfo, active, api }
}

type OAuthFailure = { error?: string; cause?: { parameters?: { error?: string } }[] }

/** A refresh's outcome: `ok`, or the OAuth error code it was refused with (in the body, or a 401's WWW-Authenticate). */
export const refreshOutcome = (rp: oidc.Configuration, refreshToken: string) =>
  oidc.refreshTokenGrant(rp, refreshToken).then(() => 'ok', (e: OAuthFailure) => e.error ?? e.cause?.[0]?.parameters?.error ?? String(e))

export interface AuditEventRow { actor_id: string | null; target_id: string | null; metadata: Record<string, unknown> }

/** The organization's audit log for one action, as its admin reads it (GET /audit-events/). */
export async function auditEvents(server: OidcServer, admin: { token: string }, action: string): Promise<AuditEventRow[]> {
  const res = await call(server.app, 'GET', `/api/v1/audit-events/?action=${action}`, { token: admin.token })
  if (res.status !== 200) throw new Error(`audit-events: ${res.status}`)
  return res.body.results
}

/** Events written off the request path (oauth.grant_revoked): read until some appear, for a few seconds at most. */
export async function eventually<T>(read: () => Promise<T[]>, ms = 3000): Promise<T[]> {
  for (const end = Date.now() + ms; ; await new Promise((r) => setTimeout(r, 50))) {
    const found = await read()
    if (found.length || Date.now() > end) return found
  }
}
