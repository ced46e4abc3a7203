import type { AdapterPayload } from 'oidc-provider'
import type { AppContext } from '../../context'
import { tags } from '../../lib/cache-tags'
import type { TaggedCache } from '../../lib/invalidation'
import type { ClientLookup } from './adapter'
import { isNativeApp } from '../oauth-clients/client-rules'
import { findLiveOAuthClient, type OAuthClientRow } from '../oauth-clients/oauth-clients.repository'

/**
 * A public client has no secret, so client credentials would hand its developer's access to
 * anyone who knows its id; oidc-provider itself accepts the pair (`none` + client_credentials).
 */
const grantTypesOf = (row: OAuthClientRow) => (row.kind === 'public' ? row.grantTypes.filter((g) => g !== 'client_credentials') : row.grantTypes)

/**
 * A registered client as oidc-provider's metadata. `client_secret` holds the SHA-256 of
 * the secret, never the secret: the Client model compares a presented secret's hash with
 * it (provider.ts). Only the grants a client was given, and response type `code` only
 * with authorization_code. A native app or a web app as the registration rules say
 * (isNativeApp).
 */
function clientMetadata(row: OAuthClientRow, supported: ReadonlySet<string>): AdapterPayload {
  const native = isNativeApp({ type: row.kind, redirect_uris: row.redirectUris })
  return {
    client_id: row.clientId,
    client_name: row.name,
    ...(row.secretHash && { client_secret: row.secretHash }),
    token_endpoint_auth_method: row.tokenEndpointAuthMethod,
    application_type: native ? 'native' : 'web',
    grant_types: grantTypesOf(row),
    response_types: row.grantTypes.includes('authorization_code') ? ['code'] : [],
    redirect_uris: row.redirectUris,
    post_logout_redirect_uris: row.postLogoutRedirectUris,
    // A scope whose permission was deleted since is dropped (the provider refuses a client with an unknown one).
    scope: row.scopes.filter((s) => supported.has(s)).join(' '),
    first_party: row.firstParty,
  }
}

/** What the registration API hands out (`cc_client_` + 16 random bytes); anything else is no client, without a query. */
const CLIENT_ID = /^cc_client_[A-Za-z0-9_-]{1,64}$/

/** Registered clients of one organization (live, with a live developer), cached until the client, its developer or the organization changes. */
export function clientLookup(ctx: AppContext, cache: TaggedCache<AdapterPayload | null>, organizationId: string, supported: ReadonlySet<string>): ClientLookup {
  return async (clientId) => !CLIENT_ID.test(clientId) ? undefined : (await cache.getOrLoad(`${organizationId}:${clientId}`, async () => {
    const row = await findLiveOAuthClient(ctx.db, organizationId, clientId)
    // Filtered by the provider's scopes: rebuilt with it.
    const tagged = [tags.oauthClient(clientId), tags.org(organizationId), tags.oidcProvider(organizationId), ...(row ? [tags.developer(row.developerId)] : [])]
    return { value: row ? clientMetadata(row, supported) : null, tags: tagged }
  })) ?? undefined
}
