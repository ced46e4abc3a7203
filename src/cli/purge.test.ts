import { eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createOrg, makeApp, registerUser } from '../../test/support/helpers'
import { purge } from './purge'
import { auditEvents, developers, oauthArtifacts, oauthClients, orderItems, orders, organizations, permissions, products, roles, users } from '../db/schema'
import { insertClient } from '../../test/support/oidc-flow'
import { newId } from '../lib/ids'

const app = await makeApp()
const DAY = 86_400_000
const longAgo = new Date(Date.now() - 40 * DAY)

describe('purge --older-than', () => {
  it('hard-deletes rows soft-deleted past retention, keeps recent and still-referenced ones', async () => {
    const org = await createOrg(app)
    const oldUser = (await registerUser(app, org)).user
    const buyer = (await registerUser(app, org)).user
    const recentUser = (await registerUser(app, org)).user
    const productId = newId()
    const orderId = newId()
    await app.ctx.db.insert(products).values({ id: productId, organizationId: org.id, sku: `sku-${productId}`, name: 'Mug', price: '9.50', currency: 'EUR', stock: 1, deletedAt: longAgo })
    await app.ctx.db.insert(orders).values({ id: orderId, organizationId: org.id, userId: buyer.id, total: '9.50', currency: 'EUR' })
    await app.ctx.db.insert(orderItems).values({ id: newId(), organizationId: org.id, orderId, productId, name: 'Mug', unitPrice: '9.50', quantity: 1 })
    const developerId = newId()
    await app.ctx.db.insert(developers).values({ id: developerId, organizationId: org.id, name: `dev-${developerId}`, deletedAt: longAgo })
    const roleId = newId()
    await app.ctx.db.insert(roles).values({ id: roleId, organizationId: org.id, name: `old-role-${roleId}`, deletedAt: longAgo })
    const permId = newId()
    await app.ctx.db.insert(permissions).values({ id: permId, organizationId: org.id, name: 'Old', codename: `old_${permId.slice(-6)}`, deletedAt: longAgo })
    await app.ctx.db.update(users).set({ deletedAt: longAgo }).where(inArray(users.id, [oldUser.id, buyer.id]))
    await app.ctx.db.update(users).set({ deletedAt: new Date(Date.now() - DAY) }).where(eq(users.id, recentUser.id))

    const gone = await createOrg(app)
    const goneUser = (await registerUser(app, gone)).user
    await app.ctx.db.update(organizations).set({ deletedAt: longAgo }).where(eq(organizations.id, gone.id))

    const { deleted, kept } = await purge(app.ctx.db, 30 * 86400)
    expect(deleted.users).toBeGreaterThanOrEqual(1)
    expect(deleted.organizations).toBeGreaterThanOrEqual(1)
    expect(kept.users).toBeGreaterThanOrEqual(1)
    const ids = async (table: typeof users | typeof products | typeof developers | typeof roles | typeof permissions, list: string[]) =>
      (await app.ctx.db.select({ id: table.id }).from(table).where(inArray(table.id, list))).map((r) => r.id).sort()
    expect(await ids(users, [oldUser.id, buyer.id, recentUser.id, goneUser.id])).toEqual([buyer.id, recentUser.id].sort())
    expect(await ids(products, [productId])).toEqual([productId]) // an order still points at it
    expect(await ids(developers, [developerId])).toEqual([])
    expect(await ids(roles, [roleId])).toEqual([])
    expect(await ids(permissions, [permId])).toEqual([])
    expect(await app.ctx.db.select().from(organizations).where(eq(organizations.id, gone.id))).toHaveLength(0)
    expect(await app.ctx.db.select().from(auditEvents).where(eq(auditEvents.organizationId, gone.id))).toHaveLength(0)
    expect(await app.ctx.db.select().from(organizations).where(eq(organizations.id, org.id))).toHaveLength(1)

    // Once the order is gone past retention too, the next purge takes the product and the buyer.
    await app.ctx.db.update(orders).set({ deletedAt: longAgo }).where(eq(orders.id, orderId))
    await purge(app.ctx.db, 30 * 86400)
    expect(await ids(products, [productId])).toEqual([])
    expect(await ids(users, [buyer.id])).toEqual([])
  })

  it('takes the OpenID artifacts expired past retention, soft-deleted OAuth clients, and an organization with its clients and sign-ins', async () => {
    const org = await createOrg(app)
    const fresh = await insertClient(app.ctx.db, org.id)
    const old = await insertClient(app.ctx.db, org.id)
    await app.ctx.db.update(oauthClients).set({ deletedAt: longAgo }).where(eq(oauthClients.clientId, old.clientId))
    const artifact = (idHash: string, expiresAt: Date) => ({ kind: 'AccessToken', idHash, organizationId: org.id, payload: {}, clientId: fresh.clientId, expiresAt })
    await app.ctx.db.insert(oauthArtifacts).values([artifact(`old-${newId()}`, longAgo), artifact(`live-${newId()}`, new Date(Date.now() + DAY))])
    const gone = await createOrg(app)
    await insertClient(app.ctx.db, gone.id)
    await app.ctx.db.insert(oauthArtifacts).values({ ...artifact(`gone-${newId()}`, new Date(Date.now() + DAY)), organizationId: gone.id })
    await app.ctx.db.update(organizations).set({ deletedAt: longAgo }).where(eq(organizations.id, gone.id))

    const { deleted } = await purge(app.ctx.db, 30 * 86400)
    expect(deleted.oauth_artifacts).toBeGreaterThanOrEqual(1)
    const clientIds = (await app.ctx.db.select({ c: oauthClients.clientId }).from(oauthClients).where(eq(oauthClients.organizationId, org.id))).map((r) => r.c)
    expect(clientIds).toEqual([fresh.clientId])
    const left = await app.ctx.db.select({ h: oauthArtifacts.idHash }).from(oauthArtifacts).where(inArray(oauthArtifacts.organizationId, [org.id, gone.id]))
    expect(left.map((r) => r.h.split('-')[0])).toEqual(['live'])
    expect(await app.ctx.db.select().from(organizations).where(eq(organizations.id, gone.id))).toHaveLength(0)
  })
})
