import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { notFound } from '../../lib/errors'
import { organizationPublicRoutes } from '../organizations/organization-public.routes'
import { loadWebBundle, PAGE_ENTRIES, readAssets, type PageName, type WebManifest } from './web-bundle'

/**
 * The pages' own policy, separate from the API's `default-src 'none'`: scripts, styles and
 * API calls from this origin only, no inline code, no framing, forms post nowhere else.
 */
export const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

const TITLES: Record<PageName, string> = { 'reset-password': 'Choose a new password', 'verify-email': 'Confirm your email address', admin: 'Admin console', account: 'Your account', authorize: 'Sign in' }
/**
 * Where each page is served. The consoles route on the client: `/<name>/` and every path
 * below it serve the same shell. `authorize` is the OpenID providers' sign-in and consent
 * page, at the address each organization's provider sends the browser to.
 */
const PATHS: Record<PageName, string[]> = {
  'reset-password': ['/reset-password'], 'verify-email': ['/verify-email'], admin: ['/admin/', '/admin/*'], account: ['/account/', '/account/*'],
  authorize: ['/oidc/:org/interaction/:uid'],
}
const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' }
const hidden = { hide: true }

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** A static shell: the page's stylesheet and script (hashed names), nothing else — the script renders the page. */
function pageHtml(name: PageName, manifest: WebManifest): string {
  const files = manifest.pages[name]
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(TITLES[name])}</title>`,
    '<link rel="icon" href="data:,">', // no /favicon.ico request (a 404 on every visit)
    ...files.css.map((f) => `<link rel="stylesheet" href="/assets/${esc(f)}">`),
    `<script type="module" src="/assets/${esc(files.js)}"></script>`,
    '</head><body><main id="app"><noscript>This page needs JavaScript.</noscript></main></body></html>',
  ].join('\n')
}

/** Route-level onSend runs after the app-wide security headers, so this policy replaces the API's for HTML. */
function pageHeaders(_req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: null, payload: unknown) => void) {
  reply.header('content-security-policy', PAGE_CSP)
  reply.header('cross-origin-opener-policy', 'same-origin')
  reply.header('cache-control', 'no-store')
  done(null, payload)
}

/**
 * The hosted pages the emails link to (`/reset-password`, `/verify-email`), the staff
 * console (`/admin/`) and the shoppers' account pages (`/account/`), whose screens are
 * routed in the browser, their assets
 * under `/assets/`, and the public organization name they show. The pages talk only to
 * the public JSON API, from the browser.
 */
export const pagesRoutes: FastifyPluginAsync = async (app) => {
  const manifest = await loadWebBundle((err) => app.log.warn({ err }, 'hosted pages: rebuild failed, serving the previous build'))
  const assets = readAssets(manifest)
  await app.register(organizationPublicRoutes, { prefix: '/api/v1' })

  for (const name of PAGE_ENTRIES) {
    const html = pageHtml(name, manifest)
    for (const url of PATHS[name]) {
      app.get(url, { config: { access: 'public' }, schema: hidden, onSend: pageHeaders }, async (_req, reply) =>
        reply.type('text/html; charset=utf-8').send(html))
    }
  }

  app.get<{ Params: { file: string } }>('/assets/:file', { config: { access: 'public' }, schema: hidden }, async (req, reply) => {
    const body = assets.get(req.params.file)
    if (!body) throw notFound()
    return reply
      .type(TYPES[req.params.file.split('.').pop() as string])
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(body)
  })
}
