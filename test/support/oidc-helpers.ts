import type { FastifyInstance } from 'fastify'
import * as oidc from 'openid-client'
import { freePort } from './chromium'
import { makeApp } from './helpers'
import { discoverRelyingParty, insertClient, type ClientOptions } from './oidc-flow'

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
