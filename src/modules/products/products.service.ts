import type { AppContext } from '../../context'
import { products } from '../../db/schema'
import { fieldError, isUniqueViolation, notFound } from '../../lib/errors'
import { pageRequest, type PageRequest } from '../../lib/pagination'
import { insertAuditEvent, type Actor } from '../audit/audit.repository'
import {
  findProductById, insertProduct, isSkuTaken, listProducts, softDeleteProduct, toProduct, updateProduct,
  type NewProductRow, type ProductRow,
} from './products.repository'
import type { CreateProduct, Product, ProductQuery, UpdateProduct } from './products.schemas'

const skuTaken = () => fieldError('sku', 'product with this sku already exists.')

/** Lost the race for the sku after the pre-check: the partial unique index says so. */
function rethrowSkuTaken(err: unknown): never {
  if (isUniqueViolation(err)) throw skuTaken()
  throw err
}

const orderings = { created_at: products.id, price: products.price, name: products.name }

/**
 * The cursor's value is compared with a NUMERIC or text column in SQL; a forged cursor
 * holding something else must be a 400, not a cast error (500).
 */
export function productPage(query: ProductQuery): PageRequest {
  const page = pageRequest(query, orderings, '-created_at')
  const v = page.after?.v
  if (page.after && page.field !== 'created_at') {
    const ok = typeof v === 'string' && v.length <= 1000 && !v.includes('\u0000') && (page.field !== 'price' || /^\d{1,10}(\.\d{1,2})?$/.test(v))
    if (!ok) throw fieldError('cursor', 'Invalid cursor')
  }
  return page
}

/** Public catalogue: only active products, unless the caller manages products. */
export async function listCatalogue(ctx: AppContext, organizationId: string, query: ProductQuery, canManage: boolean, page: PageRequest) {
  if (!canManage && query.is_active === false) return []
  const isActive = canManage ? query.is_active : true
  const rows = await listProducts(ctx.db, organizationId, { search: query.search?.trim() || undefined, isActive, inStock: query.in_stock }, page)
  return rows.map(toProduct)
}

export async function getProduct(ctx: AppContext, organizationId: string, id: string, canManage: boolean): Promise<Product> {
  const row = await findProductById(ctx.db, organizationId, id, { includeInactive: canManage })
  if (!row) throw notFound()
  return toProduct(row)
}

const toRow = (input: UpdateProduct): Partial<NewProductRow> => ({
  ...(input.sku !== undefined && { sku: input.sku }),
  ...(input.name !== undefined && { name: input.name }),
  ...(input.description !== undefined && { description: input.description }),
  ...(input.price !== undefined && { price: input.price }),
  ...(input.currency !== undefined && { currency: input.currency }),
  ...(input.stock !== undefined && { stock: input.stock }),
  ...(input.is_active !== undefined && { isActive: input.is_active }),
})

export async function createProduct(ctx: AppContext, organizationId: string, input: CreateProduct, actor: Actor): Promise<Product> {
  if (await isSkuTaken(ctx.db, organizationId, input.sku)) throw skuTaken()
  const row = await ctx.db.transaction(async (tx) => {
    const row = await insertProduct(tx, organizationId, { description: '', stock: 0, isActive: true, ...toRow(input) } as NewProductRow)
    await insertAuditEvent(tx, actor, { organizationId, action: 'product.created', targetType: 'product', targetId: row.id, metadata: { sku: row.sku } })
    return row
  }).catch(rethrowSkuTaken)
  return toProduct(row)
}

export async function changeProduct(ctx: AppContext, organizationId: string, id: string, input: UpdateProduct, actor: Actor): Promise<Product> {
  if (input.sku !== undefined && (await isSkuTaken(ctx.db, organizationId, input.sku, id))) {
    // A missing product is a 404 before it is a sku clash.
    if (!(await findProductById(ctx.db, organizationId, id, { includeInactive: true }))) throw notFound()
    throw skuTaken()
  }
  const row: ProductRow | undefined = await ctx.db.transaction(async (tx) => {
    const row = await updateProduct(tx, organizationId, id, toRow(input))
    if (!row) return undefined
    await insertAuditEvent(tx, actor, { organizationId, action: 'product.updated', targetType: 'product', targetId: id, metadata: { fields: Object.keys(input) } })
    return row
  }).catch(rethrowSkuTaken)
  if (!row) throw notFound()
  return toProduct(row)
}

export async function deleteProduct(ctx: AppContext, organizationId: string, id: string, actor: Actor): Promise<void> {
  const deleted = await ctx.db.transaction(async (tx) => {
    if (!(await softDeleteProduct(tx, organizationId, id))) return false
    await insertAuditEvent(tx, actor, { organizationId, action: 'product.deleted', targetType: 'product', targetId: id })
    return true
  })
  if (!deleted) throw notFound()
}
