import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { call, createOrg, makeApp, registerUser } from '../../../test/support/helpers'
import { auditEvents } from '../../db/schema'
import { makeProduct, registerAdmin } from '../../../test/support/products.fixtures'

const app = await makeApp()

describe('POST /api/v1/products/', () => {
  it('creates a product with money as an exact decimal string', async () => {
    const org = await createOrg(app)
    const admin = await registerAdmin(app, org)
    const res = await call(app, 'POST', '/api/v1/products/', { token: admin.access, body: { sku: 'MUG-1', name: 'Mug', description: 'Big mug', price: '12.5', currency: 'EUR', stock: 3 } })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      id: expect.any(String), sku: 'MUG-1', name: 'Mug', description: 'Big mug', price: '12.50', currency: 'EUR', stock: 3, is_active: true,
      created_at: expect.any(String), updated_at: expect.any(String),
    })
    const [event] = await app.ctx.db.select().from(auditEvents).where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.targetId, res.body.id)))
    expect(event).toMatchObject({ action: 'product.created', actorType: 'user', actorId: admin.user.id })
  })

  it('needs manage_products: 401 anonymous, 403 a customer', async () => {
    const org = await createOrg(app)
    const customer = await registerUser(app, org)
    const body = { sku: 'X', name: 'X', price: '1.00', currency: 'EUR' }
    expect((await call(app, 'POST', '/api/v1/products/', { org: org.slug, body })).status).toBe(401)
    const res = await call(app, 'POST', '/api/v1/products/', { token: customer.access, body })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('permission_denied')
  })

  it('rejects float prices, bad currencies, negative stock and unknown fields with 400', async () => {
    const org = await createOrg(app)
    const admin = await registerAdmin(app, org)
    const base = { sku: 'A', name: 'A', price: '1.00', currency: 'EUR' }
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, price: 12.5 }, 'price'],
      [{ ...base, price: '1.234' }, 'price'],
      [{ ...base, price: '-1.00' }, 'price'],
      [{ ...base, price: '1e3' }, 'price'],
      [{ ...base, price: '12345678901.00' }, 'price'],
      [{ ...base, currency: 'eur' }, 'currency'],
      [{ ...base, stock: -1 }, 'stock'],
      [{ ...base, stock: 1.5 }, 'stock'],
      [{ ...base, stock: 2 ** 31 }, 'stock'],
      [{ ...base, colour: 'red' }, 'colour'],
      [{ ...base, name: 'nul\u0000byte' }, 'name'],
      [{ ...base, sku: ' padded ' }, 'sku'],
    ]
    for (const [body, field] of cases) {
      const res = await call(app, 'POST', '/api/v1/products/', { token: admin.access, body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body[field], JSON.stringify(res.body)).toBeDefined()
    }
  })

  it('keeps skus unique among live products, also when two creates race', async () => {
    const org = await createOrg(app)
    const admin = await registerAdmin(app, org)
    const p = await makeProduct(app, admin.access, { sku: 'DUP' })
    const again = await call(app, 'POST', '/api/v1/products/', { token: admin.access, body: { sku: 'DUP', name: 'B', price: '1.00', currency: 'EUR' } })
    expect(again.status).toBe(400)
    expect(again.body).toEqual({ sku: ['product with this sku already exists.'] })

    const race = await Promise.all(Array.from({ length: 8 }, () =>
      call(app, 'POST', '/api/v1/products/', { token: admin.access, body: { sku: 'RACE', name: 'R', price: '1.00', currency: 'EUR' } })))
    expect(race.filter((r) => r.status === 201)).toHaveLength(1)
    for (const r of race.filter((r) => r.status !== 201)) expect(r).toMatchObject({ status: 400, body: { sku: ['product with this sku already exists.'] } })

    // Deleting frees the sku.
    expect((await call(app, 'DELETE', `/api/v1/products/${p.id}/`, { token: admin.access })).status).toBe(204)
    expect((await call(app, 'POST', '/api/v1/products/', { token: admin.access, body: { sku: 'DUP', name: 'B', price: '1.00', currency: 'EUR' } })).status).toBe(201)
  })
})

describe('GET /api/v1/products/', () => {
  it('is public, per organization, and hides inactive products from non-managers', async () => {
    const org = await createOrg(app)
    const admin = await registerAdmin(app, org)
    const active = await makeProduct(app, admin.access, { name: 'Visible' })
    const hidden = await makeProduct(app, admin.access, { name: 'Hidden', is_active: false })
    const other = await createOrg(app)

    const anon = await call(app, 'GET', '/api/v1/products/', { org: org.slug })
    expect(anon.status).toBe(200)
    expect(anon.body.results.map((p: { id: string }) => p.id)).toEqual([active.id])
    expect((await call(app, 'GET', '/api/v1/products/?is_active=false', { org: org.id })).body.results).toEqual([])
    expect((await call(app, 'GET', `/api/v1/products/${hidden.id}/`, { org: org.slug })).status).toBe(404)
    expect((await call(app, 'GET', `/api/v1/products/${active.id}/`, { org: org.slug })).body.name).toBe('Visible')

    const staff = await call(app, 'GET', '/api/v1/products/?is_active=false', { token: admin.access })
    expect(staff.body.results.map((p: { id: string }) => p.id)).toEqual([hidden.id])
    expect((await call(app, 'GET', `/api/v1/products/${hidden.id}/`, { token: admin.access })).status).toBe(200)

    // Another organization's catalogue does not contain them, and the product is a 404 there.
    expect((await call(app, 'GET', '/api/v1/products/', { org: other.slug })).body.results).toEqual([])
    expect((await call(app, 'GET', `/api/v1/products/${active.id}/`, { org: other.slug })).status).toBe(404)
    // A signed-in customer gets their own organization's catalogue whatever header they send.
    const customer = await registerUser(app, org)
    const own = await call(app, 'GET', '/api/v1/products/', { token: customer.access, org: other.slug })
    expect(own.body.results.map((p: { id: string }) => p.id)).toEqual([active.id])
    expect((await call(app, 'GET', '/api/v1/products/', { org: 'no-such-org' })).status).toBe(404)
  })

  it('searches, filters, orders and pages with cursors', async () => {
    const org = await createOrg(app)
    const admin = await registerAdmin(app, org)
    const made = []
    // Fixed skus and descriptions (letters chosen not to match the searches below), so results do not depend on generated names.
    for (const [name, price, stock] of [['Alpha', '3.00', 1], ['Bravo', '1.50', 0], ['Charlie', '20.00', 5], ['Delta', '1.50', 2], ['Echo 100%', '7.25', 9]] as const) {
      made.push(await makeProduct(app, admin.access, { name, price, stock, sku: `P-${made.length}`, description: 'thing' }))
    }
    const byPrice: string[] = []
    let url: string | null = '/api/v1/products/?ordering=price&limit=2'
    while (url) {
      const res = await call(app, 'GET', url.replace(app.ctx.config.publicUrl, ''), { org: org.slug })
      expect(res.status).toBe(200)
      expect(res.body.results.length).toBeLessThanOrEqual(2)
      byPrice.push(...res.body.results.map((p: { name: string }) => p.name))
      url = res.body.next
    }
    expect(byPrice).toEqual(['Bravo', 'Delta', 'Alpha', 'Echo 100%', 'Charlie'])

    const desc = await call(app, 'GET', '/api/v1/products/?ordering=-price&limit=3', { org: org.slug })
    expect(desc.body.results.map((p: { name: string }) => p.name)).toEqual(['Charlie', 'Echo 100%', 'Alpha'])
    const back = await call(app, 'GET', desc.body.next.replace(app.ctx.config.publicUrl, ''), { org: org.slug })
    expect(back.body.results.map((p: { name: string }) => p.name)).toEqual(['Delta', 'Bravo'])
    const prev = await call(app, 'GET', back.body.previous.replace(app.ctx.config.publicUrl, ''), { org: org.slug })
    expect(prev.body.results.map((p: { name: string }) => p.name)).toEqual(['Charlie', 'Echo 100%', 'Alpha'])

    const names = async (q: string) => (await call(app, 'GET', `/api/v1/products/?${q}`, { org: org.slug })).body.results.map((p: { name: string }) => p.name)
    expect(await names('ordering=name&search=a')).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta'])
    expect(await names('search=100%25')).toEqual(['Echo 100%'])
    expect(await names(`search=${made[2].sku}`)).toEqual(['Charlie'])
    expect(await names('search=THING&in_stock=false')).toEqual(['Bravo'])
    expect(await names('ordering=-name&in_stock=true')).toEqual(['Echo 100%', 'Delta', 'Charlie', 'Alpha'])
  })

  it('answers bad query input with 400, never 500', async () => {
    const org = await createOrg(app)
    for (const q of ['ordering=stock', 'limit=0', 'limit=500', 'in_stock=maybe', 'cursor=%%%', 'search=%00']) {
      const res = await call(app, 'GET', `/api/v1/products/?${q}`, { org: org.slug })
      expect(res.status, q).toBe(400)
    }
    const forged = (v: unknown) => Buffer.from(JSON.stringify({ v, id: '01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e' })).toString('base64url')
    for (const [ordering, v] of [['price', 'abc'], ['price', { x: 1 }], ['name', 5], ['name', 'a\u0000b']] as const) {
      const res = await call(app, 'GET', `/api/v1/products/?ordering=${ordering}&cursor=${forged(v)}`, { org: org.slug })
      expect(res.status, `${ordering} ${JSON.stringify(v)}`).toBe(400)
    }
    expect((await call(app, 'GET', '/api/v1/products/not-a-uuid/', { org: org.slug })).status).toBe(404)
  })
})

describe('PUT/PATCH/DELETE /api/v1/products/{id}/', () => {
  it('updates, replaces and soft-deletes, with audit events', async () => {
    const org = await createOrg(app)
    const admin = await registerAdmin(app, org)
    const p = await makeProduct(app, admin.access, { description: 'keep me' })
    const patched = await call(app, 'PATCH', `/api/v1/products/${p.id}/`, { token: admin.access, body: { price: '0.10', stock: 0 } })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ price: '0.10', stock: 0, description: 'keep me', name: 'Widget' })

    const put = await call(app, 'PUT', `/api/v1/products/${p.id}/`, { token: admin.access, body: { sku: p.sku, name: 'Gadget', price: '99.99', currency: 'USD' } })
    expect(put.status).toBe(200)
    expect(put.body).toMatchObject({ name: 'Gadget', price: '99.99', currency: 'USD', description: 'keep me', stock: 0 })
    expect((await call(app, 'PUT', `/api/v1/products/${p.id}/`, { token: admin.access, body: { name: 'Only name' } })).status).toBe(400)

    expect((await call(app, 'DELETE', `/api/v1/products/${p.id}/`, { token: admin.access })).status).toBe(204)
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const res = await call(app, method, `/api/v1/products/${p.id}/`, { token: admin.access, ...(method === 'PATCH' ? { body: { name: 'x' } } : {}) })
      expect(res.status, method).toBe(404)
    }
    const actions = (await app.ctx.db.select().from(auditEvents).where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.targetId, p.id)))).map((e) => e.action).sort()
    expect(actions).toEqual(['product.created', 'product.deleted', 'product.updated', 'product.updated'])
  })

  it('rejects a sku taken by another product, and 404s products of another organization', async () => {
    const org = await createOrg(app)
    const admin = await registerAdmin(app, org)
    const a = await makeProduct(app, admin.access)
    const b = await makeProduct(app, admin.access)
    const clash = await call(app, 'PATCH', `/api/v1/products/${b.id}/`, { token: admin.access, body: { sku: a.sku } })
    expect(clash).toMatchObject({ status: 400, body: { sku: ['product with this sku already exists.'] } })
    expect((await call(app, 'PATCH', `/api/v1/products/${b.id}/`, { token: admin.access, body: { sku: b.sku } })).status).toBe(200)

    const otherOrg = await createOrg(app)
    const otherAdmin = await registerAdmin(app, otherOrg)
    for (const method of ['GET', 'PUT', 'PATCH', 'DELETE'] as const) {
      const body = method === 'PUT' ? { sku: 'Z', name: 'Z', price: '1.00', currency: 'EUR' } : method === 'PATCH' ? { sku: a.sku } : undefined
      const res = await call(app, method, `/api/v1/products/${a.id}/`, { token: otherAdmin.access, body })
      expect(res.status, method).toBe(404)
    }
    expect((await call(app, 'GET', `/api/v1/products/${a.id}/`, { org: org.slug })).status).toBe(200)
  })
})
