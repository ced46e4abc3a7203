import { describe, expect, it } from 'vitest'
import { canTransition, nextStatuses, ORDER_STATUSES, ownerMayMove, restoresStock } from './order-status'

describe('order state machine', () => {
  it('allows exactly the documented moves', () => {
    const allowed = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`))
    expect(allowed.sort()).toEqual(['paid->cancelled', 'paid->shipped', 'pending->cancelled', 'pending->paid', 'shipped->delivered'])
  })

  it('lists, from each status, exactly the moves canTransition allows (what the admin console offers)', () => {
    for (const from of ORDER_STATUSES) expect([...nextStatuses(from)].sort()).toEqual(ORDER_STATUSES.filter((to) => canTransition(from, to)).sort())
  })

  it('never moves to the same status, nor out of a final one', () => {
    for (const s of ORDER_STATUSES) expect(canTransition(s, s)).toBe(false)
    for (const to of ORDER_STATUSES) {
      expect(canTransition('delivered', to)).toBe(false)
      expect(canTransition('cancelled', to)).toBe(false)
    }
  })

  it('lets the owner cancel only a pending order; only cancelling restores stock', () => {
    expect(ownerMayMove('pending', 'cancelled')).toBe(true)
    expect(ownerMayMove('paid', 'cancelled')).toBe(false)
    expect(ownerMayMove('pending', 'paid')).toBe(false)
    expect(ORDER_STATUSES.filter(restoresStock)).toEqual(['cancelled'])
  })
})
