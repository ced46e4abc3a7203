import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { buildApp } from '../src/app'
import { redactUrl } from '../src/plugins/logging'
import { call, createOrg, registerUser, testConfig } from './support/helpers'

describe('credential-looking query parameters are redacted in the log', () => {
  it('redactUrl keeps the path and ordinary parameters, and hides credential values', () => {
    expect(redactUrl('/api/v1/users/?search=ada&ordering=-date_joined')).toBe('/api/v1/users/?search=ada&ordering=-date_joined')
    expect(redactUrl('/reset/?token=abc&x=1')).toBe('/reset/?token=[REDACTED]&x=1')
    expect(redactUrl('/a?api_key=k&refresh=r&access_token=t&code=c&client_secret=s&password=p&X-Amz-Signature=z&cursor=ok'))
      .toBe('/a?api_key=[REDACTED]&refresh=[REDACTED]&access_token=[REDACTED]&code=[REDACTED]&client_secret=[REDACTED]&password=[REDACTED]&X-Amz-Signature=[REDACTED]&cursor=ok')
    expect(redactUrl('/a?%74oken=t&flag&TOKEN=u')).toBe('/a?%74oken=[REDACTED]&flag&TOKEN=[REDACTED]')
    expect(redactUrl('/a')).toBe('/a')
    // Seed 003's path token, also behind a doubled slash (the router ignores duplicate slashes).
    expect(redactUrl('/reset_password/tok123?x=1')).toBe('/reset_password/[REDACTED]?x=1')
    expect(redactUrl('//reset_password//tok123')).toBe('//reset_password//[REDACTED]')
  })

  it('a ?token= request (found or not) writes no secret to the log', async () => {
    const lines: string[] = []
    const stream = new Writable({ write(chunk, _enc, done) { lines.push(chunk.toString()); done() } })
    const logged = await buildApp(testConfig({ logLevel: 'info' }), { migrate: false, logStream: stream })
    try {
      const org = await createOrg(logged)
      const { access } = await registerUser(logged, org)
      const secrets = ['secret-canary-1f2e3d', 'key-canary-9a8b7c', 'refresh-canary-5d4c']
      const me = await call(logged, 'GET', `/api/v1/auth/me/?token=${secrets[0]}&api_key=${secrets[1]}&search=visible-canary`, { token: access })
      expect(me.status).toBe(200)
      await call(logged, 'GET', `/no/such/route/?refresh=${secrets[2]}`)
      const text = lines.join('')
      expect(text).toContain('/api/v1/auth/me/?token=[REDACTED]&api_key=[REDACTED]&search=visible-canary')
      expect(text).toContain('/no/such/route/?refresh=[REDACTED]')
      for (const secret of secrets) expect(text.includes(secret), secret).toBe(false)
    } finally {
      await logged.close()
    }
  })
})
