import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { permissionDenied } from '../../lib/errors'
import { toPage } from '../../lib/pagination'
import { errorResponses, IdParams, Page } from '../../lib/schemas'
import { actorOf, hasPermission, principalOf } from '../../plugins/auth'
import { ChangeOrder, CreateOrder, IdempotencyHeaders, Order, OrderQuery } from './orders.schemas'
import { changeOrderStatus, deleteOrder, getOrder, listOrdersFor, orderPage, placeOrder, type OrderAccess } from './orders.service'

const tags = ['orders']

/**
 * Customers (any user) see their own orders; `view_orders` (or `manage_orders`) sees the whole
 * organization. A developer has no orders of its own, so it needs one of those permissions.
 */
export const ownOrAll = { access: { permission: ['view_orders', 'manage_orders'], orUser: true } } as const

function orderAccess(req: FastifyRequest): OrderAccess {
  const manage = hasPermission(req, 'manage_orders')
  return { userId: principalOf(req).id, viewAll: manage || hasPermission(req, 'view_orders'), manage }
}

export const ordersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/orders/', {
    config: ownOrAll,
    schema: { tags, summary: 'My orders, or every order of the organization with view_orders', querystring: OrderQuery, response: { 200: Page(Order), ...errorResponses(400, 401, 403) } },
  }, async (req) => {
    const access = orderAccess(req)
    const page = orderPage(req.query)
    const rows = await listOrdersFor(app.ctx, req.organizationId, access, req.query, page)
    return toPage(rows, page, req, (r) => (page.field === 'total' ? r.total : r.id))
  })

  app.post('/orders/', {
    config: { access: 'user' },
    schema: {
      tags, summary: 'Place an order (takes stock atomically; honours Idempotency-Key)', headers: IdempotencyHeaders, body: CreateOrder,
      response: { 201: Order, ...errorResponses(400, 401, 403, 409) },
    },
  }, async (req, reply) => {
    const user = principalOf(req)
    // An order belongs to a user of its organization (a composite key says so): a superuser visiting another one cannot buy there.
    if (user.organizationId !== req.organizationId) throw permissionDenied('Orders can only be placed in your own organization.')
    const result = await placeOrder(app.ctx, req.organizationId, user.id, req.body, req.headers['idempotency-key'], actorOf(req))
    if (result.replayed) reply.header('idempotent-replayed', 'true')
    return reply.code(result.status as 201).send(result.body)
  })

  app.get('/orders/:id/', {
    config: ownOrAll,
    schema: { tags, summary: 'One order (another customer\'s is 404)', params: IdParams, response: { 200: Order, ...errorResponses(401, 403, 404) } },
  }, async (req) => getOrder(app.ctx, req.organizationId, orderAccess(req), req.params.id))

  app.patch('/orders/:id/', {
    config: ownOrAll,
    schema: {
      tags, summary: 'Change the status: the owner may cancel a pending order; manage_orders drives the rest',
      params: IdParams, body: ChangeOrder, response: { 200: Order, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (req) => changeOrderStatus(app.ctx, req.organizationId, orderAccess(req), req.params.id, req.body.status, actorOf(req)))

  app.delete('/orders/:id/', {
    config: { access: { permission: 'manage_orders' } },
    schema: { tags, summary: 'Delete an order (soft; does not restore stock — cancel first)', params: IdParams, response: { 204: Type.Null(), ...errorResponses(401, 403, 404) } },
  }, async (req, reply) => {
    await deleteOrder(app.ctx, req.organizationId, req.params.id, actorOf(req))
    return reply.code(204).send(null)
  })
}
