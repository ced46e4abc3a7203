import type { OAuthClientRow } from './oauth-clients.repository'
import type { OAuthClient } from './oauth-clients.schemas'

/** The API shape of a client: never its secret or the secret's hash. */
export const toOAuthClient = (r: OAuthClientRow): OAuthClient => ({
  id: r.id,
  client_id: r.clientId,
  developer_id: r.developerId,
  name: r.name,
  type: r.kind,
  token_endpoint_auth_method: r.tokenEndpointAuthMethod,
  redirect_uris: r.redirectUris,
  post_logout_redirect_uris: r.postLogoutRedirectUris,
  grant_types: r.grantTypes,
  scopes: r.scopes,
  first_party: r.firstParty,
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
})
