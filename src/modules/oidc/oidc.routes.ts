import type { IncomingMessage } from 'node:http'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { notFound } from '../../lib/errors'
import { loadWebBundle } from '../pages/web-bundle'
import { interactionRoutes } from './interaction.routes'
import { OidcProviders } from './providers'

const hidden = { hide: true }
/** The provider's own pages (errors, sign-out) run no script; everything else it sends is JSON or a redirect. */
const PROVIDER_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

type OrgRequest = FastifyRequest<{ Params: { org: string } }>

/**
 * Each organization's OpenID provider under `/oidc/<slug>/` (issuer `${PUBLIC_URL}/oidc/<slug>`):
 * discovery, authorization, token, userinfo, revocation, introspection, logout, JWKS —
 * answered by oidc-provider itself, which reads its own request bodies. The sign-in and
 * consent steps are ours (interaction.routes.ts).
 */
export const oidcRoutes: FastifyPluginAsync = async (app) => {
  const manifest = await loadWebBundle(() => {})
  const providers = new OidcProviders(app.ctx, manifest.pages.authorize?.css[0])
  await app.register(interactionRoutes, { providers })
  await app.register(async (mount) => {
    // The provider parses bodies itself: Fastify must leave the stream unread.
    mount.removeAllContentTypeParsers()
    mount.addContentTypeParser('*', (_req, _payload, done) => done(null))
    const handler = (req: OrgRequest, reply: FastifyReply) => forward(app.ctx.config.publicUrl, providers, req, reply)
    // One route per method: each is its own operation in the OpenAPI document (oidc.docs.ts).
    for (const method of ['GET', 'POST', 'OPTIONS'] as const) mount.route({ method, url: '/oidc/:org/*', config: { access: 'public' }, schema: hidden, handler })
  })
}

async function forward(publicUrl: string, providers: OidcProviders, req: OrgRequest, reply: FastifyReply) {
  const entry = await providers.forSlug(req.params.org)
  const prefix = `/oidc/${req.params.org}`
  const raw = req.raw as IncomingMessage & { originalUrl?: string }
  if (!entry || !raw.url?.startsWith(`${prefix}/`)) throw notFound()
  raw.originalUrl = raw.url
  raw.url = raw.url.slice(prefix.length)
  // The provider builds every URL it sends (discovery, redirects) from these: ours, never the caller's Host.
  const base = new URL(publicUrl)
  raw.headers['x-forwarded-host'] = base.host
  raw.headers['x-forwarded-proto'] = base.protocol.slice(0, -1)
  raw.headers['x-forwarded-for'] = req.ip
  reply.raw.setHeader('content-security-policy', PROVIDER_CSP)
  reply.raw.setHeader('x-content-type-options', 'nosniff')
  reply.raw.setHeader('referrer-policy', 'no-referrer')
  reply.raw.setHeader('x-request-id', req.id)
  reply.hijack()
  entry.handle(raw, reply.raw)
}
