import createClient, { type Client, type ClientOptions } from 'openapi-fetch'
import type { components, paths } from './schema'

export type { components, operations, paths } from './schema'

/** Every named schema of the API (`Schemas['User']`, `Schemas['Order']`, …). */
export type Schemas = components['schemas']
export type User = Schemas['User']
export type TokenPair = Schemas['TokenPair']
export type AuthResult = Schemas['AuthResult']
/** The DRF error bodies: `{"detail", "code"}`, or field errors `{"field": ["message"]}` for a 400. */
export type ApiError = Schemas['Error']
export type ValidationErrors = Schemas['ValidationErrors']

export interface CommerceCoreOptions extends ClientOptions {
  /** Where the server is, e.g. `https://auth.example.com` (the paths start with `/api/v1/`). */
  baseUrl: string
  /** The organization (slug or id) sent as `X-Organization`, unless a request sets its own. */
  organization?: string
  /** The credential sent as `Authorization: Bearer …` (an access token or an API key); a function is asked on every request. */
  token?: string | (() => string | undefined | Promise<string | undefined>)
}

export type CommerceCoreClient = Client<paths>

/**
 * A typed client of the CommerceCore Auth API (openapi-fetch): paths, bodies, parameters
 * and responses are checked against the server's OpenAPI document.
 *
 *   const api = createCommerceCoreClient({ baseUrl, organization: 'acme', token: () => access })
 *   const { data, error, response } = await api.GET('/api/v1/auth/me/')
 */
export function createCommerceCoreClient(options: CommerceCoreOptions): CommerceCoreClient {
  const { organization, token, ...clientOptions } = options
  const client = createClient<paths>(clientOptions)
  client.use({
    async onRequest({ request }) {
      if (organization && !request.headers.has('x-organization')) request.headers.set('x-organization', organization)
      const credential = typeof token === 'function' ? await token() : token
      if (credential && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${credential}`)
      return request
    },
  })
  return client
}
