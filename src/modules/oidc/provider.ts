import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider'
import type { AppContext } from '../../context'
import { tags } from '../../lib/cache-tags'
import { safeEqual, sha256 } from '../../lib/secrets'
import { write } from '../../write'
import { DEPENDENCY_RETRY_AFTER_SECONDS, isUnavailable, isUnstorableText } from '../../lib/errors'
import { organizationScopes } from '../oauth-clients/scopes'
import { accountFinder, linkSession, SCOPE_CLAIMS } from './account'
import { artifactAdapter } from './adapter'
import { clientLookup } from './clients'
import type { TaggedCache } from '../../lib/invalidation'
import type { AdapterPayload } from 'oidc-provider'
import { grantFirstParty, isFirstParty } from './grants'
import { providerPages } from './pages'

export interface OrganizationRef { id: string; slug: string }

/** Where an organization's provider lives: `${PUBLIC_URL}/oidc/<slug>` (its issuer). */
const issuerOf = (ctx: AppContext, slug: string) => `${ctx.config.publicUrl}/oidc/${slug}`
const interactionPath = (slug: string, uid: string) => `/oidc/${slug}/interaction/${uid}`

/**
 * One OpenID provider (oidc-provider, OpenID Certified) per organization, with its own
 * issuer, clients, tokens and cookies. What is on: authorization code with PKCE (S256,
 * every client), refresh tokens (rotated on every use; a used one presented again revokes
 * the grant), client credentials, userinfo, revocation, introspection, RP-initiated
 * logout. What is off: implicit and hybrid flows, the password grant, DPoP and PAR (the
 * API would not check a sender constraint), dynamic registration, the device flow.
 */
/** What every organization's provider shares: the client cache and the pages' stylesheet. */
export interface ProviderShared { clients: TaggedCache<AdapterPayload | null>; stylesheet?: string }

export async function buildProvider(ctx: AppContext, org: OrganizationRef, shared: ProviderShared): Promise<Provider> {
  const { config } = ctx
  const pages = providerPages(shared.stylesheet)
  const scopes = await organizationScopes(ctx.db, org.id)
  const configuration: Configuration = {
    adapter: artifactAdapter(ctx.db, org.id, clientLookup(ctx, shared.clients, org.id, new Set(scopes)), {
      destroyed: (idHash) => void ctx.invalidate([tags.oauthToken(idHash)]).catch(() => {}),
      grantRevoked: (grantId) => void ctx.invalidate([tags.oauthGrant(grantId)]).catch(() => {}),
    }),
    findAccount: accountFinder(ctx.db, org.id),
    jwks: { keys: await ctx.keys.providerJwks() as never },
    scopes,
    // `amr` (how the user signed in, RFC 8176) rides with `openid`: the ID token carries it, userinfo has none to give.
    claims: { ...SCOPE_CLAIMS, openid: [...SCOPE_CLAIMS.openid, 'amr'] },
    responseTypes: ['code'],
    clientAuthMethods: ['none', 'client_secret_basic', 'client_secret_post'],
    clientDefaults: { grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic', id_token_signed_response_alg: config.jwtAlgorithm },
    enabledJWA: { idTokenSigningAlgValues: [config.jwtAlgorithm], userinfoSigningAlgValues: [config.jwtAlgorithm], introspectionSigningAlgValues: [config.jwtAlgorithm] } as never,
    pkce: { required: () => true },
    allowOmittingSingleRegisteredRedirectUri: false,
    extraClientMetadata: { properties: ['first_party'] },
    cookies: cookieSettings(ctx, org),
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      // A client introspects its own tokens; the organization's own confidential clients (its resource servers) any of its tokens.
      introspection: { enabled: true, allowedPolicy: async (_c, client, token) => client.clientId === token.clientId || (client.clientAuthMethod !== 'none' && isFirstParty(client)) },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource: pages.logoutSource, postLogoutSuccessSource: pages.postLogoutSuccessSource },
      resourceIndicators: { enabled: false },
      dPoP: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      userinfo: { enabled: true },
    },
    // A browser app may call the token, userinfo and revocation endpoints from its redirect URIs' origins (http(s) ones: a custom scheme's origin is "null").
    clientBasedCORS: (_c, origin, client) => origin !== 'null' && (client.redirectUris?.some((uri) => /^https?:/.test(uri) && URL.parse(uri)?.origin === origin) ?? false),
    rotateRefreshToken: true,
    // OAuth 2.1: a client with the refresh_token grant gets a (rotating) refresh token. Without
    // `offline_access` it ends with the provider session (a sign-out); with it, it outlives a
    // sign-out, but never the sign-in behind it (/auth/sessions/, account.ts).
    issueRefreshToken: async (_c, client) => client.grantTypeAllowed('refresh_token'),
    ttl: lifetimes(config),
    interactions: { url: (_c, interaction) => interactionPath(org.slug, interaction.uid) },
    loadExistingGrant: async (c: KoaContextWithOIDC) => {
      await recordLinkedSession(ctx, org.id, c)
      const grantId = c.oidc.result?.consent?.grantId || c.oidc.session?.grantIdFor(c.oidc.client!.clientId)
      if (grantId) return c.oidc.provider.Grant.find(grantId)
      return grantFirstParty(c)
    },
    renderError: pages.renderError,
  }
  const provider = new Provider(issuerOf(ctx, org.slug), configuration)
  provider.proxy = true // forwarded headers are set by our mount from PUBLIC_URL, never taken from the caller
  // Stored client secrets are SHA-256 hashes: compare the presented secret's hash, in constant time.
  provider.Client.prototype.compareClientSecret = function (this: { clientSecret?: string }, actual: string) {
    return Promise.resolve(!!this.clientSecret && safeEqual(sha256(actual), this.clientSecret))
  }
  reportFailures(ctx, provider)
  auditRevocations(ctx, org.id, provider)
  return provider
}

/** A grant revoked by the provider — a code used twice, a rotated refresh token presented again, a revocation or sign-out — is in the audit log. */
function auditRevocations(ctx: AppContext, organizationId: string, provider: Provider) {
  provider.on('grant.revoked', (c: KoaContextWithOIDC) => {
    const clientId = c.oidc.client?.clientId ?? ''
    const actor = { actorType: 'anonymous' as const, actorId: null, ip: c.ip, userAgent: c.get('user-agent') }
    ctx.background('oauth audit', () => write(ctx, async (_tx, w) => w.audit(actor, {
      organizationId, action: 'oauth.grant_revoked', targetType: 'oauth_grant', targetId: null, metadata: { client_id: clientId, reason: c.oidc.route },
    })))
  })
}

/**
 * The provider answers its own failures with a 500 `server_error`. One caused by
 * PostgreSQL (or Redis) being down becomes an honest 503 with Retry-After, like the API's;
 * a parameter that cannot be stored is the caller's 400; anything else is logged.
 */
function reportFailures(ctx: AppContext, provider: Provider) {
  provider.on('server_error', (c: KoaContextWithOIDC, err: Error) => { c.state.serverError = err })
  provider.use(async (c, next) => {
    await next()
    const err = c.state.serverError as Error | undefined
    if (!err) return
    if (isUnstorableText(err)) return refuseUnstorable(c)
    if (!isUnavailable(err)) return ctx.log.error({ err }, 'OpenID provider error')
    c.status = 503
    c.set('retry-after', String(DEPENDENCY_RETRY_AFTER_SECONDS))
    c.type = 'json'
    c.body = { error: 'temporarily_unavailable', error_description: 'A service this server depends on is unavailable; try again shortly.' }
  })
}

/** A parameter PostgreSQL cannot store (a NUL in `state`, `nonce`, `login_hint`…) is the caller's error, as in the API: 400, not logged. */
function refuseUnstorable(c: { status: number; type: string; body: unknown }) {
  c.status = 400
  c.type = 'json'
  c.body = { error: 'invalid_request', error_description: 'A parameter holds a character that cannot be stored (NUL).' }
}

/** Codes live a minute, interactions ten; tokens as long as the API's own, sessions and grants as long as a refresh token. */
const lifetimes = (config: AppContext['config']) => ({
  AccessToken: config.accessTokenLifetime,
  ClientCredentials: config.accessTokenLifetime,
  AuthorizationCode: 60,
  IdToken: 3600,
  RefreshToken: config.refreshTokenLifetime,
  Grant: config.refreshTokenLifetime,
  Session: config.refreshTokenLifetime,
  Interaction: 600,
})

/**
 * The provider's cookies: signed, HttpOnly, SameSite=Lax. Its browser session under the
 * organization's path only; a pending interaction's under that interaction's own path (the
 * provider's default), so two sign-ins in one browser do not overwrite each other.
 */
function cookieSettings(ctx: AppContext, org: OrganizationRef): Configuration['cookies'] {
  const path = `/oidc/${org.slug}/`
  return {
    keys: [ctx.secrets.derive('oidc-cookies', org.id)],
    names: { session: '_cc_session', interaction: '_cc_interaction', resume: '_cc_resume' },
    long: { httpOnly: true, sameSite: 'lax', path },
    short: { httpOnly: true, sameSite: 'lax' },
  }
}

/** After our sign-in page: the provider session now stands for that sign-in (ending it ends the client's tokens). */
async function recordLinkedSession(ctx: AppContext, organizationId: string, c: KoaContextWithOIDC) {
  const sessionId = (c.oidc.result as { commercecore?: { sessionId?: string } } | undefined)?.commercecore?.sessionId
  if (sessionId && c.oidc.session) await linkSession(ctx.db, organizationId, c.oidc.session.uid, sessionId)
}
