import type { ProductRow } from './products.repository'
import type { Product } from './products.schemas'

export const toProduct = (row: ProductRow): Product => ({
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
})
