/**
 * How the hosted pages are documented in /openapi.json (their routes stay hidden from the
 * route-driven document, like /healthz): browser pages, not API operations, listed so an
 * operator sees every path the server answers.
 */
const tags = ['pages']
const html = (description: string) => ({ description, content: { 'text/html; charset=utf-8': { schema: { type: 'string' } } } })
const page = (summary: string, description: string) => ({
  tags, security: [], summary, description,
  querystring: {
    type: 'object',
    properties: {
      token: { type: 'string', description: 'The single-use token from the email (the page removes it from the address bar and history).' },
      org: { type: 'string', description: 'The organization\'s slug, for its name in the page heading.' },
    },
  },
  response: { 200: html('The page (no-store; its own Content-Security-Policy).') },
})

export const pagesDocs: Record<string, object> = {
  'GET /reset-password': page('Hosted page: choose a new password (the link in the reset email)', 'Posts to `POST /api/v1/auth/password/reset/` from the browser and shows the password policy\'s messages at the field.'),
  'GET /verify-email': page('Hosted page: confirm the email address (the link in the verification email)', 'Calls `POST /api/v1/auth/email/verify/` from the browser on load and shows the result.'),
  'GET /admin/': {
    tags, security: [], summary: 'Hosted page: the staff console (sign in with MFA, users, roles and permissions, …)',
    description: 'One page for `/admin/` and every path under it (its screens are routed in the browser). It signs in and calls the public JSON API from the browser with bearer tokens held in memory; see docs/admin.md.',
    response: { 200: html('The console\'s shell (no-store; its own Content-Security-Policy).') },
  },
  'GET /admin/*': {
    tags, security: [], summary: 'Hosted page: the staff console at a deep link (/admin/users/<id>/, …): the same shell as /admin/',
    params: { type: 'object', required: ['*'], properties: { '*': { type: 'string', description: 'The path below /admin/ (routed in the browser).' } } },
    response: { 200: html('The console\'s shell (no-store; its own Content-Security-Policy).') },
  },
  'GET /account/': {
    tags, security: [], summary: 'Hosted page: a shopper\'s own account (profile, password, two-factor, signed-in devices, personal access tokens)',
    description: 'One page for `/account/` and every path under it (`/account/password`, `/account/two-factor`, `/account/sessions`, `/account/tokens`; routed in the browser). It signs in (with the MFA step) and calls the `/api/v1/auth/…` endpoints with bearer tokens held in memory; see docs/web.md.',
    querystring: { type: 'object', properties: { org: { type: 'string', description: 'The organization\'s slug: its name in the heading, and the organization signed in to (absent: `default`).' } } },
    response: { 200: html('The page\'s shell (no-store; its own Content-Security-Policy).') },
  },
  'GET /account/*': {
    tags, security: [], summary: 'Hosted page: one section of the account pages (/account/password, …): the same shell as /account/',
    params: { type: 'object', required: ['*'], properties: { '*': { type: 'string', description: 'The section below /account/ (routed in the browser).' } } },
    response: { 200: html('The page\'s shell (no-store; its own Content-Security-Policy).') },
  },
  'GET /assets/:file': {
    tags, security: [], summary: 'Hosted pages\' scripts and stylesheets (content-hashed names, cached for a year)',
    params: { type: 'object', required: ['file'], properties: { file: { type: 'string' } } },
    response: {
      200: { description: 'The file (`text/javascript` or `text/css`), `Cache-Control: public, max-age=31536000, immutable`.', content: { 'text/javascript; charset=utf-8': { schema: { type: 'string' } }, 'text/css; charset=utf-8': { schema: { type: 'string' } } } },
      404: { description: 'No such asset in this build.' },
    },
  },
}
