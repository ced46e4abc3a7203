import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { named } from '../../lib/schema-names'

const tags = ['keys']
const Jwks = named('JsonWebKeySet', Type.Object({ keys: Type.Array(Type.Record(Type.String(), Type.Unknown())) }))
const Discovery = named('DiscoveryDocument', Type.Object({
  issuer: Type.String({ description: 'The `iss` of every access token.' }),
  jwks_uri: Type.String(),
  access_token_signing_alg_values_supported: Type.Array(Type.String(), { description: 'Not a registered metadata name: the algorithms of the keys in jwks_uri, which sign access tokens.' }),
}))

/** Public signing keys and discovery, so resource servers verify access tokens offline. */
export const wellKnownRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/.well-known/jwks.json', {
    config: { access: 'public' },
    schema: { tags, summary: 'JSON Web Key Set of the access-token signing keys', security: [], response: { 200: Jwks } },
  }, async (_req, reply) => reply.header('cache-control', 'public, max-age=300').send(app.ctx.keys.jwks()))

  // The issuer and keys of the service's own JWT access tokens, for resource servers. The
  // OpenID providers are per organization, each with its own issuer and full discovery at
  // /oidc/<slug>/.well-known/openid-configuration (src/modules/oidc/); none of their
  // endpoints is advertised here, so an OIDC client pointed at the root finds the required
  // fields missing and stops, instead of posting OAuth requests to the login URL.
  app.get('/.well-known/openid-configuration', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'Discovery for the API access tokens: issuer, jwks_uri, signing algorithms (OpenID providers are per organization)',
      description: 'For resource servers verifying the JWT access tokens of `/api/v1/auth/`. This is not an OpenID provider: '
        + 'each organization has one, with issuer `PUBLIC_URL/oidc/<slug>` and its own discovery document at '
        + '`PUBLIC_URL/oidc/<slug>/.well-known/openid-configuration` (authorization, token, userinfo, JWKS, revocation, introspection, end session).',
      security: [],
      response: { 200: Discovery },
    },
  }, async (_req, reply) => reply.header('cache-control', 'public, max-age=300').send({
    issuer: app.ctx.config.publicUrl,
    jwks_uri: `${app.ctx.config.publicUrl}/.well-known/jwks.json`,
    access_token_signing_alg_values_supported: [...new Set(app.ctx.keys.jwks().keys.map((k) => String(k.alg)))],
  }))
}
