/**
 * The order state machine. Everything else about status changes (who may, stock coming
 * back on cancel, the race between two changes) lives in the service; this is only
 * which moves exist.
 */
export const ORDER_STATUSES = ['pending', 'paid', 'shipped', 'delivered', 'cancelled'] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]

const transitions: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['paid', 'cancelled'],
  paid: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
}

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean => transitions[from].includes(to)

/** The moves that exist from `from` (the admin console offers exactly these). */
export const nextStatuses = (from: OrderStatus): readonly OrderStatus[] => transitions[from]

/** Cancelling hands the order's stock back to the products. */
export const restoresStock = (to: OrderStatus): boolean => to === 'cancelled'

/** The owner of an order may only cancel it, and only while nobody has been paid. */
export const ownerMayMove = (from: OrderStatus, to: OrderStatus): boolean => from === 'pending' && to === 'cancelled'
