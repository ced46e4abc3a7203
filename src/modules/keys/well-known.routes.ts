import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'

const tags = ['keys']
const Jwks = Type.Object({ keys: Type.Array(Type.Record(Type.String(), Type.Unknown())) })

/** Public signing keys and discovery, so resource servers verify access tokens offline. */
export const wellKnownRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/.well-known/jwks.json', {
    config: { public: true },
    schema: { tags, summary: 'JSON Web Key Set of the access-token signing keys', security: [], response: { 200: Jwks } },
  }, async (_req, reply) => reply.header('cache-control', 'public, max-age=300').send(app.keys.jwks()))

  app.get('/.well-known/openid-configuration', {
    config: { public: true },
    schema: {
      tags, summary: 'Discovery document: issuer and jwks_uri', security: [],
      response: { 200: Type.Object({ issuer: Type.String(), jwks_uri: Type.String(), token_endpoint: Type.String(), id_token_signing_alg_values_supported: Type.Array(Type.String()) }, { additionalProperties: true }) },
    },
  }, async () => ({
    issuer: app.config.publicUrl,
    jwks_uri: `${app.config.publicUrl}/.well-known/jwks.json`,
    token_endpoint: `${app.config.publicUrl}/api/v1/auth/login/`,
    id_token_signing_alg_values_supported: ['ES256', 'EdDSA'],
  }))
}
