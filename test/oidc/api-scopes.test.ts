import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BUILTIN_CODENAMES } from '../../src/lib/permissions'
import { call, createOrg, registerUser } from '../support/helpers'
import { registerClient, relyingParty, signInWithProvider, startOidcServer, type OidcServer } from '../support/oidc-helpers'
import { adminOf, declaredRoutes, superuserOf, userWith } from '../support/rbac-helpers'

/**
 * An OAuth access token on our API carries what its user holds *and* the token's scopes,
 * reaches only routes declared with a permission among those scopes — never the account
 * routes — and is never superuser.
 */
let server: OidcServer
beforeAll(async () => { server = await startOidcServer() })
afterAll(() => server.app.close())

const ALL_SCOPES = ['openid', 'profile', 'email', ...BUILTIN_CODENAMES]
const ANY_ID = '00000000-0000-4000-8000-000000000000'

/** An access token of `user` from a client allowed every scope, asking for `scope`. */
async function oauthToken(org: { id: string; slug: string }, user: Awaited<ReturnType<typeof registerUser>>, scope: string) {
  const rp = await relyingParty(server, org.slug, await registerClient(server.app, org.id, { scopes: ALL_SCOPES }))
  const { tokens } = await signInWithProvider(server, rp, org, user, { params: { scope } })
  expect(tokens.scope?.split(' ').sort()).toEqual(scope.split(' ').sort())
  return tokens.access_token
}

/** Every API route but the public ones, its path parameters filled with some id. */
const protectedRoutes = () => declaredRoutes(server.app)
  .filter((r) => r.url.startsWith('/api/v1/') && r.access !== 'public')
  .map((r) => ({ ...r, path: r.url.replace(/:[a-z_]+/g, ANY_ID) }))

describe('an OAuth access token on the API', () => {
  it('reaches only what its scopes name: view_roles lets a user holding view_roles and view_users list roles, not users', async () => {
    const org = await createOrg(server.app)
    const user = await userWith(server.app, org, ['view_roles', 'view_users'])
    const token = await oauthToken(org, user, 'openid view_roles')
    expect((await call(server.app, 'GET', '/api/v1/roles/', { token })).status).toBe(200)
    expect((await call(server.app, 'GET', '/api/v1/users/', { token })).status).toBe(403)
    expect((await call(server.app, 'GET', '/api/v1/users/', { token: user.access })).status).toBe(200)
  })

  it('does not grant what the user does not hold: a scope view_users for a user without it is refused', async () => {
    const org = await createOrg(server.app)
    const user = await userWith(server.app, org, ['view_roles'])
    const token = await oauthToken(org, user, 'openid view_users view_roles')
    expect((await call(server.app, 'GET', '/api/v1/users/', { token })).status).toBe(403)
    expect((await call(server.app, 'GET', '/api/v1/roles/', { token })).status).toBe(200)
  })

  it('without API scopes is refused (403) on every protected API route, GET /auth/me/ and the account routes included, for an admin', async () => {
    const org = await createOrg(server.app)
    const admin = await adminOf(server.app, org)
    const token = await oauthToken(org, admin, 'openid profile email')
    const routes = protectedRoutes()
    expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(expect.arrayContaining(['GET /api/v1/auth/me/', 'POST /api/v1/auth/password/change/', 'POST /api/v1/auth/tokens/']))
    const answered = await Promise.all(routes.map(async (r) => `${r.method} ${r.url} ${(await call(server.app, r.method as 'GET', r.path, { token, body: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} })).status}`))
    expect(answered.filter((line) => !line.endsWith(' 403'))).toEqual([])
    expect((await call(server.app, 'GET', '/api/v1/auth/me/', { token: admin.access })).status).toBe(200)
  })

  it('with every API scope still never reaches a route declared for users, any principal or superusers (password, PATs, MFA, me)', async () => {
    const org = await createOrg(server.app)
    const admin = await adminOf(server.app, org)
    const token = await oauthToken(org, admin, ['openid', ...BUILTIN_CODENAMES].join(' '))
    expect((await call(server.app, 'GET', '/api/v1/users/', { token })).status).toBe(200)
    const accountRoutes = protectedRoutes().filter((r) => typeof r.access === 'string')
    expect(accountRoutes.length).toBeGreaterThan(10)
    const answered = await Promise.all(accountRoutes.map(async (r) => `${r.method} ${r.url} ${(await call(server.app, r.method as 'GET', r.path, { token, body: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} })).status}`))
    expect(answered.filter((line) => !line.endsWith(' 403'))).toEqual([])
  })

  it('cannot start or confirm a second factor on its user\'s account through the public MFA routes', async () => {
    const org = await createOrg(server.app)
    const admin = await adminOf(server.app, org)
    const token = await oauthToken(org, admin, ['openid', ...BUILTIN_CODENAMES].join(' '))
    expect((await call(server.app, 'POST', '/api/v1/auth/mfa/totp/', { token, body: {} })).status).toBe(403)
    expect((await call(server.app, 'POST', '/api/v1/auth/mfa/totp/confirm/', { token, body: { code: '123456' } })).status).toBe(403)
    // Control: the user's own session may start enrolment.
    expect((await call(server.app, 'POST', '/api/v1/auth/mfa/totp/', { token: admin.access, body: {} })).status).toBe(200)
  })

  it('an ID token, signed with the same keys, is no access token for the API (401)', async () => {
    const org = await createOrg(server.app)
    const user = await registerUser(server.app, org)
    const rp = await relyingParty(server, org.slug, await registerClient(server.app, org.id))
    const { tokens } = await signInWithProvider(server, rp, org, user, { params: { scope: 'openid' } })
    expect(tokens.id_token).toBeTruthy()
    expect((await call(server.app, 'GET', '/api/v1/auth/me/', { token: tokens.id_token })).status).toBe(401)
    expect((await call(server.app, 'GET', '/api/v1/auth/me/', { token: user.access })).status).toBe(200)
  })

  it('of a superuser is not superuser: X-Organization of another organization is ignored, superuser routes refused', async () => {
    const org = await createOrg(server.app)
    const boss = await superuserOf(server.app, org)
    const orgB = await createOrg(server.app)
    const inB = await registerUser(server.app, orgB)
    const token = await oauthToken(org, boss, 'openid view_users view_roles manage_users')
    const listed = await call(server.app, 'GET', '/api/v1/users/', { token, org: orgB.slug })
    expect(listed.status).toBe(200)
    const ids = listed.body.results.map((u: { id: string }) => u.id)
    expect(ids).toContain(boss.user.id)
    expect(ids).not.toContain(inB.user.id)
    expect((await call(server.app, 'GET', `/api/v1/users/${inB.user.id}/`, { token, org: orgB.slug })).status).toBe(404)
    expect((await call(server.app, 'DELETE', `/api/v1/users/${inB.user.id}/`, { token, org: orgB.slug })).status).toBe(404)
    expect((await call(server.app, 'POST', '/api/v1/organizations/', { token, body: { name: 'x', slug: 'x' } })).status).toBe(403)
    // Control: the same superuser's own session does reach organization B.
    const own = await call(server.app, 'GET', `/api/v1/users/${inB.user.id}/`, { token: boss.access, org: orgB.slug })
    expect(own.status).toBe(200)
  })
})
