import type { FastifyInstance } from 'fastify'
import * as oidc from 'openid-client'
import { oauthClients } from '../../src/db/schema'
import { newId } from '../../src/lib/ids'
import { randomToken, sha256 } from '../../src/lib/secrets'
import { insertDeveloper } from '../../src/modules/developers/developers.repository'
import { freePort } from './chromium'
import { call, createOrg, makeApp, unique } from './helpers'
import { userWith } from './rbac-helpers'

export interface OidcServer { app: FastifyInstance; url: string; issuer: (slug: string) => string }

/** The app listening on a loopback port, PUBLIC_URL pointing at it (the issuers are real URLs). */
export async function startOidcServer(): Promise<OidcServer> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const app = await makeApp({ publicUrl: url })
  await app.listen({ port, host: '127.0.0.1' })
  return { app, url, issuer: (slug) => `${url}/oidc/${slug}` }
}

export interface ClientOptions {
  kind?: 'confidential' | 'public'
  redirectUris?: string[]
  grantTypes?: string[]
  scopes?: string[]
  firstParty?: boolean
  authMethod?: 'client_secret_basic' | 'client_secret_post'
  developerId?: string
}

export const REDIRECT_URI = 'https://shop.example/callback'
/** The scopes a test's code flow asks for: OpenID Connect's, a refresh token, and one API permission. */
const API_SCOPE = 'view_orders'
export const FLOW_SCOPE = `openid profile email offline_access ${API_SCOPE}`

/** A registered client, written as the registration API would (the secret hashed). */
export async function registerClient(app: FastifyInstance, organizationId: string, opts: ClientOptions = {}) {
  const kind = opts.kind ?? 'confidential'
  const developerId = opts.developerId ?? (await insertDeveloper(app.ctx.db, organizationId, { name: unique('dev-') })).id
  const clientId = `cc_client_${randomToken(16)}`
  const secret = kind === 'confidential' ? `cc_secret_${randomToken(32)}` : undefined
  await app.ctx.db.insert(oauthClients).values({
    id: newId(), organizationId, developerId, clientId, name: unique('App '), kind,
    secretHash: secret ? sha256(secret) : null,
    tokenEndpointAuthMethod: kind === 'public' ? 'none' : (opts.authMethod ?? 'client_secret_basic'),
    redirectUris: opts.redirectUris ?? [REDIRECT_URI],
    grantTypes: opts.grantTypes ?? ['authorization_code', 'refresh_token'],
    scopes: opts.scopes ?? ['openid', 'profile', 'email', 'offline_access'],
    firstParty: opts.firstParty ?? true,
  })
  return { clientId, secret, developerId }
}

/** openid-client's configuration from the organization's discovery document (http on loopback allowed). */
export async function relyingParty(server: OidcServer, slug: string, client: { clientId: string; secret?: string }, auth?: oidc.ClientAuth) {
  const clientAuth = auth ?? (client.secret ? oidc.ClientSecretBasic(client.secret) : oidc.None())
  return oidc.discovery(new URL(server.issuer(slug)), client.clientId, undefined, clientAuth, { execute: [oidc.allowInsecureRequests] })
}

/** A browser without a browser: follows redirects by hand and keeps cookies per path. */
export class CookieJar {
  private readonly cookies = new Map<string, { value: string; path: string }>()

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const path = new URL(url).pathname
    const cookie = [...this.cookies].filter(([, c]) => path.startsWith(c.path)).map(([n, c]) => `${n}=${c.value}`).join('; ')
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie && { cookie }) } })
    for (const line of response.headers.getSetCookie()) this.keep(line)
    return response
  }

  /** A cookie's value (the provider's session id is `_cc_session`'s). */
  value(name: string): string | undefined {
    return this.cookies.get(name)?.value
  }

  private keep(line: string) {
    const [pair, ...attributes] = line.split(';').map((s) => s.trim())
    const eq = pair.indexOf('=')
    const name = pair.slice(0, eq)
    const value = pair.slice(eq + 1)
    const path = attributes.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/'
    const expired = attributes.some((a) => /^expires=thu, 01 jan 1970/i.test(a)) || value === ''
    if (expired) this.cookies.delete(name)
    else this.cookies.set(name, { value, path })
  }
}

/** Follows redirects (by hand, with the jar) until one leaves the server or lands on the interaction page. */
export async function follow(jar: CookieJar, server: OidcServer, url: string): Promise<string> {
  let next = url
  for (let i = 0; i < 10; i++) {
    if (!next.startsWith(server.url) || next.includes('/interaction/')) return next
    const response = await jar.fetch(next)
    const location = response.headers.get('location')
    if (!location) throw new Error(`no redirect from ${next}: ${response.status} ${await response.text()}`)
    next = new URL(location, next).href
  }
  throw new Error('too many redirects')
}

/** The hosted page's steps over HTTP: read the interaction, sign in with our JSON API's token, consent; returns where the browser ends. */
export async function completeInteraction(jar: CookieJar, server: OidcServer, interactionUrl: string, accessToken: string | undefined): Promise<string> {
  let url = interactionUrl
  for (let i = 0; i < 3 && url.includes('/interaction/'); i++) {
    const details = await (await jar.fetch(`${url}/details`)).json() as { prompt: string }
    const step = details.prompt === 'login' ? 'login' : 'consent'
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(step === 'login' && accessToken ? { authorization: `Bearer ${accessToken}` } : {}) }
    const response = await jar.fetch(`${url}/${step}`, { method: 'POST', headers, body: '{}' })
    if (!response.ok) throw new Error(`${step}: ${response.status} ${await response.text()}`)
    url = await follow(jar, server, ((await response.json()) as { location: string }).location)
  }
  return url
}

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
