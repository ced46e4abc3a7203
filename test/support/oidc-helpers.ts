import type { FastifyInstance } from 'fastify'
import * as oidc from 'openid-client'
import { freePort } from './chromium'
import { call, createOrg, makeApp } from './helpers'
import { completeInteraction, CookieJar, discoverRelyingParty, follow, insertClient, REDIRECT_URI, type ClientOptions } from './oidc-flow'
import { userWith } from './rbac-helpers'

export { completeInteraction, CookieJar, follow, REDIRECT_URI, type ClientOptions } from './oidc-flow'

export interface OidcServer { app: FastifyInstance; url: string; issuer: (slug: string) => string }

/** The app listening on a loopback port, PUBLIC_URL pointing at it (the issuers are real URLs). */
export async function startOidcServer(): Promise<OidcServer> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const app = await makeApp({ publicUrl: url })
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

interface AuthorizationCheck { verifier: string; state: string; nonce: string }

/**
 * A code + PKCE (S256) authorization URL with fresh state, nonce and verifier; `params` adds
 * to or overrides the request. `prompt=consent` because offline_access (a refresh token) is
 * ignored without it (OpenID Connect Core §11).
 */
export async function authorizationUrl(rp: oidc.Configuration, params: Record<string, string> = {}) {
  const check: AuthorizationCheck = { verifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce() }
  const url = oidc.buildAuthorizationUrl(rp, {
    redirect_uri: REDIRECT_URI, scope: FLOW_SCOPE, state: check.state, nonce: check.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(check.verifier), code_challenge_method: 'S256', prompt: 'consent', ...params,
  })
  return { url, check }
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
  const tokens = await oidc.authorizationCodeGrant(rp, callback, { pkceCodeVerifier: check.verifier, expectedState: check.state, expectedNonce: check.nonce })
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
