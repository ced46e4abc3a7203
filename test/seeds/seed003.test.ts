import { afterAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app'
import { captureMail, logCapture, settle, tokenIn } from '../support/security-helpers'
import { createOrg, PASSWORD, testConfig, unique } from '../support/helpers'
import { adminOf } from '../support/rbac-helpers'
import { bearer, httpClient } from '../support/seed-http'

/** Seed 003 (e-commerce API, root paths): every endpoint of its README tables, over HTTP. */
const logs = logCapture()
const app = await buildApp(testConfig({ logLevel: 'info' }), { migrate: false, logStream: logs.stream })
afterAll(() => app.close())
const http = await httpClient(app)
const sent = captureMail(app)
const DENIED = { detail: 'You do not have permission to perform this action.', code: 'permission_denied' }
const NOT_FOUND = { detail: 'Not found.', code: 'not_found' }
const NO_CREDENTIALS = { detail: 'Authentication credentials were not provided.', code: 'not_authenticated' }

describe('seed 003: /register/, /userinfo/, password reset, /products/…, /orders/…', async () => {
  const org = await createOrg(app)
  const h = { 'x-organization': org.slug }
  const admin = bearer((await adminOf(app, org)).token)

  async function customer() {
    const username = unique('shopper')
    const reg = await http('POST', '/register/', { headers: h, body: { username, email: `${username}@example.com`, password: PASSWORD } })
    expect(reg.status, JSON.stringify(reg.body)).toBe(201)
    return { ...reg.body, username, auth: bearer(reg.body.access) }
  }

  it('register, GET /userinfo/ (with a token: it is personal data), PUT /userinfo/edit/', async () => {
    const me = await customer()
    expect(me).toMatchObject({ access: expect.any(String), refresh: expect.any(String), user: { username: me.username } })
    expect((await http('GET', '/userinfo/', { headers: me.auth })).body).toMatchObject({ id: me.user.id, username: me.username })
    expect((await http('GET', '/userinfo/')).body).toEqual(NO_CREDENTIALS)
    const edit = await http('PUT', '/userinfo/edit/', { headers: me.auth, body: { first_name: 'Grace' } })
    expect(edit.status).toBe(200)
    expect(edit.body).toMatchObject({ first_name: 'Grace', username: me.username })
    expect((await http('PUT', '/userinfo/edit/', { body: { first_name: 'x' } })).status).toBe(401)
  })

  it('forgot_password (no token needed: whoever forgot cannot sign in) and reset_password/<token>, which stays out of the logs', async () => {
    const me = await customer()
    const forgot = await http('POST', '/forgot_password/', { headers: h, body: { email: me.user.email } })
    expect(forgot.status).toBe(202)
    await settle(app)
    const mail = sent.filter((m) => m.to.toLowerCase() === me.user.email.toLowerCase()).at(-1)
    const token = tokenIn(mail!.text)
    const newPassword = 'a brand new passphrase 42'
    const reset = await http('POST', `/reset_password/${token}`, { body: { password: newPassword } })
    expect(reset.status, JSON.stringify(reset.body)).toBe(204)
    // Single use; every session ended; the new password signs in.
    expect((await http('POST', `/reset_password/${token}`, { body: { password: 'yet another passphrase 43' } })).status).toBe(400)
    expect((await http('GET', '/userinfo/', { headers: me.auth })).status).toBe(401)
    expect((await http('POST', '/api/auth/login/', { headers: h, body: { username: me.username, password: newPassword } })).status).toBe(200)
    expect(logs.text()).toContain('/reset_password/[REDACTED]')
    expect(logs.text().includes(token)).toBe(false)
  })

  it('reset_password: field errors name the field the client sent', async () => {
    expect((await http('POST', '/reset_password/whatever', { body: {} })).body).toEqual({ password: ['This field is required.'] })
    const weak = await http('POST', '/reset_password/whatever', { body: { password: '123' } })
    expect(weak.status).toBe(400)
    expect(Object.keys(weak.body).every((k) => k !== 'new_password')).toBe(true)
  })

  it('products: list and one without a token; add, edit, delete with manage_products', async () => {
    const body = { sku: unique('SKU-'), name: 'Widget', price: '12.50', currency: 'EUR', stock: 5 }
    const added = await http('POST', '/products/add/', { headers: admin, body })
    expect(added.status, JSON.stringify(added.body)).toBe(201)
    const id = added.body.id
    const list = await http('GET', '/products/', { headers: h })
    expect(Array.isArray(list.body)).toBe(true)
    expect(list.body.map((p: { id: string }) => p.id)).toContain(id)
    expect((await http('GET', `/products/${id}`, { headers: h })).body).toMatchObject({ id, price: '12.50' })
    const edited = await http('PUT', `/products/edit/${id}`, { headers: admin, body: { ...body, name: 'Gadget' } })
    expect(edited.body).toMatchObject({ name: 'Gadget', stock: 5 })

    const shopper = await customer()
    expect((await http('POST', '/products/add/', { headers: shopper.auth, body })).body).toEqual(DENIED)
    expect((await http('PUT', `/products/edit/${id}`, { headers: shopper.auth, body })).body).toEqual(DENIED)
    expect((await http('DELETE', `/products/delete/${id}`, { headers: shopper.auth })).body).toEqual(DENIED)
    expect((await http('POST', '/products/add/', { body })).status).toBe(401)
    expect((await http('DELETE', `/products/delete/${id}`, { headers: admin })).status).toBe(204)
    expect((await http('GET', `/products/${id}`, { headers: h })).body).toEqual(NOT_FOUND)
    expect((await http('GET', '/products/not-a-uuid', { headers: h })).body).toEqual(NOT_FOUND)
  })

  it('orders: new (stock taken, Idempotency-Key honoured), list, one, edit the status, delete with manage_orders', async () => {
    const product = await http('POST', '/products/add/', { headers: admin, body: { sku: unique('SKU-'), name: 'Mug', price: '3.20', currency: 'EUR', stock: 4 } })
    const shopper = await customer()
    const body = { items: [{ product: product.body.id, quantity: 3 }] }
    const placed = await http('POST', '/orders/new/', { headers: { ...shopper.auth, 'idempotency-key': unique('k') }, body })
    expect(placed.status, JSON.stringify(placed.body)).toBe(201)
    expect(placed.body).toMatchObject({ status: 'pending', total: '9.60', user: shopper.user.id })
    const key = unique('k')
    const first = await http('POST', '/orders/new/', { headers: { ...shopper.auth, 'idempotency-key': key }, body: { items: [{ product: product.body.id, quantity: 1 }] } })
    const replay = await http('POST', '/orders/new/', { headers: { ...shopper.auth, 'idempotency-key': key }, body: { items: [{ product: product.body.id, quantity: 1 }] } })
    expect(replay.body.id).toBe(first.body.id)
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
    expect((await http('POST', '/orders/new/', { headers: shopper.auth, body: { items: [{ product: product.body.id, quantity: 1 }] } })).status).toBe(409)

    const mine = await http('GET', '/orders/', { headers: shopper.auth })
    expect(mine.body.map((o: { id: string }) => o.id).sort()).toEqual([placed.body.id, first.body.id].sort())
    expect((await http('GET', `/orders/${placed.body.id}/`, { headers: shopper.auth })).body.id).toBe(placed.body.id)
    const other = await customer()
    expect((await http('GET', `/orders/${placed.body.id}/`, { headers: other.auth })).body).toEqual(NOT_FOUND)
    expect((await http('GET', '/orders/', { headers: other.auth })).body).toEqual([])

    expect((await http('PUT', `/orders/edit/${placed.body.id}/`, { headers: shopper.auth, body: { status: 'paid' } })).status).toBe(403)
    expect((await http('PUT', `/orders/edit/${placed.body.id}/`, { headers: admin, body: { status: 'paid' } })).body.status).toBe('paid')
    expect((await http('PUT', `/orders/edit/${placed.body.id}/`, { headers: admin, body: { status: 'pending' } })).status).toBe(409)
    expect((await http('DELETE', `/orders/delete/${placed.body.id}/`, { headers: shopper.auth })).body).toEqual(DENIED)
    expect((await http('DELETE', `/orders/delete/${placed.body.id}/`, { headers: admin })).status).toBe(204)
    expect((await http('GET', '/orders/')).body).toEqual(NO_CREDENTIALS)
  })

  it("another organization's products and orders are 404 on every seed 003 path", async () => {
    const otherOrg = await createOrg(app)
    const otherAdmin = bearer((await adminOf(app, otherOrg)).token)
    const theirProduct = await http('POST', '/products/add/', { headers: otherAdmin, body: { sku: unique('SKU-'), name: 'Hat', price: '1.00', currency: 'EUR', stock: 9 } })
    const theirOrder = await http('POST', '/orders/new/', { headers: otherAdmin, body: { items: [{ product: theirProduct.body.id, quantity: 1 }] } })
    expect(theirOrder.status).toBe(201)
    const p = theirProduct.body.id
    const o = theirOrder.body.id
    const calls: [string, string, unknown?][] = [
      ['GET', `/products/${p}`], ['PUT', `/products/edit/${p}`, { sku: 'S', name: 'n', price: '1.00', currency: 'EUR' }], ['DELETE', `/products/delete/${p}`],
      ['GET', `/orders/${o}/`], ['PUT', `/orders/edit/${o}/`, { status: 'cancelled' }], ['DELETE', `/orders/delete/${o}/`],
    ]
    for (const [method, path, body] of calls) {
      expect((await http(method, path, { headers: admin, ...(body !== undefined && { body }) })).body, `${method} ${path}`).toEqual(NOT_FOUND)
    }
  })
})
