/**
 * How the OpenID providers' paths are documented in /openapi.json. Their routes stay
 * hidden from the route-driven document: the provider endpoints are oidc-provider's (each
 * organization's discovery document describes them exactly, RFC 8414), and the
 * interaction steps are the hosted page's own calls. Listed so that an operator sees
 * every path the server answers. docs/oidc.md is the guide.
 */
const tags = ['oidc']
const org = { type: 'string', description: 'The organization\'s slug: its issuer is `${PUBLIC_URL}/oidc/<slug>`.' }
const uid = { type: 'string', description: 'The pending interaction (the provider sends the browser here).' }
const rest = { type: 'string', description: 'The endpoint: `.well-known/openid-configuration`, `auth`, `token`, `me` (userinfo), `token/revocation`, `token/introspection`, `session/end`, `jwks`, …' }
const json = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } })
const provider = (summary: string) => ({
  tags, security: [], summary,
  description: 'Answered by the organization\'s OpenID provider (oidc-provider, OpenID Certified): OAuth 2.1 authorization code with PKCE (S256), refresh token (rotated on every use), client credentials; OpenID Connect Discovery, userinfo, revocation (RFC 7009), introspection (RFC 7662), RP-initiated logout. Errors follow RFC 6749 (`{"error": …, "error_description": …}`); 503 `temporarily_unavailable` while PostgreSQL is down. See docs/oidc.md.',
  params: { type: 'object', required: ['org', '*'], properties: { org, '*': rest } },
  response: { 200: json('The endpoint\'s answer (JSON, a redirect, or an HTML page).'), 404: { description: 'No live organization has this slug.' } },
})
const step = (summary: string) => ({
  tags, security: [], summary,
  description: 'A call of the hosted sign-in page, tied to its browser by the interaction cookie (JSON only). Answers `{"location": …}`: where the browser goes next.',
  params: { type: 'object', required: ['org', 'uid'], properties: { org, uid } },
  response: { 200: json('`{"location": "<where the browser continues>"}`'), 404: { description: 'No pending interaction of this browser has this uid.' } },
})

export const oidcDocs: Record<string, object> = {
  'GET /oidc/:org/*': provider('OpenID provider endpoint (discovery, authorization, userinfo, JWKS, logout)'),
  'POST /oidc/:org/*': provider('OpenID provider endpoint (token, revocation, introspection, userinfo, logout)'),
  'GET /oidc/:org/interaction/:uid': {
    tags, security: [], summary: 'Hosted page: sign in (with the second factor) and consent for an OpenID client',
    description: 'Where an organization\'s provider sends the browser. It signs in through `POST /api/v1/auth/login/` (the same throttles, lockout and MFA), then hands that session to the provider; clients that are not first-party get a consent step.',
    params: { type: 'object', required: ['org', 'uid'], properties: { org, uid } },
    response: { 200: { description: 'The page (no-store; its own Content-Security-Policy).', content: { 'text/html; charset=utf-8': { schema: { type: 'string' } } } } },
  },
  'GET /oidc/:org/interaction/:uid/details': {
    ...step('Hosted page call: what the pending interaction asks (sign-in or consent, the client, the scopes)'),
    response: { 200: json('`prompt` (`login` | `consent`), `client.name`, `scopes`, `login_hint`, `organization`.'), 404: { description: 'No pending interaction of this browser has this uid.' } },
  },
  'POST /oidc/:org/interaction/:uid/login': { ...step('Hosted page call: hand the new session (its Bearer access token) to the provider'), security: [{ bearer: [] }] },
  'POST /oidc/:org/interaction/:uid/consent': step('Hosted page call: grant the scopes the client asked for'),
  'POST /oidc/:org/interaction/:uid/abort': step('Hosted page call: cancel; the client gets `access_denied`'),
}
