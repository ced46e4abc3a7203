import * as oidc from 'openid-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createOrg, registerUser } from '../support/helpers'
import {
  auditEvents, oauthOutcome, REDIRECT_URI, registerClient, relyingParty, signInWithProvider, startAuthorization, startOidcServer, type CookieJar, type FlowOptions, type OidcServer,
} from '../support/oidc-helpers'
import { adminOf } from '../support/rbac-helpers'

/** RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0) at the organization's end_session endpoint. */
let server: OidcServer
beforeAll(async () => { server = await startOidcServer() })
afterAll(() => server.app.close())

const SIGNED_OUT = 'https://shop.example/signed-out'

async function signedIn(flow: FlowOptions = { params: { scope: 'openid' } }) {
  const org = await createOrg(server.app)
  const user = await registerUser(server.app, org)
  const client = await registerClient(server.app, org.id, { postLogoutRedirectUris: [SIGNED_OUT] })
  const rp = await relyingParty(server, org.slug, client)
  return { org, user, client, rp, ...await signInWithProvider(server, rp, org, user, flow) }
}

/** The sign-out question page, answered "yes" as the browser would post its form (with the provider's anti-forgery field). */
async function confirmSignOut(jar: CookieJar, endSessionUrl: URL) {
  const page = await jar.fetch(endSessionUrl.href)
  expect(page.status).toBe(200)
  const html = await page.text()
  const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(html)?.[1]
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1]
  if (!action || !xsrf) throw new Error(`no logout form: ${html}`)
  return jar.fetch(new URL(action, endSessionUrl).href, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
  })
}

const silentError = async (rp: oidc.Configuration, jar: CookieJar) => {
  const { landed } = await startAuthorization(server, rp, { params: { scope: 'openid', prompt: 'none' }, jar })
  return landed.startsWith(REDIRECT_URI) ? new URL(landed).searchParams.get('error') : landed
}

describe('end_session', () => {
  it('with id_token_hint and a registered post_logout_redirect_uri: ends the provider session and the grant, and returns there with the state', async () => {
    const { org, client, rp, tokens, jar } = await signedIn()
    expect(await silentError(rp, jar)).toBeNull()
    const state = oidc.randomState()
    const url = oidc.buildEndSessionUrl(rp, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: SIGNED_OUT, state })
    const done = await confirmSignOut(jar, url)
    expect(done.status).toBeGreaterThanOrEqual(300)
    expect(done.headers.get('location')).toBe(`${SIGNED_OUT}?state=${state}`)
    expect(await silentError(rp, jar)).toBe('login_required')
    expect(await oidc.fetchUserInfo(rp, tokens.access_token, oidc.skipSubjectCheck).then(() => 'ok', () => 'refused')).toBe('refused')
    expect((await oidc.tokenIntrospection(rp, tokens.access_token)).active).toBe(false)
    const admin = await adminOf(server.app, org)
    // The provider names the route that revoked it: the confirmation step of end_session.
    const revoked = await auditEvents(server, admin, 'oauth.grant_revoked')
    expect(revoked).toEqual([expect.objectContaining({ metadata: { client_id: client.clientId, reason: 'end_session_confirm' } })])
  })

  it('leaves an offline_access grant: its refresh token outlives the sign-out (OIDC Core §11, oidc-provider\'s persistsLogout)', async () => {
    const { rp, tokens, jar } = await signedIn({ params: { scope: 'openid' }, offline: true })
    const done = await confirmSignOut(jar, oidc.buildEndSessionUrl(rp, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: SIGNED_OUT }))
    expect(done.headers.get('location')).toBe(SIGNED_OUT)
    expect(await silentError(rp, jar)).toBe('login_required')
    expect(await oauthOutcome(oidc.refreshTokenGrant(rp, tokens.refresh_token!))).toBe('ok')
  })

  it('does not follow an unregistered post_logout_redirect_uri, and the session stays', async () => {
    const { rp, tokens, jar } = await signedIn({ params: { scope: 'openid' }, offline: true })
    const url = oidc.buildEndSessionUrl(rp, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'https://evil.example/', state: 's' })
    const res = await jar.fetch(url.href)
    expect(res.status).toBe(400)
    expect(res.headers.get('location')).toBeNull()
    expect(await res.text()).not.toContain('evil.example')
    expect(await silentError(rp, jar)).toBeNull()
    expect(await oauthOutcome(oidc.refreshTokenGrant(rp, tokens.refresh_token!))).toBe('ok')
  })
})

describe('a refresh token without offline_access (issued with the refresh_token grant) ends with the provider session', () => {
  /** A sign-in asking for `openid` only, no prompt=consent: its refresh token works, and rotates. */
  async function onlineSignIn() {
    const flow = await signedIn({ params: { scope: 'openid' } })
    expect(flow.tokens.scope).toBe('openid')
    expect(flow.tokens.refresh_token).toBeTruthy()
    const rotated = await oidc.refreshTokenGrant(flow.rp, flow.tokens.refresh_token!)
    expect(rotated.refresh_token).toBeTruthy()
    return { ...flow, refreshToken: rotated.refresh_token! }
  }

  it('after RP-initiated logout it is invalid_grant', async () => {
    const { rp, tokens, jar, refreshToken } = await onlineSignIn()
    const done = await confirmSignOut(jar, oidc.buildEndSessionUrl(rp, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: SIGNED_OUT }))
    expect(done.headers.get('location')).toBe(SIGNED_OUT)
    expect(await oauthOutcome(oidc.refreshTokenGrant(rp, refreshToken))).toBe('invalid_grant')
  })

  it('after its sign-in is ended in /auth/sessions/ it is invalid_grant', async () => {
    const { rp, user, sessionId, refreshToken } = await onlineSignIn()
    expect((await call(server.app, 'DELETE', `/api/v1/auth/sessions/${sessionId}/`, { token: user.access })).status).toBe(204)
    expect(await oauthOutcome(oidc.refreshTokenGrant(rp, refreshToken))).toBe('invalid_grant')
  })
})
