import { createHash } from 'node:crypto'
import * as oidc from 'openid-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOrg, registerUser } from '../support/helpers'
import { codeFlow, completeInteraction, CookieJar, FLOW_SCOPE, follow, organizationWithClient, REDIRECT_URI, registerClient, relyingParty, startOidcServer, type OidcServer } from '../support/oidc-helpers'
import { tags } from '../../src/lib/cache-tags'
import { insertPermission, softDeletePermission } from '../../src/modules/permissions/permissions.repository'

let server: OidcServer
beforeAll(async () => { server = await startOidcServer() })
afterAll(() => server.app.close())

describe('authorization code + PKCE with openid-client', () => {
  it('signs a user in, and the tokens work at userinfo, refresh and introspection', async () => {
    const org = await createOrg(server.app)
    const user = await registerUser(server.app, org)
    const client = await registerClient(server.app, org.id)
    const rp = await relyingParty(server, org.slug, client)
    const verifier = oidc.randomPKCECodeVerifier()
    const state = oidc.randomState()
    const nonce = oidc.randomNonce()
    const authUrl = oidc.buildAuthorizationUrl(rp, {
      redirect_uri: REDIRECT_URI, scope: 'openid profile email offline_access', state, nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', prompt: 'consent',
    })
    const jar = new CookieJar()
    const interaction = await follow(jar, server, authUrl.href)
    expect(interaction).toContain(`/oidc/${org.slug}/interaction/`)
    const back = await completeInteraction(jar, server, interaction, user.access)
    expect(back.startsWith(REDIRECT_URI)).toBe(true)
    const tokens = await oidc.authorizationCodeGrant(rp, new URL(back), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce })
    const claims = tokens.claims()!
    expect(claims.sub).toBe(user.user.id)
    expect(claims.amr).toEqual(['pwd']) // no second factor on this account
    const info = await oidc.fetchUserInfo(rp, tokens.access_token, user.user.id)
    expect(info.email).toBe(user.user.email)
    const refreshed = await oidc.refreshTokenGrant(rp, tokens.refresh_token!)
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token)
    const intro = await oidc.tokenIntrospection(rp, refreshed.access_token)
    expect(intro.active).toBe(true)
    await expect(oidc.refreshTokenGrant(rp, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' })
    expect((await oidc.tokenIntrospection(rp, refreshed.access_token)).active).toBe(false)
  })

  it('answers response_mode=form_post with a page whose one inline script its CSP allows by hash, posting to the client', async () => {
    const org = await createOrg(server.app)
    const user = await registerUser(server.app, org)
    const client = await registerClient(server.app, org.id)
    const rp = await relyingParty(server, org.slug, client)
    const authUrl = oidc.buildAuthorizationUrl(rp, {
      redirect_uri: REDIRECT_URI, scope: 'openid', response_mode: 'form_post', state: 'st',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()), code_challenge_method: 'S256',
    })
    const jar = new CookieJar()
    const interaction = await follow(jar, server, authUrl.href)
    const login = await jar.fetch(`${interaction}/login`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${user.access}` }, body: '{}' })
    const { location } = await login.json() as { location: string }
    const page = await jar.fetch(location)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain(`action="${REDIRECT_URI}"`)
    expect(html).toMatch(/name="code" value="[^"]+"/)
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]
    const digest = createHash('sha256').update(script).digest('base64')
    const csp = page.headers.get('content-security-policy')!
    expect(csp).toContain(`'sha256-${digest}'`)
    expect(csp).not.toContain('form-action')
    expect(csp).toContain("frame-ancestors 'none'")
  })

  it('keeps signing in with a client whose scope names a permission deleted since (the scope is dropped)', async () => {
    const { org, user, rp } = await organizationWithClient(server, { scopes: [...FLOW_SCOPE.split(' '), 'view_gizmos'] })
    const permission = await insertPermission(server.app.ctx.db, org.id, { codename: 'view_gizmos', name: 'Can view gizmos' })
    await server.app.ctx.invalidate([tags.org(org.id)])
    expect((await codeFlow(server, rp, user.access, { scope: `${FLOW_SCOPE} view_gizmos` })).tokens.scope).toContain('view_gizmos')
    await softDeletePermission(server.app.ctx.db, org.id, permission.id)
    await server.app.ctx.invalidate([tags.org(org.id)])
    const { tokens } = await codeFlow(server, rp, user.access, { scope: `${FLOW_SCOPE} view_gizmos` })
    expect(tokens.scope).not.toContain('view_gizmos')
  })
})
