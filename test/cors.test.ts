import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { loadConfig, type Config } from '../src/config'
import { unsafeSettings } from '../src/plugins/startup-summary'
import { auth, corsHeaders, listening, preflight, vary } from './support/cors-helpers'
import { createOrg, registerUser, testConfig } from './support/helpers'

const CONSOLE = 'https://console.example.com'
const { app, send } = await listening({ corsAllowedOrigins: [CONSOLE] })

describe('CORS: origins allowed server-wide (CORS_ALLOWED_ORIGINS)', async () => {
  const org = await createOrg(app)
  const user = await registerUser(app, org)

  it('a preflight from an allowed origin gets every Access-Control header the API needs', async () => {
    const res = await send('OPTIONS', '/api/v1/orders/', preflight(CONSOLE, 'POST', 'authorization,content-type,idempotency-key'))
    expect(res.status).toBe(204)
    expect(res.headers['access-control-allow-origin']).toBe(CONSOLE)
    expect(String(res.headers['access-control-allow-methods']).split(', ')).toEqual(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'])
    expect(res.headers['access-control-allow-headers']).toBe('Authorization, Content-Type, X-Organization, Idempotency-Key')
    expect(res.headers['access-control-max-age']).toBe('600')
    expect(res.headers['access-control-allow-credentials']).toBeUndefined()
    expect(vary(res)).toContain('origin')
    expect(res.body).toBe('')
    expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' })
  })

  it('an actual request from an allowed origin can be read: ACAO, exposed headers, Vary, security headers intact', async () => {
    const res = await send('GET', '/api/v1/auth/me/', auth(user.access, CONSOLE))
    expect(res.status).toBe(200)
    expect(res.headers['access-control-allow-origin']).toBe(CONSOLE)
    expect(res.headers['access-control-expose-headers']).toBe('Retry-After, WWW-Authenticate, Idempotent-Replayed, X-Request-Id')
    expect(res.headers['access-control-allow-credentials']).toBeUndefined()
    expect(vary(res)).toContain('origin')
    expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'content-security-policy': "default-src 'none'; frame-ancestors 'none'", 'cache-control': 'no-store' })
    expect(JSON.parse(res.body).id).toBe(user.user.id)
  })

  it('a 401 from an allowed origin stays readable, WWW-Authenticate exposed', async () => {
    const res = await send('GET', '/api/v1/auth/me/', auth('not-a-token', CONSOLE))
    expect(res.status).toBe(401)
    expect(res.headers['access-control-allow-origin']).toBe(CONSOLE)
    expect(res.headers['www-authenticate']).toContain('Bearer')
  })

  it('a preflight from any other origin gets no Access-Control header: the usual 405 (known path) or 404', async () => {
    for (const origin of ['https://evil.example.com', 'https://console.example.com.evil.test', 'http://console.example.com', 'https://console.example.com:8443']) {
      const known = await send('OPTIONS', '/api/v1/auth/me/', preflight(origin))
      expect(known.status, origin).toBe(405)
      expect(JSON.parse(known.body).code).toBe('method_not_allowed')
      expect(corsHeaders(known), origin).toEqual([])
      expect(vary(known)).toContain('origin')
    }
    const unknown = await send('OPTIONS', '/api/v1/nothing-here/', preflight('https://evil.example.com'))
    expect(unknown.status).toBe(404)
    expect(corsHeaders(unknown)).toEqual([])
    const get = await send('GET', '/api/v1/auth/me/', auth(user.access, 'https://evil.example.com'))
    expect(get.status).toBe(200) // served (the token is the credential), but a browser will not let the page read it
    expect(corsHeaders(get)).toEqual([])
  })

  it('odd Origin values never cause a 500 and are never allowed', async () => {
    const odd = ['null', 'garbage', '%00%ff', 'https://', `https://${'a'.repeat(8000)}.example.com`, `${CONSOLE}/`, `${CONSOLE}, ${CONSOLE}`, ' ', 'HTTPS://CONSOLE.EXAMPLE.COM']
    for (const origin of odd) {
      for (const res of [await send('OPTIONS', '/api/v1/auth/me/', preflight(origin)), await send('GET', '/api/v1/auth/me/', auth(user.access, origin))]) {
        expect(res.status, origin.slice(0, 40)).toBeLessThan(500)
        expect(corsHeaders(res), origin.slice(0, 40)).toEqual([])
      }
    }
  })

  it('no credential rides along by itself (CSRF): a cookie authenticates nothing, a form post is a 415', async () => {
    const cookie = await send('GET', '/api/v1/auth/me/', { origin: CONSOLE, cookie: `sessionid=${user.access}; access=${user.access}` })
    expect(cookie.status).toBe(401)
    expect(cookie.headers['set-cookie']).toBeUndefined()
    const form = await send('POST', '/api/v1/auth/login/', { origin: 'https://evil.example.com', 'content-type': 'application/x-www-form-urlencoded' })
    expect(form.status).toBe(415)
    const text = await send('POST', '/api/v1/auth/password/forgot/', { origin: 'https://evil.example.com', 'content-type': 'text/plain' })
    expect(text.status).toBe(415)
  })

  it('an OPTIONS without Origin is no preflight: 405 as before', async () => {
    const res = await send('OPTIONS', '/api/v1/auth/me/')
    expect(res.status).toBe(405)
    expect(corsHeaders(res)).toEqual([])
  })
})

describe('CORS: nothing allowed by default', async () => {
  const { app: plain, send: sendPlain } = await listening()
  const org = await createOrg(plain)
  const user = await registerUser(plain, org)

  it('no preflight is answered and no response is readable cross-origin', async () => {
    expect(plain.ctx.config.corsAllowedOrigins).toEqual([])
    for (const origin of [CONSOLE, 'http://localhost:3000', 'null']) {
      const pre = await sendPlain('OPTIONS', '/api/v1/auth/me/', preflight(origin))
      expect(pre.status).toBe(405)
      expect(corsHeaders(pre)).toEqual([])
      const get = await sendPlain('GET', '/api/v1/auth/me/', auth(user.access, origin))
      expect(get.status).toBe(200)
      expect(corsHeaders(get)).toEqual([])
    }
  })
})

describe('CORS: `*`', async () => {
  const { app: open, send: sendOpen } = await listening({ corsAllowedOrigins: '*' })
  const user = await registerUser(open, await createOrg(open))

  it('answers any origin with `*` and never with credentials', async () => {
    const pre = await sendOpen('OPTIONS', '/api/v1/auth/me/', preflight('https://anywhere.example'))
    expect(pre.status).toBe(204)
    expect(pre.headers['access-control-allow-origin']).toBe('*')
    const get = await sendOpen('GET', '/api/v1/auth/me/', auth(user.access, 'https://anywhere.example'))
    expect(get.headers['access-control-allow-origin']).toBe('*')
    expect(get.headers['access-control-allow-credentials']).toBeUndefined()
  })
})

describe('CORS_ALLOWED_ORIGINS is checked at start-up', () => {
  const parse = (value: string) => loadConfig({ CORS_ALLOWED_ORIGINS: value }).corsAllowedOrigins

  it('normalizes exact origins', () => {
    expect(parse('')).toEqual([])
    expect(parse(' HTTPS://Admin.Example.com:443 , http://localhost:5173,https://admin.example.com ')).toEqual(['https://admin.example.com', 'http://localhost:5173'])
    expect(parse('http://[::1]:8080')).toEqual(['http://[::1]:8080'])
    expect(parse('https://bücher.example')).toEqual(['https://xn--bcher-kva.example'])
    expect(parse('*')).toBe('*')
  })

  it.each([
    ['*,https://a.example.com', /must stand alone/],
    ['https://a.example.com/app', /no path/],
    ['https://a.example.com/', /no path/],
    ['https://a.example.com?x=1', /no path/],
    ['null', /sandboxed/],
    ['a.example.com', /scheme/],
    ['ftp://a.example.com', /only http and https/],
    ['https://*.example.com', /wildcards/],
    ['https://user:pw@a.example.com', /no user or password/],
    ['https://exa mple.com', /scheme/],
  ])('refuses %s', (value, message) => {
    expect(() => parse(value)).toThrow(message)
    expect(() => parse(value)).toThrow(/^CORS_ALLOWED_ORIGINS/)
  })

  it('the server does not start with a bad value, and says why', () => {
    const config = testConfig()
    const r = spawnSync(process.execPath, ['bin/commercecore.js', 'serve'], {
      env: { ...process.env, DATABASE_URL: config.databaseUrl, COMMERCECORE_SECRET_KEY: config.secretKey, PORT: '0', CORS_ALLOWED_ORIGINS: 'https://ok.example.com,https://shop.example.com/' },
      encoding: 'utf8', timeout: 60_000,
    })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('CORS_ALLOWED_ORIGINS: "https://shop.example.com/" is not an origin')
  })
})

describe('CORS settings unsafe in production are warned about at start-up', () => {
  const production = (corsAllowedOrigins: Config['corsAllowedOrigins']) =>
    unsafeSettings(testConfig({ nodeEnv: 'production', corsAllowedOrigins }), { secretKey: 'configured' }).filter((w) => w.setting === 'CORS_ALLOWED_ORIGINS')

  it('`*` and plain-http origins other than this machine', () => {
    expect(production('*')[0].message).toMatch(/any website/)
    expect(production(['https://shop.example.com', 'http://shop.example.com'])[0].message).toMatch(/plain-http/)
    expect(production(['https://shop.example.com', 'http://localhost:5173', 'http://127.0.0.1:3000', 'http://[::1]:8080'])).toEqual([])
    expect(production([])).toEqual([])
    expect(unsafeSettings(testConfig({ corsAllowedOrigins: '*' }), { secretKey: 'configured' }).map((w) => w.setting)).not.toContain('CORS_ALLOWED_ORIGINS')
  })
})
