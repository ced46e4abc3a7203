import { and, eq, sql } from 'drizzle-orm'
import * as oidc from 'openid-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { oauthArtifacts } from '../../src/db/schema'
import { call, createOrg, registerUser } from '../support/helpers'
import {
  CookieJar, interactionDetails, REDIRECT_URI, redeem, registerClient, relyingParty, signInWithProvider, startAuthorization, startOidcServer, type OidcServer,
} from '../support/oidc-helpers'

/** What the client asks with `prompt`, `max_age`, `login_hint`, `state` and `nonce`, and what the provider does with it. */
let server: OidcServer
beforeAll(async () => { server = await startOidcServer() })
afterAll(() => server.app.close())

/** A user already signed in through the provider in `jar` (a first-party client: no consent). */
async function signedInBrowser() {
  const org = await createOrg(server.app)
  const user = await registerUser(server.app, org)
  const rp = await relyingParty(server, org.slug, await registerClient(server.app, org.id))
  const flow = await signInWithProvider(server, rp, org, user, { params: { scope: 'openid' } })
  return { org, user, rp, ...flow }
}

/** Moves the organization's provider session's sign-in time (`loginTs`, what max_age is measured from) `seconds` into the past. */
async function ageSignIn(organizationId: string, seconds: number) {
  const loginTs = sql`(${oauthArtifacts.payload}->>'loginTs')::bigint`
  const updated = await server.app.ctx.db.update(oauthArtifacts).set({ payload: sql`jsonb_set(${oauthArtifacts.payload}, '{loginTs}', to_jsonb(${loginTs} - ${seconds}))` })
    .where(and(eq(oauthArtifacts.kind, 'Session'), eq(oauthArtifacts.organizationId, organizationId))).returning({ kind: oauthArtifacts.kind })
  expect(updated).toHaveLength(1)
}

const errorOf = (landed: string) => landed.startsWith(REDIRECT_URI) ? new URL(landed).searchParams.get('error') : `not redirected: ${landed}`
/** openid-client's refusal of a response that fails one of its checks (the check named in the cause). */
const failedCheck = (check: RegExp) => ({ cause: expect.objectContaining({ message: expect.stringMatching(check) }) })
const isInteraction = (landed: string) => landed.includes('/interaction/')

describe('prompt', () => {
  it('none without a provider session: back to the client with error=login_required and its state', async () => {
    const org = await createOrg(server.app)
    const rp = await relyingParty(server, org.slug, await registerClient(server.app, org.id))
    const { landed, request } = await startAuthorization(server, rp, { params: { scope: 'openid', prompt: 'none' } })
    expect(errorOf(landed)).toBe('login_required')
    expect(new URL(landed).searchParams.get('state')).toBe(request.state)
    await expect(redeem(rp, landed, request)).rejects.toMatchObject({ error: 'login_required' })
  })

  it('none after a sign-in: a code at once, without the hosted page; in another browser, login_required', async () => {
    const { user, rp, jar } = await signedInBrowser()
    const again = await startAuthorization(server, rp, { params: { scope: 'openid', prompt: 'none' }, jar })
    expect(again.landed.startsWith(REDIRECT_URI)).toBe(true)
    expect((await redeem(rp, again.landed, again.request)).claims()!.sub).toBe(user.user.id)
    expect(errorOf((await startAuthorization(server, rp, { params: { scope: 'openid', prompt: 'none' }, jar: new CookieJar() })).landed)).toBe('login_required')
  })

  it('none after the sign-in was ended in /auth/sessions/: login_required (the provider session ended with it)', async () => {
    const { user, rp, jar, sessionId } = await signedInBrowser()
    expect((await call(server.app, 'DELETE', `/api/v1/auth/sessions/${sessionId}/`, { token: user.access })).status).toBe(204)
    expect(errorOf((await startAuthorization(server, rp, { params: { scope: 'openid', prompt: 'none' }, jar })).landed)).toBe('login_required')
  })

  it('login forces the sign-in step again in a signed-in browser', async () => {
    const { rp, jar } = await signedInBrowser()
    expect(isInteraction((await startAuthorization(server, rp, { params: { scope: 'openid' }, jar })).landed)).toBe(false)
    const forced = await startAuthorization(server, rp, { params: { scope: 'openid', prompt: 'login' }, jar })
    expect(isInteraction(forced.landed)).toBe(true)
    expect((await interactionDetails(jar, forced.landed)).prompt).toBe('login')
  })

  it('consent forces the consent step for a first-party client too', async () => {
    const { rp, jar } = await signedInBrowser()
    const forced = await startAuthorization(server, rp, { params: { scope: 'openid', prompt: 'consent' }, jar })
    expect(isInteraction(forced.landed)).toBe(true)
    expect((await interactionDetails(jar, forced.landed)).prompt).toBe('consent')
  })
})

describe('max_age, login_hint, state and nonce', () => {
  it('max_age=0, or a max_age shorter than the sign-in\'s age, forces the sign-in; a long one does not', async () => {
    const { org, rp, jar } = await signedInBrowser()
    expect(isInteraction((await startAuthorization(server, rp, { params: { scope: 'openid', max_age: '3600' }, jar })).landed)).toBe(false)
    const zero = await startAuthorization(server, rp, { params: { scope: 'openid', max_age: '0' }, jar })
    expect((await interactionDetails(jar, zero.landed)).prompt).toBe('login')
    expect(isInteraction((await startAuthorization(server, rp, { params: { scope: 'openid', max_age: '60' }, jar })).landed)).toBe(false)
    await ageSignIn(org.id, 120)
    const short = await startAuthorization(server, rp, { params: { scope: 'openid', max_age: '60' }, jar })
    expect((await interactionDetails(jar, short.landed)).prompt).toBe('login')
  })

  it('login_hint shows in the interaction\'s details (for the page to prefill)', async () => {
    const org = await createOrg(server.app)
    const rp = await relyingParty(server, org.slug, await registerClient(server.app, org.id))
    const hinted = await startAuthorization(server, rp, { params: { scope: 'openid', login_hint: 'alice@example.com' } })
    expect(await interactionDetails(hinted.jar, hinted.landed)).toMatchObject({ prompt: 'login', login_hint: 'alice@example.com', organization: org.slug })
    const plain = await startAuthorization(server, rp, { params: { scope: 'openid' } })
    expect((await interactionDetails(plain.jar, plain.landed)).login_hint).toBeNull()
  })

  it('state and nonce come back unchanged, and openid-client refuses a response for another state or nonce', async () => {
    const org = await createOrg(server.app)
    const user = await registerUser(server.app, org)
    const rp = await relyingParty(server, org.slug, await registerClient(server.app, org.id))
    const { jar } = await signInWithProvider(server, rp, org, user, { params: { scope: 'openid' } })
    const silent = () => startAuthorization(server, rp, { params: { scope: 'openid', prompt: 'none' }, jar })
    const wrongState = await silent()
    expect(new URL(wrongState.landed).searchParams.get('state')).toBe(wrongState.request.state)
    await expect(redeem(rp, wrongState.landed, { ...wrongState.request, state: oidc.randomState() })).rejects.toMatchObject(failedCheck(/"state"/))
    const wrongNonce = await silent()
    await expect(redeem(rp, wrongNonce.landed, { ...wrongNonce.request, nonce: oidc.randomNonce() })).rejects.toMatchObject(failedCheck(/"nonce"/))
    const right = await silent()
    expect((await redeem(rp, right.landed, right.request)).claims()!.nonce).toBe(right.request.nonce)
  })
})
