import { describe, expect, it } from 'vitest'
import { call, createOrg, makeApp } from '../../../test/support/helpers'
import { PAGE_CSP } from './pages.routes'
import { webBundleStale } from './web-bundle'

describe('hosted pages (HTTP)', async () => {
  const app = await makeApp()

  it('serve a static shell under the page policy: no inline script or style, never cached, not frameable', async () => {
    for (const path of ['/reset-password?token=abc&org=default', '/verify-email', '/admin/', '/admin', '/admin/users/abc/', '/account/?org=default', '/account/tokens?org=abc', '/account']) {
      const res = await app.inject({ method: 'GET', url: path })
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(res.headers['content-security-policy']).toBe(PAGE_CSP)
      // Written out, so weakening the constant fails here too.
      expect(PAGE_CSP).toBe("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
      expect(res.headers['cache-control']).toBe('no-store')
      expect(res.headers['referrer-policy']).toBe('no-referrer')
      expect(res.headers['x-frame-options']).toBe('DENY')
      expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)/)
      expect(res.body).not.toMatch(/<style|\sstyle=/)
      expect(res.body).not.toContain('abc') // the token is read by the script, never echoed
    }
    expect(webBundleStale()).toBe(false)
  })

  it('the console serves one shell for every path below /admin/, and nothing beside it', async () => {
    const shell = (await app.inject({ method: 'GET', url: '/admin/' })).body
    expect(shell).toMatch(/<script type="module" src="\/assets\/admin-[A-Z0-9]+\.js"><\/script>/)
    expect((await app.inject({ method: 'GET', url: '/admin/roles/' })).body).toBe(shell)
    expect((await app.inject({ method: 'GET', url: '/administrator' })).statusCode).toBe(404)
  })

  it('the API keeps its own policy', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' })
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'")
  })

  it('GET /auth/organization/ names the X-Organization organization without credentials; unknown is 404', async () => {
    const org = await createOrg(app)
    expect(await call(app, 'GET', '/api/v1/auth/organization/', { org: org.slug })).toMatchObject({ status: 200, body: { name: org.slug, slug: org.slug } })
    expect((await call(app, 'GET', '/api/v1/auth/organization/', { org: 'no-such-org-anywhere' })).status).toBe(404)
    expect((await call(app, 'GET', '/api/v1/auth/organization/')).body.slug).toBe('default')
  })
})
