import type { FastifyInstance } from 'fastify'
import * as oidc from 'openid-client'
import type { Config } from '../../src/config'
import { freePort } from './chromium'
import { call, createOrg, makeApp, PASSWORD } from './helpers'
import { API_SCOPE, authorizationRequest, completeInteraction, CookieJar, discoverRelyingParty, follow, FLOW_SCOPE, insertClient, redeem, type ClientOptions } from './oidc-flow'
import { userWith } from './rbac-helpers'

export { authorizationRequest, completeInteraction, CookieJar, FLOW_SCOPE, follow, interactionDetails, postStep, redeem, REDIRECT_URI, type AuthorizationRequest, type ClientOptions } from './oidc-flow'

export interface OidcServer { app: FastifyInstance; url: string; issuer: (slug: string) => string }

/** The app listening on a loopback port, PUBLIC_URL pointing at it (the issuers are real URLs). */
export async function startOidcServer(overrides: Partial<Config> = {}): Promise<OidcServer> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const app = await makeApp({ ...overrides, publicUrl: url })
  await app.listen({ port, host: '127.0.0.1' })
  return { app, url, issuer: (slug) => `${url}/oidc/${slug}` }
}

/** Whether introspection, asked by `rp`, calls `token` active. */
export const isActive = async (rp: oidc.Configuration, token: string) => (await oidc.tokenIntrospection(rp, token)).active

/** A registered client, written as the registration API would (the secret hashed). */
export const registerClient = (app: FastifyInstance, organizationId: string, opts: ClientOptions = {}) => insertClient(app.ctx.db, organizationId, opts)

/** openid-client's configuration from the organization's discovery document (http on loopback allowed). */
export const relyingParty = (server: OidcServer, slug: string, client: { clientId: string; secret?: string }, auth?: oidc.ClientAuth) =>
  discoverRelyingParty(server.issuer(slug), client, auth)

/** A fresh organization, a user holding the API permission, a (first-party, confidential unless told) client that may ask for it, and its relying party. */
export async function organizationWithClient(server: OidcServer, opts: ClientOptions = {}) {
  const org = await createOrg(server.app)
  const user = await userWith(server.app, org, [API_SCOPE])
  const client = await registerClient(server.app, org.id, { scopes: [...FLOW_SCOPE.split(' '), 'offline_access'], ...opts })
  const rp = await relyingParty(server, org.slug, client)
  return { org, user, client, rp }
}

/** The status of a call to our API (an orders listing, which needs the API scope) with a token. */
export const apiStatus = async (server: OidcServer, token: string, url = '/api/v1/orders/') => (await call(server.app, 'GET', url, { token })).status

/**
 * A call to the provider's outcome: `ok`, or the OAuth error code it was refused with — from
 * the JSON body, or from the WWW-Authenticate challenge openid-client prefers when there is
 * one (a 401 to HTTP Basic). Any other failure is thrown.
 */
export async function oauthOutcome(call: Promise<unknown>): Promise<string> {
  const outcome = await call.then(() => undefined, (err: unknown) => ({ err }))
  if (!outcome) return 'ok'
  const { err } = outcome
  if (err instanceof oidc.WWWAuthenticateChallengeError) return err.cause[0]?.parameters.error ?? 'no error in the challenge'
  if (err instanceof oidc.ResponseBodyError) return err.error
  throw err
}

export interface SignedIn { access: string; refresh: string; sessionId: string }

/** The hosted page's sign-in: the JSON API's POST /auth/login/ (throttles, lockout, MFA); the new session's id is the token's `sid`. */
export async function jsonSignIn(server: OidcServer, org: { slug: string }, username: string, password = PASSWORD): Promise<SignedIn> {
  const res = await call(server.app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username, password } })
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`)
  return signedInWith(res.body)
}

/** A sign-in's tokens (the body of POST /auth/login/ or /auth/mfa/verify/), with its session id (the access token's `sid`). */
export function signedInWith(body: { access: string; refresh: string }): SignedIn {
  const claims = JSON.parse(Buffer.from(body.access.split('.')[1], 'base64url').toString()) as { sid: string }
  return { access: body.access, refresh: body.refresh, sessionId: claims.sid }
}


/** How a test's authorization request differs from the default one (scope FLOW_SCOPE, no prompt). */
export interface FlowOptions {
  /** Parameters added to (or replacing) the request's. */
  params?: Record<string, string>
  /** Adds offline_access and prompt=consent: a refresh token that outlives the provider session (OIDC Core §11). */
  offline?: boolean
  /** The browser (a fresh one unless given). */
  jar?: CookieJar
}

/** The request parameters of `opts` (authorizationRequest's defaults fill in the rest). */
const flowParams = ({ params = {}, offline = false }: FlowOptions): Record<string, string> =>
  offline ? { ...params, scope: `${params.scope ?? FLOW_SCOPE} offline_access`, prompt: 'consent' } : params

/** An authorization request (FlowOptions) followed in a browser up to where it stops: the client's redirect URI, or the hosted page. */
export async function startAuthorization(server: OidcServer, rp: oidc.Configuration, opts: FlowOptions = {}) {
  const request = await authorizationRequest(rp, flowParams(opts))
  const jar = opts.jar ?? new CookieJar()
  return { request, jar, landed: await follow(jar, server, request.url.href) }
}

/**
 * A sign-in through the provider, up to the client's redirect URI (its code not redeemed):
 * the hosted page's JSON sign-in (or the session `signedIn` made), consent when asked.
 */
export async function signInAtClient(server: OidcServer, rp: oidc.Configuration, org: { slug: string }, user: { user: { username: string } }, opts: FlowOptions & { signedIn?: SignedIn } = {}) {
  const { request, jar, landed } = await startAuthorization(server, rp, opts)
  if (!landed.includes('/interaction/')) throw new Error(`no interaction: ${landed}`)
  const signedIn = opts.signedIn ?? await jsonSignIn(server, org, user.user.username)
  const back = await completeInteraction(jar, server, landed, signedIn.access)
  return { request, back, jar, sessionId: signedIn.sessionId, signedIn }
}

/** A whole sign-in through the provider (signInAtClient), the code redeemed by openid-client (PKCE, state and nonce checked). */
export async function signInWithProvider(server: OidcServer, rp: oidc.Configuration, org: { slug: string }, user: { user: { username: string } }, opts: FlowOptions & { signedIn?: SignedIn } = {}) {
  const flow = await signInAtClient(server, rp, org, user, opts)
  return { ...flow, tokens: await redeem(rp, flow.back, flow.request) }
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

export interface AuditEventRow { actor_id: string | null; target_id: string | null; metadata: Record<string, unknown> }

/** The organization's audit log for one action, as its admin reads it (GET /audit-events/), once the writes off the request path are done. */
export async function auditEvents(server: OidcServer, admin: { token: string }, action: string): Promise<AuditEventRow[]> {
  await server.app.ctx.backgroundIdle()
  const res = await call(server.app, 'GET', `/api/v1/audit-events/?action=${action}`, { token: admin.token })
  if (res.status !== 200) throw new Error(`audit-events: ${res.status}`)
  return res.body.results
}
