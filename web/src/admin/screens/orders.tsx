import type { Screen } from '../screen'
import { OrderList } from '../orders/order-list'

const orders: Screen = { path: 'orders', title: 'Orders', order: 45, visible: (c) => c.can('view_orders', 'manage_orders'), View: OrderList }
export default orders
