import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createOrg, makeApp } from '../../test/support/helpers'
import { pageRequest } from '../lib/pagination'
import { products } from './schema'
import { softDeletable } from './soft-deletable'

const app = await makeApp()
const rows = softDeletable(products, { searchColumns: [products.name, products.sku] })
const page = () => pageRequest({}, { created_at: products.id }, 'created_at')
const product = (sku: string, name = sku) => ({ sku, name, price: '1.00', currency: 'EUR' })

describe('softDeletable', () => {
  it('finds, lists, soft-deletes and restores only within the organization', async () => {
    const a = await createOrg(app)
    const b = await createOrg(app)
    const kept = await rows.insert(app.ctx.db, a.id, product('KEPT', '100%_off'))
    const gone = await rows.insert(app.ctx.db, a.id, product('GONE'))
    const foreign = await rows.insert(app.ctx.db, b.id, product('KEPT'))

    expect(await rows.findLive(app.ctx.db, b.id, kept.id)).toBeUndefined()
    expect(await rows.softDelete(app.ctx.db, b.id, gone.id)).toBe(false)
    expect(await rows.softDelete(app.ctx.db, a.id, gone.id)).toBe(true)
    expect(await rows.softDelete(app.ctx.db, a.id, gone.id)).toBe(false)
    expect(await rows.findLive(app.ctx.db, a.id, gone.id)).toBeUndefined()
    expect((await rows.findDeleted(app.ctx.db, a.id, gone.id))?.sku).toBe('GONE')

    expect((await rows.list(app.ctx.db, a.id, page())).map((r) => r.id)).toEqual([kept.id])
    expect((await rows.list(app.ctx.db, a.id, page(), { deleted: true })).map((r) => r.id)).toEqual([gone.id])
    // `%` and `_` typed in a search match themselves.
    expect((await rows.list(app.ctx.db, a.id, page(), { search: '0%_' })).map((r) => r.id)).toEqual([kept.id])
    expect(await rows.list(app.ctx.db, a.id, page(), { search: '0%x' })).toEqual([])

    expect(await rows.isTaken(app.ctx.db, a.id, eq(products.sku, 'KEPT'))).toBe(true)
    expect(await rows.isTaken(app.ctx.db, a.id, eq(products.sku, 'KEPT'), kept.id)).toBe(false)
    expect(await rows.isTaken(app.ctx.db, a.id, eq(products.sku, 'GONE'))).toBe(false)

    expect(await rows.restore(app.ctx.db, b.id, gone.id)).toBeUndefined()
    expect((await rows.restore(app.ctx.db, a.id, gone.id))?.deletedAt).toBeNull()
    expect(await rows.restore(app.ctx.db, a.id, gone.id)).toBeUndefined()
    expect((await rows.findLive(app.ctx.db, b.id, foreign.id))?.organizationId).toBe(b.id)
  })

  it('a `where` narrows lookups and writes', async () => {
    const org = await createOrg(app)
    const row = await rows.insert(app.ctx.db, org.id, { ...product('INACTIVE'), isActive: false })
    const active = eq(products.isActive, true)
    expect(await rows.findLive(app.ctx.db, org.id, row.id, active)).toBeUndefined()
    expect(await rows.update(app.ctx.db, org.id, row.id, { name: 'x' }, active)).toBeUndefined()
    expect(await rows.softDelete(app.ctx.db, org.id, row.id, active)).toBe(false)
    const changed = await rows.update(app.ctx.db, org.id, row.id, { name: 'renamed' })
    expect(changed?.name).toBe('renamed')
    expect(changed!.updatedAt.getTime()).toBeGreaterThanOrEqual(row.updatedAt.getTime())
  })
})
