import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { totpCode } from '../support/account-steps'
import { call, createOrg, PASSWORD, registerUser } from '../support/helpers'
import {
  CookieJar, follow, jsonSignIn, postStep, REDIRECT_URI, redeem, registerClient, relyingParty, signedInWith, signInWithProvider, startAuthorization, startOidcServer, type OidcServer,
} from '../support/oidc-helpers'
import { developerWith, superuserOf } from '../support/rbac-helpers'

/**
 * The hosted page signs in with the JSON API (POST /auth/login/: its throttles, lockout
 * and second factor), then hands that session to the provider. The hand-over must take
 * nothing else: only the Bearer token of a live session of a user of this organization.
 */
let server: OidcServer
beforeAll(async () => { server = await startOidcServer() })
afterAll(() => server.app.close())

async function pendingSignIn() {
  const org = await createOrg(server.app)
  const user = await registerUser(server.app, org)
  const rp = await relyingParty(server, org.slug, await registerClient(server.app, org.id))
  const started = await startAuthorization(server, rp, { params: { scope: 'openid' } })
  expect(started.landed).toContain(`/oidc/${org.slug}/interaction/`)
  return { org, user, rp, ...started }
}

describe('POST …/interaction/:uid/login', () => {
  it('refuses no token (401), a dead one (401), a PAT, a developer key, an OAuth token and another organization\'s user (403); then takes the real one', async () => {
    const { org, user, rp, request, jar, landed } = await pendingSignIn()
    const status = async (token?: string) => (await postStep(jar, landed, 'login', token)).status
    expect(await status()).toBe(401)
    expect(await status('not-a-token')).toBe(401)

    const ended = await jsonSignIn(server, org, user.user.username)
    expect((await call(server.app, 'POST', '/api/v1/auth/logout/', { token: ended.access, body: { refresh: ended.refresh } })).status).toBeLessThan(300)
    expect(await status(ended.access)).toBe(401)

    const pat = await call(server.app, 'POST', '/api/v1/auth/tokens/', { token: user.access, body: { name: 'cli' } })
    expect(await status(pat.body.key)).toBe(403)
    const boss = await superuserOf(server.app, org)
    expect(await status((await developerWith(server.app, org, boss.token, [])).token)).toBe(403)

    const otherRp = await relyingParty(server, org.slug, await registerClient(server.app, org.id))
    const oauth = await signInWithProvider(server, otherRp, org, user, { params: { scope: 'openid' } })
    expect(await status(oauth.tokens.access_token)).toBe(403)

    const orgB = await createOrg(server.app)
    const stranger = await registerUser(server.app, orgB)
    expect(await status(stranger.access)).toBe(403)

    // Still pending: the refusals were about the credentials, and the right one completes it.
    const signedIn = await jsonSignIn(server, org, user.user.username)
    const res = await postStep(jar, landed, 'login', signedIn.access)
    expect(res.status).toBe(200)
    const back = await follow(jar, server, ((await res.json()) as { location: string }).location)
    expect(back.startsWith(REDIRECT_URI)).toBe(true)
    expect((await redeem(rp, back, request)).claims()!.sub).toBe(user.user.id)
  })

  it('a user of organization B cannot complete organization A\'s sign-in, even with the same username', async () => {
    const { org, jar, landed } = await pendingSignIn()
    const orgB = await createOrg(server.app)
    const twin = await registerUser(server.app, orgB)
    await registerUser(server.app, org, { username: twin.user.username, email: `a-${twin.user.email}` })
    const res = await postStep(jar, landed, 'login', (await jsonSignIn(server, orgB, twin.user.username)).access)
    expect(res.status).toBe(403)
  })

  it('answers 404 to another browser (no interaction cookie), even with a valid session', async () => {
    const { org, user, landed } = await pendingSignIn()
    const res = await postStep(new CookieJar(), landed, 'login', (await jsonSignIn(server, org, user.user.username)).access)
    expect(res.status).toBe(404)
  })
})

describe('the ID token\'s amr', () => {
  /** A user who enrolled TOTP through the API, signed in with password and code (POST /auth/login/, then /auth/mfa/verify/). */
  async function mfaSignIn(org: { slug: string }, user: Awaited<ReturnType<typeof registerUser>>) {
    const setup = await call(server.app, 'POST', '/api/v1/auth/mfa/totp/', { token: user.access })
    const secret = setup.body.secret as string
    expect((await call(server.app, 'POST', '/api/v1/auth/mfa/totp/confirm/', { token: user.access, body: { code: totpCode(secret) } })).status).toBe(200)
    const password = await call(server.app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: user.user.username, password: PASSWORD } })
    expect(password.body).toEqual({ mfa_required: true, mfa_token: expect.any(String) })
    // The next time step's code (the window allows it): the enrolment's code is spent.
    const body = { mfa_token: password.body.mfa_token, code: totpCode(secret, Date.now() + 30_000) }
    const verified = await call(server.app, 'POST', '/api/v1/auth/mfa/verify/', { body })
    expect(verified.status).toBe(200)
    return signedInWith(verified.body)
  }

  it('is pwd, otp, mfa for a sign-in with password and TOTP code', async () => {
    const org = await createOrg(server.app)
    const user = await registerUser(server.app, org)
    const rp = await relyingParty(server, org.slug, await registerClient(server.app, org.id))
    const signedIn = await mfaSignIn(org, user)
    const { tokens, sessionId } = await signInWithProvider(server, rp, org, user, { params: { scope: 'openid' }, signedIn })
    expect(sessionId).toBe(signedIn.sessionId)
    expect(tokens.claims()!.amr).toEqual(['pwd', 'otp', 'mfa'])
  })
})
