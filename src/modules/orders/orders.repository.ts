import { and, asc, eq, inArray, isNull, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db'
import { orderItems, orders } from '../../db/schema'
import { withKeyset, type PageRequest } from '../../lib/pagination'
import type { OrderStatus } from './order-status'
import type { Order } from './orders.schemas'

export type OrderRow = typeof orders.$inferSelect
export type OrderItemRow = typeof orderItems.$inferSelect
export interface NewOrder { id: string; userId: string; total: string; currency: string; at: Date }
export interface NewOrderItem { id: string; productId: string; name: string; unitPrice: string; quantity: number }

/** `userId` confines the lookup to one customer's own orders. */
const visible = (organizationId: string, userId?: string) =>
  and(eq(orders.organizationId, organizationId), isNull(orders.deletedAt), userId ? eq(orders.userId, userId) : undefined)

export async function findOrderById(exec: Executor, organizationId: string, id: string, userId?: string): Promise<OrderRow | undefined> {
  const [row] = await exec.select().from(orders).where(and(visible(organizationId, userId), eq(orders.id, id))).limit(1)
  return row
}

export async function listOrders(exec: Executor, organizationId: string, filter: { userId?: string; status?: OrderStatus }, page: PageRequest): Promise<OrderRow[]> {
  const conditions: (SQL | undefined)[] = [visible(organizationId, filter.userId)]
  if (filter.status) conditions.push(eq(orders.status, filter.status))
  const q = withKeyset(page, orders.id, ...conditions)
  return exec.select().from(orders).where(q.where).orderBy(...q.orderBy).limit(q.limit)
}

/** Items of several orders in one query, in the order they were placed (item ids are UUIDv7). */
export async function findItemsOf(exec: Executor, organizationId: string, orderIds: string[]): Promise<Map<string, OrderItemRow[]>> {
  const map = new Map<string, OrderItemRow[]>(orderIds.map((id) => [id, []]))
  if (orderIds.length === 0) return map
  const rows = await exec.select().from(orderItems)
    .where(and(eq(orderItems.organizationId, organizationId), inArray(orderItems.orderId, orderIds))).orderBy(asc(orderItems.id))
  for (const r of rows) map.get(r.orderId)?.push(r)
  return map
}

export async function insertOrderWithItems(exec: Executor, organizationId: string, order: NewOrder, items: NewOrderItem[]): Promise<void> {
  await exec.insert(orders).values({
    id: order.id, organizationId, userId: order.userId, status: 'pending', total: order.total, currency: order.currency, createdAt: order.at, updatedAt: order.at,
  })
  await exec.insert(orderItems).values(items.map((i) => ({ ...i, organizationId, orderId: order.id })))
}

/** Rewrites the snapshot when a price changed between reading the products and locking them (rare). */
export async function repriceOrder(exec: Executor, organizationId: string, orderId: string, total: string, currency: string, items: NewOrderItem[]): Promise<void> {
  await exec.update(orders).set({ total, currency }).where(and(eq(orders.organizationId, organizationId), eq(orders.id, orderId)))
  for (const i of items) {
    await exec.update(orderItems).set({ name: i.name, unitPrice: i.unitPrice }).where(and(eq(orderItems.organizationId, organizationId), eq(orderItems.id, i.id)))
  }
}

/**
 * Compare-and-set on the status: of two racing changes from the same status only one
 * matches `status = from`; the other sees the committed new status and gets nothing.
 */
export async function transitionOrder(exec: Executor, organizationId: string, id: string, from: OrderStatus, to: OrderStatus): Promise<OrderRow | undefined> {
  const [row] = await exec.update(orders).set({ status: to, updatedAt: new Date() })
    .where(and(visible(organizationId), eq(orders.id, id), eq(orders.status, from))).returning()
  return row
}

export async function softDeleteOrder(exec: Executor, organizationId: string, id: string): Promise<boolean> {
  const rows = await exec.update(orders).set({ deletedAt: new Date(), updatedAt: new Date() })
    .where(and(visible(organizationId), eq(orders.id, id))).returning({ id: orders.id })
  return rows.length > 0
}

export function toOrder(row: OrderRow, items: OrderItemRow[]): Order {
  return {
    id: row.id,
    user: row.userId,
    status: row.status as OrderStatus,
    items: items.map((i) => ({ product: i.productId, name: i.name, unit_price: i.unitPrice, quantity: i.quantity })),
    total: row.total,
    currency: row.currency,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  }
}
