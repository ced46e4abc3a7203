import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { createCommerceCoreClient } from '@commercecore/client'
import { describe, expect, it } from 'vitest'
import { generateClientTypes, SCHEMA_FILE } from '../clients/typescript/generate'
import { createOrg, makeApp, PASSWORD, unique } from './support/helpers'

// The configuration the client is generated with (clients/typescript/generate.ts): no seed routes.
const app = await makeApp({ seedRoutes: false })

describe('the TypeScript client (clients/typescript)', () => {
  it('is generated from the current server: run `npm run client:generate` when this fails', async () => {
    await app.ready()
    const expected = await generateClientTypes(app.swagger())
    expect(readFileSync(SCHEMA_FILE, 'utf8') === expected, 'clients/typescript/src/schema.ts is stale: npm run client:generate').toBe(true)
    expect(expected).toContain('"/api/v1/auth/sessions/{id}/"')
  })

  it('its README shows example.ts (which tsc type-checks), in at most ten lines of calls', () => {
    const example = readFileSync(new URL('../clients/typescript/example.ts', import.meta.url), 'utf8')
    const readme = readFileSync(new URL('../clients/typescript/README.md', import.meta.url), 'utf8')
    expect(readme).toContain('```ts\n' + example + '```')
    expect(example.split('\n').filter((l) => l.trim() && !l.startsWith('import')).length).toBeLessThanOrEqual(10)
  })

  it('register → login → refresh → me against a running server', async () => {
    const org = await createOrg(app)
    await app.listen({ port: 0, host: '127.0.0.1' })
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
    let access: string | undefined
    const api = createCommerceCoreClient({ baseUrl, organization: org.slug, token: () => access })
    const username = unique('client')

    const registered = await api.POST('/api/v1/auth/register/', { body: { username, email: `${username}@example.com`, password: PASSWORD } })
    expect(registered.response.status).toBe(201)
    const login = await api.POST('/api/v1/auth/login/', { body: { username, password: PASSWORD } })
    expect(login.response.status).toBe(200)
    if (!login.data || !('access' in login.data)) throw new Error(`no tokens: ${JSON.stringify(login.data)}`)
    const refreshed = await api.POST('/api/v1/auth/token/refresh/', { body: { refresh: login.data.refresh } })
    expect(refreshed.data?.refresh).not.toBe(login.data.refresh)
    access = refreshed.data?.access
    const me = await api.GET('/api/v1/auth/me/')
    expect(me.response.status).toBe(200)
    expect(me.data).toMatchObject({ username, email: `${username}@example.com` })

    // Errors come back typed, in the DRF shape.
    access = 'not-a-token'
    const denied = await api.GET('/api/v1/auth/me/')
    expect(denied.response.status).toBe(401)
    expect(denied.error).toMatchObject({ code: 'token_not_valid' })
    expect(denied.response.headers.get('www-authenticate')).toContain('Bearer')
  })
})
