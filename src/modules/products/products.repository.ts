import { and, eq, getTableColumns, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db'
import { products } from '../../db/schema'
import { newId } from '../../lib/ids'
import { withKeyset, type PageRequest } from '../../lib/pagination'
import { containsAny, readSearchedPage, stepSource } from '../../lib/search'
import type { Product } from './products.schemas'

export type ProductRow = typeof products.$inferSelect
export type NewProductRow = Omit<typeof products.$inferInsert, 'id' | 'organizationId' | 'createdAt' | 'updatedAt' | 'deletedAt'>

const live = (organizationId: string) => and(eq(products.organizationId, organizationId), isNull(products.deletedAt))

export async function findProductById(exec: Executor, organizationId: string, id: string, opts: { includeInactive: boolean }): Promise<ProductRow | undefined> {
  const [row] = await exec.select().from(products)
    .where(and(live(organizationId), eq(products.id, id), opts.includeInactive ? undefined : eq(products.isActive, true))).limit(1)
  return row
}

/** Is the sku held by a live product (other than `exceptId`)? */
export async function isSkuTaken(exec: Executor, organizationId: string, sku: string, exceptId?: string): Promise<boolean> {
  const [row] = await exec.select({ id: products.id }).from(products)
    .where(and(live(organizationId), eq(products.sku, sku), exceptId ? sql`${products.id} <> ${exceptId}` : undefined)).limit(1)
  return !!row
}

/** What `?search=` looks in: the columns of the `products_search` index, in its order. */
export const productSearchColumns = [products.name, products.sku, products.description]

export interface ProductFilter { search?: string; isActive?: boolean; inStock?: boolean }

export async function listProducts(exec: Executor, organizationId: string, filter: ProductFilter, page: PageRequest): Promise<ProductRow[]> {
  const conditions: (SQL | undefined)[] = [live(organizationId)]
  if (filter.isActive !== undefined) conditions.push(eq(products.isActive, filter.isActive))
  if (filter.inStock !== undefined) conditions.push(filter.inStock ? gt(products.stock, 0) : eq(products.stock, 0))
  const search = filter.search ? containsAny(productSearchColumns, filter.search) : undefined
  const q = withKeyset(page, products.id, ...conditions)
  return readSearchedPage(page, search, (step) => {
    const source = stepSource(exec, products, step, q, search)
    return exec.select(getTableColumns(products)).from(source.from).where(source.where).orderBy(...q.orderBy).limit(q.limit)
  })
}

export async function insertProduct(exec: Executor, organizationId: string, input: NewProductRow): Promise<ProductRow> {
  const [row] = await exec.insert(products).values({ ...input, id: newId(), organizationId }).returning()
  return row
}

export async function updateProduct(exec: Executor, organizationId: string, id: string, changes: Partial<NewProductRow>): Promise<ProductRow | undefined> {
  const [row] = await exec.update(products).set({ ...changes, updatedAt: new Date() })
    .where(and(live(organizationId), eq(products.id, id))).returning()
  return row
}

export async function softDeleteProduct(exec: Executor, organizationId: string, id: string): Promise<boolean> {
  const rows = await exec.update(products).set({ deletedAt: new Date(), updatedAt: new Date() })
    .where(and(live(organizationId), eq(products.id, id))).returning({ id: products.id })
  return rows.length > 0
}

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

export function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    description: row.description,
    price: row.price,
    currency: row.currency,
    stock: row.stock,
    is_active: row.isActive,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  }
}
