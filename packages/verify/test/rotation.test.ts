import { describe, expect, it } from 'vitest'
import { createOrg, makeApp, PASSWORD } from '../../../test/helpers'
import { userWith } from '../../../test/rbac-helpers'
import { createVerifier } from '../src/index'
import { CountingProxy } from './counting-proxy'
import { kidOf, login, rotateKeys, setupAppConfig, startServer } from './server'

const server = await startServer()
const app = await makeApp(setupAppConfig)
const org = await createOrg(app)
const clerk = await userWith(app, org, ['view_orders'])
const clerkLogin = { username: clerk.user.username, password: PASSWORD }

/** The verifier's default jwksCooldownMs: what ships is what is tested. */
const COOLDOWN_MS = 5000
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)))

describe('keys rotate while a resource server runs', () => {
  it('accepts tokens of the new key without a restart, and those of the old key until they expire', async () => {
    const proxy = await CountingProxy.start(server.url)
    const verifier = createVerifier({ issuer: server.url, serverUrl: proxy.url, organization: org.id })
    const before = await login(server, org, clerkLogin)
    await verifier.verify(before.access)
    const fetchedAt = Date.now()
    expect(proxy.jwksFetches).toBe(1)

    rotateKeys() // the operator's CLI, in its own process, against the same database
    // PostgreSQL mode: the running server starts signing with the new key within 30 s.
    // (Other test files may rotate too, so wait for "not the old kid", not for a given one.)
    // Tokens live 15 s here: keep the latest one of the old key, to check it still verifies.
    const oldKid = kidOf(before.access)
    let lastOld = before.access
    let after = await login(server, org, clerkLogin)
    for (const deadline = Date.now() + 45_000; kidOf(after.access) === oldKid && Date.now() < deadline;) {
      lastOld = after.access
      await sleep(1000)
      after = await login(server, org, clerkLogin)
    }
    expect(kidOf(after.access)).not.toBe(oldKid)
    // The server publishes a key the moment it signs with it; a verifier that fetched the set
    // less than a cooldown ago refuses unknown kids until the cooldown ends (see the docs).
    await sleep(fetchedAt + COOLDOWN_MS + 100 - Date.now())

    expect((await verifier.verify(after.access)).userId).toBe(clerk.user.id)
    const refetches = proxy.jwksFetches
    expect(refetches).toBeGreaterThan(1) // the unknown kid made it fetch the set again
    expect((await verifier.verify(lastOld)).userId).toBe(clerk.user.id) // retired key: still published
    for (let i = 0; i < 5; i++) await verifier.verify(after.access)
    expect(proxy.jwksFetches).toBe(refetches) // and cached again
  }, 90_000)
})
