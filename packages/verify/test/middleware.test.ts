import { describe, expect, it } from 'vitest'
import { createOrg, makeApp, PASSWORD, registerUser } from '../../../test/support/helpers'
import { userWith } from '../../../test/support/rbac-helpers'
import { createVerifier } from '../src/index'
import { CountingProxy } from './counting-proxy'
import { withFlippedSignature } from './forge'
import { login, logout, setupAppConfig, startServer } from './server'
import { expressBackend, fastifyBackend } from './shop-backends'

const server = await startServer()
const app = await makeApp(setupAppConfig)
const org = await createOrg(app)
const other = await createOrg(app)
const clerk = await userWith(app, org, ['view_orders'])
const customer = await registerUser(app, org)
const stranger = await registerUser(app, other)
const signIn = (o: { slug: string }, u: { user: { username: string } }) => login(server, o, { username: u.user.username, password: PASSWORD })

// The backends reach the auth server through a proxy, so a test can take it away.
const proxy = await CountingProxy.start(server.url)
const verifier = createVerifier({ issuer: server.url, serverUrl: proxy.url, organization: org.id, timeoutMs: 2000 })
const backends = { express: await expressBackend(verifier), fastify: await fastifyBackend(verifier) }

async function get(url: string, authorization?: string, method = 'GET') {
  const res = await fetch(url, { method, headers: authorization === undefined ? {} : { authorization } })
  return { status: res.status, challenge: res.headers.get('www-authenticate'), retryAfter: res.headers.get('retry-after'), body: await res.json() }
}

describe.each(Object.entries(backends))('%s middleware over real HTTP', (_name, base) => {
  it('lets a token with the permission through, with its claims on the request', async () => {
    const { access } = await signIn(org, clerk)
    const res = await get(`${base}/orders`, `Bearer ${access}`)
    expect(res).toMatchObject({ status: 200, body: { user: clerk.user.id, permissions: ['view_orders'] } })
  })

  it('answers 401 with a bare challenge when there is no token, invalid_token when it is bad', async () => {
    expect(await get(`${base}/orders`)).toMatchObject({ status: 401, challenge: 'Bearer realm="api"', body: { code: 'not_authenticated' } })
    const { access } = await signIn(org, clerk)
    for (const header of [`Bearer ${withFlippedSignature(access)}`, 'Bearer garbage', `Basic ${Buffer.from('a:b').toString('base64')}`, `Token ${access}`, 'Bearer']) {
      const res = await get(`${base}/orders`, header)
      expect(res, header).toMatchObject({ status: 401, body: { code: 'token_not_valid' } })
      expect(res.challenge, header).toMatch(/^Bearer realm="api", error="invalid_token", error_description="[^"]+"$/)
    }
  })

  it("answers 401 invalid_token to another organization's token", async () => {
    const { access } = await signIn(other, stranger)
    const res = await get(`${base}/whoami`, `Bearer ${access}`)
    expect(res).toMatchObject({ status: 401, body: { code: 'token_not_valid', detail: 'Token is for another organization.' } })
    expect(res.challenge).toContain('error="invalid_token"')
  })

  it('answers 403 insufficient_scope without the permission, while other routes still serve the token', async () => {
    const { access } = await signIn(org, customer)
    const res = await get(`${base}/orders`, `Bearer ${access}`)
    expect(res).toMatchObject({ status: 403, challenge: 'Bearer realm="api", error="insufficient_scope", scope="view_orders"', body: { code: 'permission_denied' } })
    expect(await get(`${base}/whoami`, `Bearer ${access}`)).toMatchObject({ status: 200, body: { user: customer.user.id, permissions: [] } })
  })

  it('serves a signed-out session offline until expiry, but refuses it on an online route', async () => {
    const session = await signIn(org, clerk)
    expect((await get(`${base}/refunds`, `Bearer ${session.access}`, 'POST')).status).toBe(200)
    await logout(server, session)
    expect((await get(`${base}/orders`, `Bearer ${session.access}`)).status).toBe(200)
    const refund = await get(`${base}/refunds`, `Bearer ${session.access}`, 'POST')
    expect(refund).toMatchObject({ status: 401, body: { code: 'token_not_valid', detail: 'Token has been revoked.' } })
    expect(refund.challenge).toContain('error="invalid_token"')
  })

  it('answers 503 on an online route while the auth server is unreachable; offline routes keep serving', async () => {
    const { access } = await signIn(org, clerk)
    expect((await get(`${base}/orders`, `Bearer ${access}`)).status).toBe(200)
    proxy.down = true
    try {
      expect(await get(`${base}/refunds`, `Bearer ${access}`, 'POST')).toMatchObject({ status: 503, retryAfter: '5', body: { code: 'service_unavailable' } })
      expect((await get(`${base}/orders`, `Bearer ${access}`)).status).toBe(200)
    } finally {
      proxy.down = false
    }
  })
})
