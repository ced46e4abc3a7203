import { Type, type Static } from 'typebox'
import { PageQuery, Timestamp, Uuid } from '../../lib/schemas'
import { Currency, Money } from '../products/products.schemas'
import { ORDER_STATUSES } from './order-status'

export const OrderStatus = Type.Enum([...ORDER_STATUSES], { description: 'pending → paid → shipped → delivered; pending|paid → cancelled.' })

export const OrderItem = Type.Object({
  product: Uuid,
  name: Type.String({ description: 'Product name when the order was placed.' }),
  unit_price: Money,
  quantity: Type.Integer(),
})

export const Order = Type.Object({
  id: Uuid,
  user: Uuid,
  status: OrderStatus,
  items: Type.Array(OrderItem),
  total: Type.String({ examples: ['37.50'], description: 'Exact decimal string.' }),
  currency: Currency,
  created_at: Timestamp,
  updated_at: Timestamp,
})
export type Order = Static<typeof Order>

export const CreateOrder = Type.Object({
  items: Type.Array(Type.Object({
    product: Uuid,
    quantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  }, { additionalProperties: false }), { minItems: 1, maxItems: 100 }),
}, { additionalProperties: false })
export type CreateOrder = Static<typeof CreateOrder>

export const ChangeOrder = Type.Object({ status: OrderStatus }, { additionalProperties: false })

export const OrderQuery = Type.Object({
  ...PageQuery,
  ordering: Type.Optional(Type.String({ description: 'created_at or total; prefix - for descending. Default -created_at.' })),
  status: Type.Optional(OrderStatus),
})
export type OrderQuery = Static<typeof OrderQuery>

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'Retries with the same key and body replay the first response for 24 hours.' })),
})
