import type { AppContext } from '../../context'
import type { Executor } from '../../db'
import { orders } from '../../db/schema'
import { conflict, fieldError, notFound, permissionDenied, ValidationError } from '../../lib/errors'
import { newId } from '../../lib/ids'
import { pageRequest, type PageRequest } from '../../lib/pagination'
import { sha256 } from '../../lib/secrets'
import { write } from '../../write'
import type { Actor } from '../audit/audit.repository'
import { findOrderableProducts, restoreStock, takeStock } from '../products/products.repository'
import { claimKey, findLiveKey, setKeyResponse, type IdempotencyRow } from './idempotency.repository'
import { fitsTotal, orderTotal } from './money'
import { canTransition, ownerMayMove, restoresStock, type OrderStatus } from './order-status'
import {
  findItemsOf, findOrderById, insertOrderWithItems, listOrders, repriceOrder, softDeleteOrder, toOrder, transitionOrder,
  type NewOrderItem,
} from './orders.repository'
import type { CreateOrder, Order, OrderQuery } from './orders.schemas'

/** What the caller may see: every order of the organization, or only their own. */
export interface OrderAccess { userId: string; viewAll: boolean; manage: boolean }

export interface Placed { status: number; body: Order; replayed: boolean }

type Line = { product: string; quantity: number; index: number }
interface Draft { orderId: string; at: Date; lines: Line[]; items: NewOrderItem[]; currencies: Map<string, string>; body: Order }

/**
 * Places an order in one transaction: write the order and its items, then take stock
 * product by product in sorted id order (so two orders over the same products always lock
 * them in the same order and cannot deadlock). The hot product row is locked last, so it
 * is held only for its UPDATE and the COMMIT.
 *
 * With an Idempotency-Key the key row is claimed first, and everything (validation, the
 * stock check) is decided after that, inside the same transaction: a duplicate waiting on
 * the key then replays the winner's answer instead of reaching a different one of its own
 * (say, "out of stock" because the winner took the last unit). A 4xx rolls the claim back.
 */
export async function placeOrder(ctx: AppContext, organizationId: string, userId: string, input: CreateOrder, idempotencyKey: string | undefined, actor: Actor): Promise<Placed> {
  const requestHash = sha256(JSON.stringify(input.items.map((i) => [i.product.toLowerCase(), i.quantity])))
  if (idempotencyKey) {
    const prior = await findLiveKey(ctx.db, organizationId, userId, idempotencyKey)
    if (prior) return replay(prior, requestHash)
  }
  const lines = mergeLines(input.items)
  // Without a key, a doomed request (unknown product, sold out) is answered before any transaction opens.
  const early = idempotencyKey ? undefined : await draftOrder(ctx.db, organizationId, userId, lines)

  const body = await write(ctx, async (tx, w) => {
    if (idempotencyKey && !(await claimKey(tx, organizationId, userId, idempotencyKey, requestHash))) return undefined
    const draft = early ?? (await draftOrder(tx, organizationId, userId, lines))
    const { orderId, at, items } = draft
    await insertOrderWithItems(tx, organizationId, { id: orderId, userId, total: draft.body.total, currency: draft.body.currency, at }, items)
    let repriced = false
    for (const item of [...items].sort((a, b) => (a.productId < b.productId ? -1 : 1))) {
      const locked = await takeStock(tx, organizationId, item.productId, item.quantity)
      if (!locked) {
        const still = await findOrderableProducts(tx, organizationId, [item.productId])
        if (still.length === 0) throw fieldError(`items.${lines[items.indexOf(item)].index}.product`, doesNotExist(item.productId))
        throw conflict(`Not enough stock for product "${still[0].name}".`)
      }
      if (locked.price !== item.unitPrice || locked.name !== item.name || locked.currency !== draft.currencies.get(item.productId)) {
        // The product changed between our read and the lock: the order pays what the locked row says.
        Object.assign(item, { unitPrice: locked.price, name: locked.name })
        draft.currencies.set(item.productId, locked.currency)
        repriced = true
      }
    }
    let result = draft.body
    if (repriced) {
      result = buildBody(orderId, userId, at, items, [...draft.currencies.values()])
      await repriceOrder(tx, organizationId, orderId, result.total, result.currency, items)
    }
    // After any repricing: the event records what the order pays.
    w.audit(actor, { organizationId, action: 'order.created', targetType: 'order', targetId: orderId, metadata: { total: result.total, currency: result.currency } })
    if (idempotencyKey) await setKeyResponse(tx, organizationId, userId, idempotencyKey, 201, result)
    return result
  })
  if (body) return { status: 201, body, replayed: false }
  // Another request with this key committed first: answer as it did.
  const prior = await findLiveKey(ctx.db, organizationId, userId, idempotencyKey!)
  if (!prior) throw conflict('A request with this Idempotency-Key is being processed; retry.')
  return replay(prior, requestHash)
}

/** Reads the products (no lock), validates the lines and prices the order as of this read. */
async function draftOrder(exec: Executor, organizationId: string, userId: string, lines: Line[]): Promise<Draft> {
  const products = new Map((await findOrderableProducts(exec, organizationId, lines.map((l) => l.product))).map((p) => [p.id, p]))
  const missing = lines.filter((l) => !products.has(l.product))
  if (missing.length) throw new ValidationError(Object.fromEntries(missing.map((l) => [`items.${l.index}.product`, [doesNotExist(l.product)]])))
  const short = lines.find((l) => products.get(l.product)!.stock < l.quantity)
  if (short) throw conflict(`Not enough stock for product "${products.get(short.product)!.name}".`)
  const orderId = newId()
  const at = new Date()
  const items: NewOrderItem[] = lines.map((l) => {
    const p = products.get(l.product)!
    return { id: newId(), productId: p.id, name: p.name, unitPrice: p.price, quantity: l.quantity }
  })
  const currencies = new Map([...products.values()].map((p) => [p.id, p.currency]))
  return { orderId, at, lines, items, currencies, body: buildBody(orderId, userId, at, items, [...currencies.values()]) }
}

function replay(prior: IdempotencyRow, requestHash: string): Placed {
  if (prior.requestHash !== requestHash) throw conflict('This Idempotency-Key was already used with a different request body.')
  // Claims and responses commit together, so a committed key always has its response.
  if (prior.responseStatus === null) throw conflict('A request with this Idempotency-Key is being processed; retry.')
  return { status: prior.responseStatus, body: prior.responseBody as Order, replayed: true }
}

const doesNotExist = (id: string) => `Invalid pk "${id}" - object does not exist.`

/** One line per product (duplicates summed), remembering where each first appeared. */
function mergeLines(items: CreateOrder['items']): Line[] {
  const byProduct = new Map<string, Line>()
  items.forEach((item, index) => {
    const product = item.product.toLowerCase()
    const line = byProduct.get(product)
    if (line) line.quantity += item.quantity
    else byProduct.set(product, { product, quantity: item.quantity, index })
  })
  return [...byProduct.values()]
}

function buildBody(id: string, userId: string, at: Date, items: NewOrderItem[], currencies: string[]): Order {
  if (new Set(currencies).size > 1) throw fieldError('items', 'All items of an order must have the same currency.')
  const total = orderTotal(items)
  if (!fitsTotal(total)) throw fieldError('items', 'Ensure the order total has no more than 12 digits before the decimal point.')
  return {
    id, user: userId, status: 'pending', total, currency: currencies[0],
    items: items.map((i) => ({ product: i.productId, name: i.name, unit_price: i.unitPrice, quantity: i.quantity })),
    created_at: at.toISOString(), updated_at: at.toISOString(),
  }
}

const orderings = { created_at: orders.id, total: orders.total }

export function orderPage(query: OrderQuery): PageRequest {
  const page = pageRequest(query, orderings, '-created_at')
  // The cursor value is compared with a NUMERIC column: a forged one must be a 400, not a cast error.
  if (page.after && page.field === 'total' && !(typeof page.after.v === 'string' && /^\d{1,12}(\.\d{1,2})?$/.test(page.after.v))) {
    throw fieldError('cursor', 'Invalid cursor')
  }
  return page
}

export async function listOrdersFor(ctx: AppContext, organizationId: string, access: OrderAccess, query: OrderQuery, page: PageRequest): Promise<Order[]> {
  const rows = await listOrders(ctx.db, organizationId, { userId: access.viewAll ? undefined : access.userId, status: query.status }, page)
  const items = await findItemsOf(ctx.db, organizationId, rows.map((r) => r.id))
  return rows.map((r) => toOrder(r, items.get(r.id) ?? []))
}

export async function getOrder(ctx: AppContext, organizationId: string, access: OrderAccess, id: string): Promise<Order> {
  const row = await findOrderById(ctx.db, organizationId, id, access.viewAll ? undefined : access.userId)
  if (!row) throw notFound()
  const items = await findItemsOf(ctx.db, organizationId, [id])
  return toOrder(row, items.get(id) ?? [])
}

/**
 * Moves an order along the state machine with a compare-and-set on its status, so of two
 * racing cancels exactly one wins and stock comes back exactly once.
 */
export async function changeOrderStatus(ctx: AppContext, organizationId: string, access: OrderAccess, id: string, to: OrderStatus, actor: Actor): Promise<Order> {
  const current = await findOrderById(ctx.db, organizationId, id, access.viewAll ? undefined : access.userId)
  if (!current) throw notFound()
  const from = current.status as OrderStatus
  if (!canTransition(from, to)) throw conflict(`Cannot change an order from "${from}" to "${to}".`)
  if (!access.manage && !(current.userId === access.userId && ownerMayMove(from, to))) throw permissionDenied()

  const row = await write(ctx, async (tx, w) => {
    const row = await transitionOrder(tx, organizationId, id, from, to)
    if (!row) return undefined
    if (restoresStock(to)) {
      const items = (await findItemsOf(tx, organizationId, [id])).get(id) ?? []
      // Sorted, like placement, so a cancel and a new order never lock products in opposite orders.
      for (const item of [...items].sort((a, b) => (a.productId < b.productId ? -1 : 1))) await restoreStock(tx, organizationId, item.productId, item.quantity)
    }
    w.audit(actor, { organizationId, action: 'order.status_changed', targetType: 'order', targetId: id, metadata: { from, to } })
    return row
  })
  if (!row) {
    const now = await findOrderById(ctx.db, organizationId, id)
    if (!now) throw notFound()
    throw conflict(`Cannot change an order from "${now.status}" to "${to}".`)
  }
  const items = await findItemsOf(ctx.db, organizationId, [id])
  return toOrder(row, items.get(id) ?? [])
}

/** Soft delete. It does not give stock back: cancel first for that. */
export async function deleteOrder(ctx: AppContext, organizationId: string, id: string, actor: Actor): Promise<void> {
  const deleted = await write(ctx, async (tx, w) => {
    if (!(await softDeleteOrder(tx, organizationId, id))) return false
    w.audit(actor, { organizationId, action: 'order.deleted', targetType: 'order', targetId: id })
    return true
  })
  if (!deleted) throw notFound()
}
