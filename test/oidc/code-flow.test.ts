import { createHash } from 'node:crypto'
import * as oidc from 'openid-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOrg, registerUser } from '../support/helpers'
import {
  completeInteraction, FLOW_SCOPE, organizationWithClient, postStep, REDIRECT_URI, redeem, registerClient, relyingParty, signInWithProvider, startAuthorization, startOidcServer, type OidcServer,
} from '../support/oidc-helpers'
import { tags } from '../../src/lib/cache-tags'
import { insertPermission, softDeletePermission } from '../../src/modules/permissions/permissions.repository'

let server: OidcServer
beforeAll(async () => { server = await startOidcServer() })
afterAll(() => server.app.close())

describe('authorization code + PKCE with openid-client', () => {
  it('signs a user in, and the tokens work at userinfo, refresh and introspection', async () => {
    const org = await createOrg(server.app)
    const user = await registerUser(server.app, org)
    const rp = await relyingParty(server, org.slug, await registerClient(server.app, org.id))
    const { request, jar, landed } = await startAuthorization(server, rp, { params: { scope: 'openid profile email' }, offline: true })
    expect(landed).toContain(`/oidc/${org.slug}/interaction/`)
    const back = await completeInteraction(jar, server, landed, user.access)
    expect(back.startsWith(REDIRECT_URI)).toBe(true)
    const tokens = await redeem(rp, back, request)
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
    const { jar, landed } = await startAuthorization(server, rp, { params: { scope: 'openid', response_mode: 'form_post' } })
    const login = await postStep(jar, landed, 'login', user.access)
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
    // The product's headers, although the provider writes the response itself.
    expect([page.headers.get('x-frame-options'), page.headers.get('x-content-type-options'), page.headers.get('cache-control')]).toEqual(['DENY', 'nosniff', 'no-store'])
  })

  it('keeps signing in with a client whose scope names a permission deleted since (the scope is dropped)', async () => {
    const { org, user, rp } = await organizationWithClient(server, { scopes: [...FLOW_SCOPE.split(' '), 'view_gizmos'] })
    const permission = await insertPermission(server.app.ctx.db, org.id, { codename: 'view_gizmos', name: 'Can view gizmos' })
    await server.app.ctx.invalidate([tags.org(org.id)])
    expect((await signInWithProvider(server, rp, org, user, { params: { scope: `${FLOW_SCOPE} view_gizmos` } })).tokens.scope).toContain('view_gizmos')
    await softDeletePermission(server.app.ctx.db, org.id, permission.id)
    await server.app.ctx.invalidate([tags.org(org.id)])
    const { tokens } = await signInWithProvider(server, rp, org, user, { params: { scope: `${FLOW_SCOPE} view_gizmos` } })
    expect(tokens.scope).not.toContain('view_gizmos')
  })
})
