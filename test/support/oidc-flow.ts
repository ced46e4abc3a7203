import * as oidc from 'openid-client'
import type { Executor } from '../../src/db'
import { oauthClients } from '../../src/db/schema'
import { newId } from '../../src/lib/ids'
import { randomToken, sha256 } from '../../src/lib/secrets'
import { insertDeveloper } from '../../src/modules/developers/developers.repository'

/**
 * The OpenID provider seen from outside, with no test runner and no app in this process:
 * what both the tests (through oidc-helpers.ts) and bench/oidc.ts use against a server.
 */
export interface ClientOptions {
  name?: string
  kind?: 'confidential' | 'public'
  redirectUris?: string[]
  postLogoutRedirectUris?: string[]
  grantTypes?: string[]
  scopes?: string[]
  firstParty?: boolean
  authMethod?: 'client_secret_basic' | 'client_secret_post'
  developerId?: string
}

export const REDIRECT_URI = 'https://shop.example/callback'

/** The scopes a test's code flow asks for: OpenID Connect's and one API permission (`offline: true` adds offline_access). */
export const API_SCOPE = 'view_orders'
export const FLOW_SCOPE = `openid profile email ${API_SCOPE}`

export interface AuthorizationRequest { url: URL; verifier: string; state: string; nonce: string }

/** An authorization request with PKCE, state and nonce; `params` add to (or replace) the defaults. */
export async function authorizationRequest(rp: oidc.Configuration, params: Record<string, string> = {}): Promise<AuthorizationRequest> {
  const verifier = oidc.randomPKCECodeVerifier()
  const state = oidc.randomState()
  const nonce = oidc.randomNonce()
  const url = oidc.buildAuthorizationUrl(rp, {
    redirect_uri: REDIRECT_URI, scope: FLOW_SCOPE, state, nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', ...params,
  })
  return { url, verifier, state, nonce }
}

/** The code at the client's redirect URI exchanged by openid-client, which checks PKCE, state and nonce. */
export const redeem = (rp: oidc.Configuration, back: string, request: AuthorizationRequest) =>
  oidc.authorizationCodeGrant(rp, new URL(back), { pkceCodeVerifier: request.verifier, expectedState: request.state, expectedNonce: request.nonce })

/** A registered client, written as the registration API would (the secret hashed). */
export async function insertClient(db: Executor, organizationId: string, opts: ClientOptions = {}) {
  const kind = opts.kind ?? 'confidential'
  const developerId = opts.developerId ?? (await insertDeveloper(db, organizationId, { name: `dev-${randomToken(9)}` })).id
  const id = newId()
  const clientId = `cc_client_${randomToken(16)}`
  const secret = kind === 'confidential' ? `cc_secret_${randomToken(32)}` : undefined
  await db.insert(oauthClients).values({
    id, organizationId, developerId, clientId, name: opts.name ?? `App ${randomToken(9)}`, kind,
    secretHash: secret ? sha256(secret) : null,
    tokenEndpointAuthMethod: kind === 'public' ? 'none' : (opts.authMethod ?? 'client_secret_basic'),
    redirectUris: opts.redirectUris ?? [REDIRECT_URI],
    postLogoutRedirectUris: opts.postLogoutRedirectUris ?? [],
    grantTypes: opts.grantTypes ?? ['authorization_code', 'refresh_token'],
    scopes: opts.scopes ?? ['openid', 'profile', 'email', 'offline_access'],
    firstParty: opts.firstParty ?? true,
  })
  return { id, clientId, secret, developerId }
}

/** openid-client's configuration from an issuer's discovery document (http on loopback allowed). */
export function discoverRelyingParty(issuer: string, client: { clientId: string; secret?: string }, auth?: oidc.ClientAuth) {
  const clientAuth = auth ?? (client.secret ? oidc.ClientSecretBasic(client.secret) : oidc.None())
  return oidc.discovery(new URL(issuer), client.clientId, undefined, clientAuth, { execute: [oidc.allowInsecureRequests] })
}

/** A browser without a browser: follows redirects by hand and keeps cookies per path. */
export class CookieJar {
  /** By name and path, as a browser keeps them: two cookies of one name under two paths are two cookies. */
  private readonly cookies = new Map<string, { name: string; value: string; path: string }>()

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const path = new URL(url).pathname
    const cookie = [...this.cookies.values()].filter((c) => path.startsWith(c.path)).map((c) => `${c.name}=${c.value}`).join('; ')
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie && { cookie }) } })
    for (const line of response.headers.getSetCookie()) this.keep(line)
    return response
  }

  /** A cookie's value (the provider's session id is `_cc_session`'s). */
  value(name: string): string | undefined {
    return [...this.cookies.values()].find((c) => c.name === name)?.value
  }

  private keep(line: string) {
    const [pair, ...attributes] = line.split(';').map((s) => s.trim())
    const eq = pair.indexOf('=')
    const name = pair.slice(0, eq)
    const value = pair.slice(eq + 1)
    const path = attributes.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/'
    const expired = attributes.some((a) => /^expires=thu, 01 jan 1970/i.test(a)) || value === ''
    if (expired) this.cookies.delete(`${name};${path}`)
    else this.cookies.set(`${name};${path}`, { name, value, path })
  }
}

/** Where the server listens (its PUBLIC_URL): redirects elsewhere leave it. */
interface Origin { url: string }

/** Follows redirects (by hand, with the jar) until one leaves the server or lands on the interaction page. */
export async function follow(jar: CookieJar, server: Origin, url: string): Promise<string> {
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

/** One of the hosted page's calls: POST `…/interaction/<uid>/<step>` with a JSON body, and for `login` the Bearer token of the new session. */
export const postStep = (jar: CookieJar, interactionUrl: string, step: 'login' | 'consent' | 'abort', accessToken?: string) =>
  jar.fetch(`${interactionUrl}/${step}`, {
    method: 'POST', body: '{}', headers: { 'content-type': 'application/json', ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
  })

/** GET `…/details`: what the pending interaction waits for. */
export const interactionDetails = async (jar: CookieJar, interactionUrl: string) =>
  (await jar.fetch(`${interactionUrl}/details`)).json() as Promise<{ prompt: string; login_hint: string | null; scopes: string[]; organization: string }>

/** The hosted page's steps over HTTP: read the interaction, sign in with our JSON API's token, consent; returns where the browser ends. */
export async function completeInteraction(jar: CookieJar, server: Origin, interactionUrl: string, accessToken: string | undefined): Promise<string> {
  let url = interactionUrl
  for (let i = 0; i < 3 && url.includes('/interaction/'); i++) {
    const step = (await interactionDetails(jar, url)).prompt === 'login' ? 'login' : 'consent'
    const response = await postStep(jar, url, step, step === 'login' ? accessToken : undefined)
    if (!response.ok) throw new Error(`${step}: ${response.status} ${await response.text()}`)
    url = await follow(jar, server, ((await response.json()) as { location: string }).location)
  }
  return url
}
