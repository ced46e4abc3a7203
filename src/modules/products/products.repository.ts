import { and, eq, gt, inArray, sql } from 'drizzle-orm'
import type { Executor } from '../../db'
import { products } from '../../db/schema'
import { softDeletable } from '../../db/soft-deletable'
import type { PageRequest } from '../../lib/pagination'

export type ProductRow = typeof products.$inferSelect
export type NewProductRow = Omit<typeof products.$inferInsert, 'id' | 'organizationId' | 'createdAt' | 'updatedAt' | 'deletedAt'>

/** What `?search=` looks in: the columns of the `products_search` index, in its order. */
export const productSearchColumns = [products.name, products.sku, products.description]

const productRows = softDeletable(products, { searchColumns: productSearchColumns })
const live = productRows.live

export const findProductById = (exec: Executor, organizationId: string, id: string, opts: { includeInactive: boolean }): Promise<ProductRow | undefined> =>
  productRows.findLive(exec, organizationId, id, opts.includeInactive ? undefined : eq(products.isActive, true))

/** Is the sku held by a live product (other than `exceptId`)? */
export const isSkuTaken = (exec: Executor, organizationId: string, sku: string, exceptId?: string): Promise<boolean> =>
  productRows.isTaken(exec, organizationId, eq(products.sku, sku), exceptId)

export interface ProductFilter { search?: string; isActive?: boolean; inStock?: boolean }

export const listProducts = (exec: Executor, organizationId: string, filter: ProductFilter, page: PageRequest): Promise<ProductRow[]> =>
  productRows.list(exec, organizationId, page, {
    search: filter.search,
    where: [
      filter.isActive === undefined ? undefined : eq(products.isActive, filter.isActive),
      filter.inStock === undefined ? undefined : filter.inStock ? gt(products.stock, 0) : eq(products.stock, 0),
    ],
  })

export const insertProduct = productRows.insert
export const updateProduct = productRows.update
export const softDeleteProduct = productRows.softDelete

/** Live, active products among `ids` (what an order may contain). No lock: stock is taken by `takeStock`. */
export async function findOrderableProducts(exec: Executor, organizationId: string, ids: string[]): Promise<ProductRow[]> {
  if (ids.length === 0) return []
  return exec.select().from(products).where(and(live(organizationId), eq(products.isActive, true), inArray(products.id, ids)))
}

/**
 * Takes `quantity` units in one conditional UPDATE: the row lock plus `stock >= quantity`
 * re-checked on the locked row is what keeps stock from ever going negative, however many
 * orders race. Returns the row as locked (its price is the one the order pays), or
 * undefined when the product is gone, inactive or short.
 */
export async function takeStock(exec: Executor, organizationId: string, id: string, quantity: number) {
  const [row] = await exec.update(products)
    .set({ stock: sql`${products.stock} - ${quantity}`, updatedAt: new Date() })
    .where(and(live(organizationId), eq(products.id, id), eq(products.isActive, true), sql`${products.stock} >= ${quantity}`))
    .returning({ id: products.id, name: products.name, price: products.price, currency: products.currency })
  return row
}

/**
 * Gives stock back (a cancelled order). Soft-deleted products get it back too, in case they
 * are restored. Capped at the column's maximum so a cancel can never fail on overflow.
 */
export async function restoreStock(exec: Executor, organizationId: string, id: string, quantity: number): Promise<void> {
  await exec.update(products).set({ stock: sql`least(${products.stock}::bigint + ${quantity}, 2147483647)::integer`, updatedAt: new Date() })
    .where(and(eq(products.organizationId, organizationId), eq(products.id, id)))
}
