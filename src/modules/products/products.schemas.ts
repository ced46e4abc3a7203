import { Type, type Static } from 'typebox'
import { allOptional, PageQuery, Timestamp, Uuid } from '../../lib/schemas'

/**
 * Money travels as a decimal string ("12.50"), never a JSON number: a float cannot
 * hold 0.10 exactly, and NUMERIC(12,2) in the database holds at most 10 integer digits.
 */
export const Money = Type.String({ pattern: '^\\d{1,10}(\\.\\d{1,2})?$', examples: ['12.50'], description: 'Decimal string with up to 2 decimal places.' })
export const Currency = Type.String({ pattern: '^[A-Z]{3}$', examples: ['EUR'], description: 'ISO 4217 code.' })
/** PostgreSQL `integer`: stock above 2^31-1 would fail in the database instead of here. */
export const Stock = Type.Integer({ minimum: 0, maximum: 2_147_483_647 })

export const Product = Type.Object({
  id: Uuid,
  sku: Type.String(),
  name: Type.String(),
  description: Type.String(),
  price: Money,
  currency: Currency,
  stock: Type.Integer(),
  is_active: Type.Boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
})
export type Product = Static<typeof Product>

/** PostgreSQL text cannot hold U+0000; refuse it here rather than fail in the database. */
const NO_NUL = '^[^\\u0000]*$'

const fields = {
  sku: Type.String({ minLength: 1, maxLength: 64, pattern: '^[^\\s\\u0000]([^\\u0000]*[^\\s\\u0000])?$', examples: ['TSHIRT-RED-M'], description: 'Unique among the live products of the organization.' }),
  name: Type.String({ minLength: 1, maxLength: 200, pattern: NO_NUL }),
  description: Type.String({ maxLength: 10_000, pattern: NO_NUL }),
  price: Money,
  currency: Currency,
  stock: Stock,
  is_active: Type.Boolean(),
}

export const CreateProduct = Type.Object({
  sku: fields.sku,
  name: fields.name,
  description: Type.Optional(fields.description),
  price: fields.price,
  currency: fields.currency,
  stock: Type.Optional(fields.stock),
  is_active: Type.Optional(fields.is_active),
}, { additionalProperties: false })
export type CreateProduct = Static<typeof CreateProduct>

export const UpdateProduct = Type.Object(allOptional(fields), { additionalProperties: false })
export type UpdateProduct = Static<typeof UpdateProduct>

export const ProductQuery = Type.Object({
  ...PageQuery,
  search: Type.Optional(Type.String({ maxLength: 200, pattern: NO_NUL, description: 'Case-insensitive match on name, sku and description.' })),
  ordering: Type.Optional(Type.String({ description: 'price, name or created_at; prefix - for descending. Default -created_at.' })),
  is_active: Type.Optional(Type.Boolean({ description: 'Inactive products are only visible to callers with manage_products.' })),
  in_stock: Type.Optional(Type.Boolean()),
})
export type ProductQuery = Static<typeof ProductQuery>
