import { describe, expect, it } from 'vitest'
import { createOrg, makeApp, PASSWORD } from '../../../test/support/helpers'
import { userWith } from '../../../test/support/rbac-helpers'
import { createVerifier } from '../src/index'
import { CountingProxy } from './counting-proxy'
import { kidOf, login, rotateKeys, setupAppConfig, startServer } from './server'

const server = await startServer()
const app = await makeApp(setupAppConfig)
const org = await createOrg(app)
const clerk = await userWith(app, org, ['view_orders'])
const clerkLogin = { username: clerk.user.username, password: PASSWORD }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)))
const publishedKids = async () => ((await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> }).keys.map((k) => k.kid)

describe('keys rotate while a resource server runs', () => {
  it('never refuses a token: the new key is published before it signs, the old one until its tokens expire', async () => {
    const proxy = await CountingProxy.start(server.url)
    const verifier = createVerifier({ issuer: server.url, serverUrl: proxy.url, organization: org.id })
    const before = await login(server, org, clerkLogin)
    await verifier.verify(before.access)
    expect(proxy.jwksFetches).toBe(1)

    const newKid = rotateKeys() // the operator's CLI, in its own process, against the same database
    // The server signs with the new key 12 s later (SIGNING_KEY_RELOAD_SECONDS=1 here).
    // Until then and after: each fresh token is verified at once, never refused, and the
    // key it names was in the set published before it was issued. (Other test files may
    // rotate too, so wait for "not the old kid", not for a given one.)
    const oldKid = kidOf(before.access)
    let lastOld = before.access
    let after = before
    let publishedBefore: string[] = []
    let sawNewKeyPublished = false
    for (const deadline = Date.now() + 60_000; kidOf(after.access) === oldKid && Date.now() < deadline;) {
      lastOld = after.access
      publishedBefore = await publishedKids()
      sawNewKeyPublished ||= publishedBefore.includes(newKid)
      await sleep(500)
      after = await login(server, org, clerkLogin)
      expect((await verifier.verify(after.access)).userId).toBe(clerk.user.id)
    }
    expect(kidOf(after.access)).not.toBe(oldKid)
    expect(sawNewKeyPublished).toBe(true)
    expect(publishedBefore).toContain(kidOf(after.access)) // published before the first token it signed

    const refetches = proxy.jwksFetches
    expect(refetches).toBeGreaterThan(1) // the unknown kid made it fetch the set again, at once
    expect((await verifier.verify(lastOld)).userId).toBe(clerk.user.id) // retired key: still published
    for (let i = 0; i < 5; i++) await verifier.verify(after.access)
    expect(proxy.jwksFetches).toBe(refetches) // and cached again
  }, 90_000)
})
