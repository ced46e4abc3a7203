import { Type, type Static } from 'typebox'
import { allOptional, PageQuery, Timestamp, Uuid } from '../../lib/schemas'

export const DEFAULT_GRANT_TYPES: GrantType[] = ['authorization_code', 'refresh_token']
export const DEFAULT_SCOPES = ['openid', 'profile', 'email']

const ClientType = Type.Union([Type.Literal('confidential'), Type.Literal('public')], { description: '`confidential` (a server: has a secret) or `public` (SPA, mobile: PKCE, no secret). Fixed at creation.' })
const AuthMethod = Type.Union([Type.Literal('client_secret_basic'), Type.Literal('client_secret_post'), Type.Literal('none')], { description: 'How the client authenticates at the token endpoint: `client_secret_basic` (default) or `client_secret_post` for a confidential client; always `none` for a public one.' })
const GrantType = Type.Union([Type.Literal('authorization_code'), Type.Literal('refresh_token'), Type.Literal('client_credentials')])
type GrantType = Static<typeof GrantType>
const Uris = (description: string, example: string) => Type.Array(Type.String({ minLength: 1, maxLength: 2000 }), { maxItems: 20, uniqueItems: true, description, examples: [[example]] })

const fields = {
  name: Type.String({ minLength: 1, maxLength: 200, examples: ['Shop storefront'] }),
  token_endpoint_auth_method: AuthMethod,
  redirect_uris: Uris('Absolute URIs, matched exactly; https (http only for localhost, 127.0.0.1, [::1]); a custom scheme holding a dot (com.shop.app:/callback) only for public clients.', 'https://shop.example.com/callback'),
  post_logout_redirect_uris: Uris('Where the client may send the user after sign-out; the same rules as redirect_uris.', 'https://shop.example.com/'),
  grant_types: Type.Array(GrantType, { minItems: 1, uniqueItems: true, description: 'Default: authorization_code, refresh_token. client_credentials only for confidential clients; refresh_token needs authorization_code.', examples: [['authorization_code', 'refresh_token']] }),
  scopes: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 500, uniqueItems: true, description: 'Default: openid, profile, email. OpenID Connect scopes and permission codenames of the organization.', examples: [['openid', 'profile', 'email']] }),
  first_party: Type.Boolean({ description: "The organization's own app: its users are not asked for consent. Default false." }),
}

export const OAuthClient = Type.Object({
  id: Uuid,
  client_id: Type.String({ description: 'The public client identifier (cc_client_…).' }),
  developer_id: Uuid,
  name: Type.String(),
  type: ClientType,
  token_endpoint_auth_method: AuthMethod,
  redirect_uris: Type.Array(Type.String()),
  post_logout_redirect_uris: Type.Array(Type.String()),
  grant_types: Type.Array(Type.String()),
  scopes: Type.Array(Type.String()),
  first_party: Type.Boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
})
export type OAuthClient = Static<typeof OAuthClient>

/** A confidential client just created, or its secret just rotated: the secret is shown this once. */
export const OAuthClientWithSecret = Type.Intersect([OAuthClient, Type.Object({
  client_secret: Type.Optional(Type.String({ description: 'The client secret (cc_secret_…). Shown once; only its hash is stored. Absent for a public client.' })),
})])
export type OAuthClientWithSecret = Static<typeof OAuthClientWithSecret>

const { name, ...optional } = fields
export const CreateOAuthClient = Type.Object({ name, type: ClientType, ...allOptional(optional) }, { additionalProperties: false })
export type CreateOAuthClient = Static<typeof CreateOAuthClient>
export const UpdateOAuthClient = Type.Object(allOptional(fields), { additionalProperties: false })
export type UpdateOAuthClient = Static<typeof UpdateOAuthClient>

export const OAuthClientListQuery = Type.Object({
  ...PageQuery,
  developer_id: Type.Optional(Uuid),
  search: Type.Optional(Type.String({ maxLength: 200, description: 'Substring of the name or client_id (case-insensitive).' })),
  ordering: Type.Optional(Type.String({ description: 'name, created_at; prefix "-" for descending.', examples: ['name'] })),
})
export type OAuthClientListQuery = Static<typeof OAuthClientListQuery>
