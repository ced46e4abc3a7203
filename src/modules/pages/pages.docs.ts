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

/** The account pages: one shell; the script signs the shopper in and calls the API with tokens kept in memory. */
const account = (summary: string) => ({
  tags, security: [], summary,
  description: 'Sign-in (with the MFA step) happens in the page; tokens stay in the page\'s memory, never in storage or the address. Every change goes through the `/api/v1/auth/…` endpoints.',
  querystring: { type: 'object', properties: { org: { type: 'string', description: 'The organization\'s slug: its name in the heading, and the organization signed in to (absent: `default`).' } } },
  response: { 200: html('The page (no-store; its own Content-Security-Policy).') },
})

export const pagesDocs: Record<string, object> = {
  'GET /reset-password': page('Hosted page: choose a new password (the link in the reset email)', 'Posts to `POST /api/v1/auth/password/reset/` from the browser and shows the password policy\'s messages at the field.'),
  'GET /verify-email': page('Hosted page: confirm the email address (the link in the verification email)', 'Calls `POST /api/v1/auth/email/verify/` from the browser on load and shows the result.'),
  'GET /account/': account('Hosted pages: a shopper\'s own account — profile (sign-in first)'),
  'GET /account/:section': {
    ...account('Hosted pages: one section of the account pages (password, two-factor, sessions, tokens)'),
    params: { type: 'object', required: ['section'], properties: { section: { type: 'string', enum: ['password', 'two-factor', 'sessions', 'tokens'] } } },
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
