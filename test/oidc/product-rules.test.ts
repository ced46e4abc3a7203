import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createOrg } from '../support/helpers'
import { accessState, auditEvents, oauthOutcome, registerClient, relyingParty, signInWithProvider, startAuthorization, startOidcServer, type FlowOptions, type OidcServer } from '../support/oidc-helpers'
import { adminOf, userWith } from '../support/rbac-helpers'
import * as oidc from 'openid-client'

/**
 * "The same rules as the rest of the product": whatever ends a sign-in, an account, a
 * client or its developer through the API ends that client's tokens at once — no cache
 * lag (each check first warms the API's principal cache) — and the audit log tells it.
 */
let server: OidcServer
beforeAll(async () => { server = await startOidcServer() })
afterAll(() => server.app.close())

const API = '/api/v1/users/'
const STOPPED = { userinfo: false, active: false, api: 401 }

/** The scope asked for unless a test says otherwise (a refresh token comes with the grant, ending with the provider session). */
const SIGN_IN: FlowOptions = { params: { scope: 'openid view_users' } }

/** A user holding view_users signed in to a client that may ask for it; the tokens shown to work first. */
async function signedInClient(opts: { firstParty?: boolean; flow?: FlowOptions } = {}) {
  const org = await createOrg(server.app)
  const admin = await adminOf(server.app, org)
  const user = await userWith(server.app, org, ['view_users'])
  const client = await registerClient(server.app, org.id, { scopes: ['openid', 'profile', 'email', 'offline_access', 'view_users'], firstParty: opts.firstParty })
  const rp = await relyingParty(server, org.slug, client)
  const introspector = await relyingParty(server, org.slug, await registerClient(server.app, org.id))
  const flow = await signInWithProvider(server, rp, org, user, opts.flow ?? SIGN_IN)
  const state = () => accessState(server, rp, flow.tokens.access_token, API, introspector)
  expect(await state()).toEqual({ userinfo: true, active: true, api: 200 })
  return { org, admin, user, client, rp, flow, state }
}

describe('ending things through the API ends the OAuth tokens at once', () => {
  it('a sign-in through the provider is one of the user\'s sessions; ending it stops refresh, userinfo, introspection and the API', async () => {
    const { user, rp, flow, state } = await signedInClient()
    const listed = await call(server.app, 'GET', '/api/v1/auth/sessions/', { token: user.access })
    expect(listed.body.results.map((s: { id: string }) => s.id)).toContain(flow.sessionId)
    expect((await call(server.app, 'DELETE', `/api/v1/auth/sessions/${flow.sessionId}/`, { token: user.access })).status).toBe(204)
    expect(await state()).toEqual(STOPPED)
    expect(await oauthOutcome(oidc.refreshTokenGrant(rp, flow.tokens.refresh_token!))).toBe('invalid_grant')
  })

  it('deactivating the user (PATCH is_active false by an admin) stops them', async () => {
    const { admin, user, rp, flow, state } = await signedInClient()
    expect((await call(server.app, 'PATCH', `/api/v1/users/${user.user.id}/`, { token: admin.token, body: { is_active: false } })).status).toBe(200)
    expect(await state()).toEqual(STOPPED)
    expect(await oauthOutcome(oidc.refreshTokenGrant(rp, flow.tokens.refresh_token!))).toBe('invalid_grant')
    // The provider's browser session went with the account: no silent sign-in either.
    const silent = await startAuthorization(server, rp, { params: { scope: 'openid', prompt: 'none' }, jar: flow.jar })
    expect(new URL(silent.landed).searchParams.get('error')).toBe('login_required')
  })

  it('deleting the user stops them', async () => {
    const { admin, user, rp, flow, state } = await signedInClient()
    expect((await call(server.app, 'DELETE', `/api/v1/users/${user.user.id}/`, { token: admin.token })).status).toBe(204)
    expect(await state()).toEqual(STOPPED)
    expect(await oauthOutcome(oidc.refreshTokenGrant(rp, flow.tokens.refresh_token!))).toBe('invalid_grant')
  })

  it('deleting the developer that owns the client stops them (and the client itself); restoring it brings the client back at once', async () => {
    const { org, admin, user, client, rp, flow, state } = await signedInClient()
    expect((await call(server.app, 'DELETE', `/api/v1/developers/${client.developerId}/`, { token: admin.token })).status).toBe(204)
    expect(await state()).toEqual(STOPPED)
    expect(await oauthOutcome(oidc.refreshTokenGrant(rp, flow.tokens.refresh_token!))).toBe('invalid_client') // the provider now holds a cached miss
    expect((await call(server.app, 'POST', `/api/v1/developers/${client.developerId}/restore/`, { token: admin.token })).status).toBe(200)
    expect((await signInWithProvider(server, rp, org, user, SIGN_IN)).tokens.access_token).toBeTruthy()
  })

  it('deleting the client (DELETE /oauth-clients/:id/) stops them', async () => {
    const { admin, client, rp, flow, state } = await signedInClient()
    expect((await call(server.app, 'DELETE', `/api/v1/oauth-clients/${client.id}/`, { token: admin.token })).status).toBe(204)
    expect(await state()).toEqual(STOPPED)
    expect(await oauthOutcome(oidc.refreshTokenGrant(rp, flow.tokens.refresh_token!))).toBe('invalid_client')
  })
})

const audit = (admin: { token: string }, action: string) => auditEvents(server, admin, action)

describe('the audit log', () => {
  it('has the hosted page\'s sign-in as a login of that session', async () => {
    const { admin, user, flow } = await signedInClient()
    const logins = await audit(admin, 'login')
    expect(logins).toContainEqual(expect.objectContaining({ actor_id: user.user.id, target_id: flow.sessionId }))
  })

  it('has oauth.consent_granted after consent for a non-first-party client, and none for a first-party one', async () => {
    const third = await signedInClient({ firstParty: false })
    const granted = await audit(third.admin, 'oauth.consent_granted')
    expect(granted).toEqual([expect.objectContaining({ actor_id: third.user.user.id, metadata: expect.objectContaining({ client_id: third.client.clientId }) })])
    const first = await signedInClient({ firstParty: true })
    expect(await audit(first.admin, 'oauth.consent_granted')).toEqual([])
  })

  it('has oauth.grant_revoked when the client revokes its refresh token, and the tokens stop', async () => {
    const { admin, client, rp, flow, state } = await signedInClient()
    expect(await audit(admin, 'oauth.grant_revoked')).toEqual([])
    await oidc.tokenRevocation(rp, flow.tokens.refresh_token!)
    const revoked = await audit(admin, 'oauth.grant_revoked')
    expect(revoked).toEqual([expect.objectContaining({ metadata: { client_id: client.clientId, reason: 'revocation' } })])
    expect(await state()).toEqual(STOPPED)
  })
})
