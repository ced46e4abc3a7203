import type { Schemas } from '@commercecore/client'
import { useState } from 'preact/hooks'
import { nextStatuses } from '../../../../src/modules/orders/order-status'
import { Notice } from '../../layout'
import { api } from '../../session'
import { useCapabilities } from '../capabilities'
import { shortId, when } from '../controls'
import { useUsernames } from '../people'
import { attempt, Pager, ProblemNotice, ReadOnlyNote, ScreenHeader, useLoad } from '../ui'

type Order = Schemas['Order']
type OrderStatus = Schemas['OrderStatus']
const STATUSES: OrderStatus[] = ['pending', 'paid', 'shipped', 'delivered', 'cancelled']
const PAGE_SIZE = 25
const MOVE_LABEL: Record<OrderStatus, string> = { pending: 'Back to pending', paid: 'Mark paid', shipped: 'Mark shipped', delivered: 'Mark delivered', cancelled: 'Cancel order' }

/** Every order of the organization (view_orders), by status; manage_orders moves one along the API's own state machine. */
export function OrderList() {
  const { can } = useCapabilities()
  const [status, setStatus] = useState<OrderStatus | ''>('')
  const [cursor, setCursor] = useState<string | undefined>()
  const list = useLoad(() => attempt(() => api.GET('/api/v1/orders/', { params: { query: { status: status || undefined, cursor, limit: PAGE_SIZE } } })), [status, cursor])
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const orders = list.data?.results ?? []
  const names = useUsernames(orders.map((o) => o.user), can('view_users'))
  const manage = can('manage_orders')

  async function move(order: Order, to: OrderStatus) {
    const o = await attempt(() => api.PATCH('/api/v1/orders/{id}/', { params: { path: { id: order.id } }, body: { status: to } }))
    setMessage(o.problem ? { kind: 'error', text: o.problem.message } : { kind: 'success', text: `Order ${shortId(order.id)} is now ${to}${to === 'cancelled' ? ': its stock is back on the shelf' : ''}.` })
    list.reload()
  }

  return (
    <section>
      <ScreenHeader title="Orders" />
      {!manage && <ReadOnlyNote permission="manage_orders" />}
      <div class="toolbar">
        <div class="field">
          <label for="order-status">Status</label>
          <select id="order-status" value={status} onChange={(e) => { setCursor(undefined); setStatus((e.currentTarget as HTMLSelectElement).value as OrderStatus | '') }}>
            <option value="">Any</option>
            {STATUSES.map((s) => <option value={s}>{s}</option>)}
          </select>
        </div>
      </div>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <ProblemNotice problem={list.problem} />
      {list.data && (
        <table>
          <caption class="visually-hidden">Orders, newest first</caption>
          <thead><tr><th scope="col">Order</th><th scope="col">Customer</th><th scope="col">Items</th><th scope="col" class="num">Total</th><th scope="col">Status</th><th scope="col">{manage ? 'Move to' : <span class="visually-hidden">Actions</span>}</th></tr></thead>
          <tbody>
            {orders.map((o) => <OrderRow order={o} customer={names.get(o.user)} manage={manage} onMove={move} />)}
          </tbody>
        </table>
      )}
      {list.data && !orders.length && <p>No {status ? `${status} ` : ''}orders.</p>}
      <Pager previous={list.data?.previous} next={list.data?.next} onPage={setCursor} />
    </section>
  )
}

function OrderRow({ order: o, customer, manage, onMove }: { order: Order; customer: string | undefined; manage: boolean; onMove: (order: Order, to: OrderStatus) => void }) {
  return (
    <tr data-testid={`order-${o.id}`}>
      <td><code title={o.id}>{shortId(o.id)}</code><br /><span class="perms">{when(o.created_at)}</span></td>
      <td>{customer || <code>{shortId(o.user)}</code>}</td>
      <td>{o.items.map((i) => <div>{i.quantity} × {i.name} <span class="perms">@ {i.unit_price}</span></div>)}</td>
      <td class="num">{o.total} {o.currency}</td>
      <td><span class={`badge${o.status === 'cancelled' ? ' off' : o.status === 'delivered' ? ' ok' : ''}`} data-testid="order-status">{o.status}</span></td>
      <td>{manage && (
        <div class="status-moves">
          {nextStatuses(o.status).map((to) => (
            <button type="button" class={to === 'cancelled' ? 'danger' : 'secondary'} onClick={() => onMove(o, to)} aria-label={`${MOVE_LABEL[to]}: order ${shortId(o.id)}`}>{MOVE_LABEL[to]}</button>
          ))}
        </div>
      )}</td>
    </tr>
  )
}
