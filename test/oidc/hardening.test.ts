import { request } from 'node:http'
import { eq } from 'drizzle-orm'
import * as oidc from 'openid-client'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { sessions } from '../../src/db/schema'
import { createOrg } from '../support/helpers'
import {
  completeInteraction, jsonSignIn, organizationWithClient, redeem, REDIRECT_URI, registerClient, startAuthorization, startOidcServer, type OidcServer,
} from '../support/oidc-helpers'

let server: OidcServer
beforeAll(async () => { server = await startOidcServer() })
afterAll(() => server.app.close())

/** A raw GET with headers fetch will not send (Host). */
function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const { port } = new URL(server.url)
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = ''
      res.on('data', (c) => { body += c })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    }).on('error', reject).end()
  })
}

describe('the OpenID providers against a hostile caller', () => {
  it('builds discovery from PUBLIC_URL, never from the Host or X-Forwarded headers sent', async () => {
    const org = await createOrg(server.app)
    const res = await rawGet(`/oidc/${org.slug}/.well-known/openid-configuration`, { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' })
    expect(res.status).toBe(200)
    const doc = JSON.parse(res.body) as Record<string, string>
    expect(doc.issuer).toBe(server.issuer(org.slug))
    expect(res.body).not.toContain('evil.example')
  })

  it('answers a malformed client_id or slug with a 4xx, never a 500', async () => {
    const org = await createOrg(server.app)
    for (const path of [`/oidc/${org.slug}/auth?client_id=%00&response_type=code&scope=openid`, `/oidc/${org.slug}/auth?client_id=${'x'.repeat(5000)}`, `/oidc/NOT_A_SLUG/.well-known/openid-configuration`, `/oidc/${'a'.repeat(300)}/jwks`]) {
      const res = await fetch(`${server.url}${path}`, { redirect: 'manual' })
      expect(res.status, path).toBeGreaterThanOrEqual(400)
      expect(res.status, path).toBeLessThan(500)
    }
  })

  it('answers a NUL in a stored parameter (state, nonce, login_hint) with 400 invalid_request, never a 500, and logs nothing', async () => {
    const { rp } = await organizationWithClient(server)
    const logged = vi.spyOn(server.app.ctx.log, 'error')
    for (const param of ['state', 'nonce', 'login_hint']) {
      const url = oidc.buildAuthorizationUrl(rp, { redirect_uri: REDIRECT_URI, scope: 'openid', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256', [param]: 'a\u0000b' })
      const res = await fetch(url, { redirect: 'manual' })
      expect(res.status, param).toBe(400)
      expect(((await res.json()) as { error: string }).error).toBe('invalid_request')
    }
    expect(logged).not.toHaveBeenCalled()
    logged.mockRestore()
  })

  it('takes only a fresh sign-in at the login step (auth_time and amr describe a real one)', async () => {
    const { org, user, rp } = await organizationWithClient(server)
    const signedIn = await jsonSignIn(server, org, user.user.username)
    await server.app.ctx.db.update(sessions).set({ createdAt: new Date(Date.now() - 11 * 60_000) }).where(eq(sessions.id, signedIn.sessionId))
    const { jar, landed } = await startAuthorization(server, rp)
    await expect(completeInteraction(jar, server, landed, signedIn.access)).rejects.toThrow(/login: 403/)
    const fresh = await jsonSignIn(server, org, user.user.username)
    expect(await completeInteraction(jar, server, landed, fresh.access)).toContain('code=')
  })

  it('keeps two sign-ins started in one browser apart (each interaction its own cookie)', async () => {
    const { org, user, rp } = await organizationWithClient(server)
    const first = await startAuthorization(server, rp)
    const second = await startAuthorization(server, rp, { jar: first.jar })
    expect(first.landed).not.toBe(second.landed)
    const signedIn = await jsonSignIn(server, org, user.user.username)
    const back = await completeInteraction(first.jar, server, first.landed, signedIn.access)
    expect((await redeem(rp, back, first.request)).claims()!.sub).toBe(user.user.id)
  })

  // The preflight cannot know the client, so oidc-provider answers it for any origin; the request itself is where the client's origins are checked.
  it('gives no CORS answer to an opaque ("null") origin, even for a native client whose redirect URI has that origin', async () => {
    const org = await createOrg(server.app)
    const client = await registerClient(server.app, org.id, { kind: 'public', redirectUris: ['com.acme.shop:/callback'] })
    const res = await fetch(`${server.issuer(org.slug)}/token`, {
      method: 'POST', headers: { origin: 'null', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'x', client_id: client.clientId, redirect_uri: 'com.acme.shop:/callback', code_verifier: 'v'.repeat(43) }),
    })
    expect(res.status).toBe(400)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })
})
