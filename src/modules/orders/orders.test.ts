import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { call, createOrg, makeApp, promoteToSuperuser, registerUser, unique } from '../../../test/support/helpers'
import { auditEvents, developerRoles, developers, idempotencyKeys, orders, products } from '../../db/schema'
import { newId } from '../../lib/ids'
import { insertApiKey } from '../api-keys/api-keys.repository'
import { findRolesByName } from '../organizations/organizations.repository'
import { makeProduct, registerAdmin } from '../../../test/support/products.fixtures'
import { takeStock } from '../products/products.repository'

const app = await makeApp()

const stockOf = async (id: string) => (await app.ctx.db.select({ stock: products.stock }).from(products).where(eq(products.id, id)))[0].stock
const order = (token: string, items: unknown, headers: Record<string, string> = {}) => call(app, 'POST', '/api/v1/orders/', { token, body: { items }, headers })

/** An organization with a product manager and a customer. */
async function shop() {
  const org = await createOrg(app)
  const admin = await registerAdmin(app, org)
  const customer = await registerUser(app, org)
  return { org, admin, customer }
}

describe('POST /api/v1/orders/', () => {
  it('snapshots prices, computes an exact total and takes stock', async () => {
    const { admin, customer } = await shop()
    const dime = await makeProduct(app, admin.access, { name: 'Dime', price: '0.10', stock: 10 })
    const res = await order(customer.access, [{ product: dime.id, quantity: 3 }])
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      id: expect.any(String), user: customer.user.id, status: 'pending', total: '0.30', currency: 'EUR',
      items: [{ product: dime.id, name: 'Dime', unit_price: '0.10', quantity: 3 }],
      created_at: expect.any(String), updated_at: expect.any(String),
    })
    expect(await stockOf(dime.id)).toBe(7)
    // A later price change does not touch the order.
    await call(app, 'PATCH', `/api/v1/products/${dime.id}/`, { token: admin.access, body: { price: '5.00', name: 'Renamed' } })
    const again = await call(app, 'GET', `/api/v1/orders/${res.body.id}/`, { token: customer.access })
    expect(again.body).toEqual(res.body)
    const [event] = await app.ctx.db.select().from(auditEvents).where(eq(auditEvents.targetId, res.body.id))
    expect(event).toMatchObject({ action: 'order.created', actorId: customer.user.id, metadata: { total: '0.30', currency: 'EUR' } })
  })

  it('merges duplicate lines and keeps several products in one total', async () => {
    const { admin, customer } = await shop()
    const a = await makeProduct(app, admin.access, { price: '19.99', stock: 10 })
    const b = await makeProduct(app, admin.access, { price: '0.01', stock: 10 })
    const res = await order(customer.access, [{ product: b.id, quantity: 1 }, { product: a.id, quantity: 3 }, { product: a.id, quantity: 4 }])
    expect(res.status).toBe(201)
    expect(res.body.total).toBe('139.94')
    expect(res.body.items.map((i: { product: string; quantity: number }) => [i.product, i.quantity])).toEqual([[b.id, 1], [a.id, 7]])
    expect(await stockOf(a.id)).toBe(3)
  })

  it('is 409 with nothing written when one line lacks stock', async () => {
    const { admin, customer } = await shop()
    const plenty = await makeProduct(app, admin.access, { stock: 100 })
    const scarce = await makeProduct(app, admin.access, { stock: 1 })
    const res = await order(customer.access, [{ product: plenty.id, quantity: 5 }, { product: scarce.id, quantity: 2 }])
    expect(res.status).toBe(409)
    expect(res.body).toEqual({ detail: expect.stringContaining('Not enough stock'), code: 'conflict' })
    expect(await stockOf(plenty.id)).toBe(100)
    expect(await stockOf(scarce.id)).toBe(1)
    expect((await call(app, 'GET', '/api/v1/orders/', { token: customer.access })).body.results).toEqual([])
  })

  it('rejects unknown, inactive, deleted and other-organization products, and mixed currencies, with 400', async () => {
    const { admin, customer } = await shop()
    const ok = await makeProduct(app, admin.access)
    const inactive = await makeProduct(app, admin.access, { is_active: false })
    const deleted = await makeProduct(app, admin.access)
    await call(app, 'DELETE', `/api/v1/products/${deleted.id}/`, { token: admin.access })
    const usd = await makeProduct(app, admin.access, { currency: 'USD' })
    const elsewhere = await shop()
    const foreign = await makeProduct(app, elsewhere.admin.access)
    for (const bad of [newId(), inactive.id, deleted.id, foreign.id]) {
      const res = await order(customer.access, [{ product: ok.id, quantity: 1 }, { product: bad, quantity: 1 }])
      expect(res.status).toBe(400)
      expect(res.body).toEqual({ 'items.1.product': [`Invalid pk "${bad}" - object does not exist.`] })
    }
    const mixed = await order(customer.access, [{ product: ok.id, quantity: 1 }, { product: usd.id, quantity: 1 }])
    expect(mixed).toMatchObject({ status: 400, body: { items: ['All items of an order must have the same currency.'] } })
    expect(await stockOf(ok.id)).toBe(10)
    expect(await stockOf(foreign.id)).toBe(10)
  })

  it('answers bad input with 400, never 500', async () => {
    const { admin, customer } = await shop()
    const p = await makeProduct(app, admin.access)
    const bodies: unknown[] = [
      { items: [{ product: p.id, quantity: -1 }] },
      { items: [{ product: p.id, quantity: 0 }] },
      { items: [{ product: p.id, quantity: 1.5 }] },
      { items: [{ product: p.id, quantity: '1' }] },
      { items: [{ product: 'not-a-uuid', quantity: 1 }] },
      { items: [{ product: p.id, quantity: 1, price: '0.01' }] },
      { items: [{ product: p.id, quantity: 1 }], user: newId() },
      { items: [] },
      {},
      [],
      { items: [{ product: p.id, quantity: 2 ** 40 }] },
    ]
    for (const body of bodies) {
      const res = await call(app, 'POST', '/api/v1/orders/', { token: customer.access, body })
      expect(res.status, JSON.stringify(body)).toBe(400)
    }
    expect((await call(app, 'POST', '/api/v1/orders/', { token: customer.access, body: { items: [] }, headers: { 'idempotency-key': 'x'.repeat(300) } })).status).toBe(400)
    expect(await stockOf(p.id)).toBe(10)
  })

  it('needs a signed-in user: 401 anonymous, 403 a developer key', async () => {
    const { org, admin } = await shop()
    const p = await makeProduct(app, admin.access)
    expect((await call(app, 'POST', '/api/v1/orders/', { org: org.slug, body: { items: [{ product: p.id, quantity: 1 }] } })).status).toBe(401)
    const devKey = await developerKey(org.id)
    const res = await order(devKey, [{ product: p.id, quantity: 1 }])
    expect(res.status).toBe(403)
    // With view_orders (admin role) a developer may read the organization's orders, though.
    expect((await call(app, 'GET', '/api/v1/orders/', { token: devKey })).status).toBe(200)
  })

  it('never oversells: 500 parallel orders for a stock of 50', async () => {
    const { org, admin } = await shop()
    const p = await makeProduct(app, admin.access, { stock: 50, price: '2.50' })
    const buyers = await Promise.all(Array.from({ length: 5 }, () => registerUser(app, org)))
    const results = await Promise.all(Array.from({ length: 500 }, (_, i) => order(buyers[i % buyers.length].access, [{ product: p.id, quantity: 1 }])))
    const statuses = results.map((r) => r.status)
    expect(statuses.filter((s) => s === 201)).toHaveLength(50)
    expect(statuses.filter((s) => s === 409)).toHaveLength(450)
    expect(statuses.filter((s) => s >= 500)).toEqual([])
    expect(await stockOf(p.id)).toBe(0)
    const [{ count }] = await app.ctx.db.select({ count: sql<number>`count(*)::int` }).from(orders).where(eq(orders.organizationId, org.id))
    expect(count).toBe(50)
  }, 60_000)

  it('takes stock with a conditional update that cannot go below zero, whatever the interleaving', async () => {
    const { org, admin } = await shop()
    const p = await makeProduct(app, admin.access, { stock: 7 })
    // Straight at the repository, so every attempt reaches the locked re-check (no early answer from a stale read).
    const taken = await Promise.all(Array.from({ length: 30 }, () => app.ctx.db.transaction((tx) => takeStock(tx, org.id, p.id, 2))))
    expect(taken.filter(Boolean)).toHaveLength(3)
    expect(await stockOf(p.id)).toBe(1)
  })

  it('orders over the same products in opposite line orders do not deadlock', async () => {
    const { org, admin } = await shop()
    const a = await makeProduct(app, admin.access, { stock: 1000 })
    const b = await makeProduct(app, admin.access, { stock: 1000 })
    const buyer = await registerUser(app, org)
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) =>
      order(buyer.access, i % 2 ? [{ product: a.id, quantity: 1 }, { product: b.id, quantity: 1 }] : [{ product: b.id, quantity: 1 }, { product: a.id, quantity: 1 }])))
    expect(results.map((r) => r.status)).toEqual(Array(60).fill(201))
    expect([await stockOf(a.id), await stockOf(b.id)]).toEqual([940, 940])
  })
})

describe('Idempotency-Key', () => {
  it('turns 10 concurrent identical requests into one order with identical answers', async () => {
    const { org, admin, customer } = await shop()
    const p = await makeProduct(app, admin.access, { stock: 100 })
    const key = unique('key-')
    const results = await Promise.all(Array.from({ length: 10 }, () => order(customer.access, [{ product: p.id, quantity: 2 }], { 'idempotency-key': key })))
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201))
    for (const r of results) expect(r.body).toEqual(results[0].body)
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(9)
    expect(await stockOf(p.id)).toBe(98)
    const [{ count }] = await app.ctx.db.select({ count: sql<number>`count(*)::int` }).from(orders).where(eq(orders.organizationId, org.id))
    expect(count).toBe(1)
    // A retry later replays too; the same key with another body is a conflict.
    const later = await order(customer.access, [{ product: p.id, quantity: 2 }], { 'idempotency-key': key })
    expect(later).toMatchObject({ status: 201, body: results[0].body })
    const other = await order(customer.access, [{ product: p.id, quantity: 3 }], { 'idempotency-key': key })
    expect(other.status).toBe(409)
    expect(other.body.code).toBe('conflict')
    // Keys belong to their user: another customer with the same key places their own order.
    const someoneElse = await registerUser(app, org)
    const theirs = await order(someoneElse.access, [{ product: p.id, quantity: 2 }], { 'idempotency-key': key })
    expect(theirs.status).toBe(201)
    expect(theirs.body.id).not.toBe(results[0].body.id)
  })

  it('replays the winner even when it took the last unit', async () => {
    const { admin, customer } = await shop()
    const p = await makeProduct(app, admin.access, { stock: 1 })
    const key = unique('key-')
    const results = await Promise.all(Array.from({ length: 10 }, () => order(customer.access, [{ product: p.id, quantity: 1 }], { 'idempotency-key': key })))
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201))
    for (const r of results) expect(r.body).toEqual(results[0].body)
    expect(await stockOf(p.id)).toBe(0)
  })

  it('is not poisoned by a failed request, and expires after 24 hours', async () => {
    const { admin, customer } = await shop()
    const p = await makeProduct(app, admin.access, { stock: 1 })
    const key = unique('key-')
    expect((await order(customer.access, [{ product: p.id, quantity: 2 }], { 'idempotency-key': key })).status).toBe(409)
    await call(app, 'PATCH', `/api/v1/products/${p.id}/`, { token: admin.access, body: { stock: 5 } })
    const first = await order(customer.access, [{ product: p.id, quantity: 2 }], { 'idempotency-key': key })
    expect(first.status).toBe(201)
    expect(first.headers['idempotent-replayed']).toBeUndefined()

    await app.ctx.db.update(idempotencyKeys).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(idempotencyKeys.key, key))
    const fresh = await order(customer.access, [{ product: p.id, quantity: 1 }], { 'idempotency-key': key })
    expect(fresh.status).toBe(201)
    expect(fresh.body.id).not.toBe(first.body.id)
    expect(await stockOf(p.id)).toBe(2)
  })
})

describe('GET /api/v1/orders/', () => {
  it('shows customers their own orders, view_orders all of them, and 404s the rest', async () => {
    const { org, admin, customer } = await shop()
    const p = await makeProduct(app, admin.access, { stock: 100 })
    const mine = await order(customer.access, [{ product: p.id, quantity: 1 }])
    const other = await registerUser(app, org)
    const theirs = await order(other.access, [{ product: p.id, quantity: 1 }])

    const list = await call(app, 'GET', '/api/v1/orders/', { token: customer.access })
    expect(list.body.results.map((o: { id: string }) => o.id)).toEqual([mine.body.id])
    expect(list.body.results[0].items).toHaveLength(1)
    expect((await call(app, 'GET', `/api/v1/orders/${theirs.body.id}/`, { token: customer.access })).status).toBe(404)
    expect((await call(app, 'PATCH', `/api/v1/orders/${theirs.body.id}/`, { token: customer.access, body: { status: 'cancelled' } })).status).toBe(404)

    const all = await call(app, 'GET', '/api/v1/orders/?ordering=created_at', { token: admin.access })
    expect(all.body.results.map((o: { id: string }) => o.id)).toEqual([mine.body.id, theirs.body.id])
    expect((await call(app, 'GET', `/api/v1/orders/${theirs.body.id}/`, { token: admin.access })).status).toBe(200)

    // Another organization's staff see nothing of it.
    const elsewhere = await shop()
    expect((await call(app, 'GET', `/api/v1/orders/${mine.body.id}/`, { token: elsewhere.admin.access })).status).toBe(404)
    expect((await call(app, 'GET', '/api/v1/orders/', { token: elsewhere.admin.access })).body.results).toEqual([])
    // A superuser acts in another organization only by naming it.
    const root = await registerUser(app, elsewhere.org)
    await promoteToSuperuser(app, root.user.id)
    expect((await call(app, 'GET', `/api/v1/orders/${mine.body.id}/`, { token: root.access })).status).toBe(404)
    expect((await call(app, 'GET', `/api/v1/orders/${mine.body.id}/`, { token: root.access, org: org.slug })).status).toBe(200)
    const visiting = await call(app, 'POST', '/api/v1/orders/', { token: root.access, org: org.slug, body: { items: [{ product: p.id, quantity: 1 }] } })
    expect(visiting.status).toBe(403)
  })

  it('filters by status, orders by total and pages', async () => {
    const { admin, customer } = await shop()
    const p = await makeProduct(app, admin.access, { stock: 100, price: '1.00' })
    const made = []
    for (const q of [3, 1, 2]) made.push((await order(customer.access, [{ product: p.id, quantity: q }])).body)
    await call(app, 'PATCH', `/api/v1/orders/${made[1].id}/`, { token: customer.access, body: { status: 'cancelled' } })
    const totals = async (q: string) => (await call(app, 'GET', `/api/v1/orders/?${q}`, { token: customer.access })).body.results.map((o: { total: string }) => o.total)
    expect(await totals('ordering=total')).toEqual(['1.00', '2.00', '3.00'])
    expect(await totals('ordering=-total&status=pending')).toEqual(['3.00', '2.00'])
    const page1 = await call(app, 'GET', '/api/v1/orders/?limit=2', { token: customer.access })
    expect(page1.body.results.map((o: { id: string }) => o.id)).toEqual([made[2].id, made[1].id])
    const page2 = await call(app, 'GET', page1.body.next.replace(app.ctx.config.publicUrl, ''), { token: customer.access })
    expect(page2.body.results.map((o: { id: string }) => o.id)).toEqual([made[0].id])
    for (const q of ['status=lost', 'ordering=user', `ordering=total&cursor=${Buffer.from(JSON.stringify({ v: 'x', id: made[0].id })).toString('base64url')}`]) {
      expect((await call(app, 'GET', `/api/v1/orders/?${q}`, { token: customer.access })).status, q).toBe(400)
    }
    expect((await call(app, 'GET', '/api/v1/orders/nope/', { token: customer.access })).status).toBe(404)
  })
})

describe('PATCH /api/v1/orders/{id}/', () => {
  it('lets the owner cancel a pending order, restoring stock', async () => {
    const { admin, customer } = await shop()
    const p = await makeProduct(app, admin.access, { stock: 10 })
    const o = (await order(customer.access, [{ product: p.id, quantity: 4 }])).body
    expect(await stockOf(p.id)).toBe(6)
    expect((await call(app, 'PATCH', `/api/v1/orders/${o.id}/`, { token: customer.access, body: { status: 'paid' } })).status).toBe(403)
    const res = await call(app, 'PATCH', `/api/v1/orders/${o.id}/`, { token: customer.access, body: { status: 'cancelled' } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'cancelled', total: o.total, items: o.items })
    expect(await stockOf(p.id)).toBe(10)
    const again = await call(app, 'PATCH', `/api/v1/orders/${o.id}/`, { token: customer.access, body: { status: 'cancelled' } })
    expect(again).toMatchObject({ status: 409, body: { code: 'conflict' } })
    expect(await stockOf(p.id)).toBe(10)
  })

  it('drives the machine with manage_orders and refuses illegal moves with 409', async () => {
    const { admin, customer } = await shop()
    const p = await makeProduct(app, admin.access, { stock: 10 })
    const o = (await order(customer.access, [{ product: p.id, quantity: 1 }])).body
    const move = (status: string, token = admin.access) => call(app, 'PATCH', `/api/v1/orders/${o.id}/`, { token, body: { status } })
    expect((await move('shipped')).status).toBe(409)
    expect((await move('delivered')).status).toBe(409)
    expect((await move('pending')).status).toBe(409)
    expect((await move('paid')).body.status).toBe('paid')
    expect((await move('cancelled', customer.access)).status).toBe(403) // paid: only staff may cancel
    expect((await move('shipped')).body.status).toBe('shipped')
    const back = await move('paid')
    expect(back).toMatchObject({ status: 409, body: { detail: 'Cannot change an order from "shipped" to "paid".', code: 'conflict' } })
    expect((await move('cancelled')).status).toBe(409)
    expect((await move('delivered')).body.status).toBe('delivered')
    for (const s of ['pending', 'paid', 'shipped', 'cancelled']) expect((await move(s)).status).toBe(409)
    expect(await stockOf(p.id)).toBe(9)
    for (const body of [{ status: 'lost' }, { status: 'paid', total: '0.00' }, {}]) {
      expect((await call(app, 'PATCH', `/api/v1/orders/${o.id}/`, { token: admin.access, body })).status).toBe(400)
    }
    const actions = (await app.ctx.db.select().from(auditEvents).where(eq(auditEvents.targetId, o.id))).map((e) => e.metadata)
    expect(actions).toContainEqual({ from: 'shipped', to: 'delivered' })
  })

  it('restores stock exactly once when cancels race', async () => {
    const { admin, customer } = await shop()
    const p = await makeProduct(app, admin.access, { stock: 10 })
    for (let round = 0; round < 3; round++) {
      const o = (await order(customer.access, [{ product: p.id, quantity: 3 }])).body
      await call(app, 'PATCH', `/api/v1/orders/${o.id}/`, { token: admin.access, body: { status: 'paid' } })
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) =>
        call(app, 'PATCH', `/api/v1/orders/${o.id}/`, { token: admin.access, body: { status: i % 2 ? 'cancelled' : 'shipped' } })))
      const ok = results.filter((r) => r.status === 200)
      expect(ok).toHaveLength(1)
      expect(results.filter((r) => r.status === 409)).toHaveLength(5)
      expect(await stockOf(p.id)).toBe(ok[0].body.status === 'cancelled' ? 10 : 7)
      await app.ctx.db.update(products).set({ stock: 10 }).where(eq(products.id, p.id))
    }
    const o = (await order(customer.access, [{ product: p.id, quantity: 3 }])).body
    const cancels = await Promise.all(Array.from({ length: 8 }, () => call(app, 'PATCH', `/api/v1/orders/${o.id}/`, { token: customer.access, body: { status: 'cancelled' } })))
    expect(cancels.filter((r) => r.status === 200)).toHaveLength(1)
    expect(cancels.filter((r) => r.status === 409)).toHaveLength(7)
    expect(await stockOf(p.id)).toBe(10)
  })
})

describe('DELETE /api/v1/orders/{id}/', () => {
  it('needs manage_orders and soft-deletes', async () => {
    const { org, admin, customer } = await shop()
    const p = await makeProduct(app, admin.access)
    const o = (await order(customer.access, [{ product: p.id, quantity: 1 }])).body
    expect((await call(app, 'DELETE', `/api/v1/orders/${o.id}/`, { token: customer.access })).status).toBe(403)
    expect((await call(app, 'DELETE', `/api/v1/orders/${o.id}/`, { token: admin.access })).status).toBe(204)
    expect((await call(app, 'GET', `/api/v1/orders/${o.id}/`, { token: admin.access })).status).toBe(404)
    expect((await call(app, 'GET', `/api/v1/orders/${o.id}/`, { token: customer.access })).status).toBe(404)
    expect((await call(app, 'DELETE', `/api/v1/orders/${o.id}/`, { token: admin.access })).status).toBe(404)
    const [row] = await app.ctx.db.select().from(orders).where(and(eq(orders.organizationId, org.id), eq(orders.id, o.id)))
    expect(row.deletedAt).not.toBeNull()
    const [event] = await app.ctx.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, o.id), eq(auditEvents.action, 'order.deleted')))
    expect(event.actorId).toBe(admin.user.id)
  })
})

/** A developer holding the admin role, and one API key of it. */
async function developerKey(organizationId: string): Promise<string> {
  const id = newId()
  await app.ctx.db.insert(developers).values({ id, organizationId, name: unique('dev') })
  const [role] = await findRolesByName(app.ctx.db, organizationId, ['admin'])
  await app.ctx.db.insert(developerRoles).values({ organizationId, developerId: id, roleId: role.id })
  return (await insertApiKey(app.ctx.db, organizationId, { developerId: id }, { name: 'k', expiresAt: null }, 'dev')).key
}
