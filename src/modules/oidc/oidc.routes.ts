import type { IncomingMessage } from 'node:http'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { notFound } from '../../lib/errors'
import { securityHeaders } from '../../plugins/security-headers'
import { loadWebBundle } from '../pages/web-bundle'
import { interactionRoutes } from './interaction.routes'
import { OidcProviders } from './providers'

const hidden = { hide: true }
/**
 * The provider's own pages (errors, sign-out) run no script of ours. The one inline script
 * it writes, the auto-submit of `response_mode=form_post`, is allowed by its hash, which
 * oidc-provider adds to `script-src` itself; that form posts to the client, so no
 * `form-action`. Everything else it sends is JSON or a redirect.
 */
const PROVIDER_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'"

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
    // The provider answers on the raw response (hijacked), so the onSend hook's headers are set here:
    // the product's set, the provider's page policy, and no-store unless the provider sets its own.
    const headers = { ...securityHeaders(app.ctx.config), 'cache-control': 'no-store', 'content-security-policy': PROVIDER_CSP }
    const handler = (req: OrgRequest, reply: FastifyReply) => forward(app.ctx.config.publicUrl, providers, headers, req, reply)
    // One route per method: each is its own operation in the OpenAPI document (oidc.docs.ts).
    for (const method of ['GET', 'POST', 'OPTIONS'] as const) mount.route({ method, url: '/oidc/:org/*', config: { access: 'public' }, schema: hidden, handler })
  })
}

async function forward(publicUrl: string, providers: OidcProviders, headers: Record<string, string>, req: OrgRequest, reply: FastifyReply) {
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
  for (const [name, value] of Object.entries(headers)) reply.raw.setHeader(name, value)
  reply.raw.setHeader('x-request-id', req.id)
  reply.hijack()
  entry.handle(raw, reply.raw)
}
