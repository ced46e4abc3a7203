import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { fieldError } from '../../lib/errors'
import { Email, errorResponses, IdParams, NoContent, Password } from '../../lib/schemas'
import { AuthResult, PendingVerification } from '../sessions/sessions.schemas'
import { ChangeOrder, CreateOrder, IdempotencyHeaders, Order } from '../orders/orders.schemas'
import { CreateProduct, Product } from '../products/products.schemas'
import { RegisterBody, UpdateMe, User } from '../users/users.schemas'
import { forward, forwardList, relay } from './forward'
import { seedTag, via } from './tags'
import { ownOrAll } from '../orders/orders.routes'

/**
 * Seed 003 (e-commerce API), at the root. Two of its README's auth columns are unsafe
 * and not followed: `/userinfo/` needs a token here (it is someone's personal data), and
 * forgot/reset need none (whoever forgot a password cannot sign in; the emailed token is
 * the credential). The reset token in the path is redacted from the logs (plugins/logging.ts).
 */
const tags = seedTag('003')
const Detail = Type.Object({ detail: Type.String() })
const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) })
const ResetBody = Type.Object({
  password: Type.Optional(Password),
  new_password: Type.Optional({ ...Password, description: 'Alternative name of `password`.' }),
}, { additionalProperties: false })

type App = Parameters<FastifyPluginAsyncTypebox>[0]

export const seed003Routes: FastifyPluginAsyncTypebox = async (app) => {
  accountRoutes(app)
  productRoutes(app)
  orderRoutes(app)
}

/** Register, profile, forgot and reset password. */
function accountRoutes(app: App) {
  app.post('/register/', {
    config: { access: 'public' },
    schema: { tags, summary: via('Register and sign in', 'POST /api/v1/auth/register/'), security: [], body: RegisterBody, response: { 201: Type.Union([AuthResult, PendingVerification]), ...errorResponses(400, 403, 404, 429) } },
  }, async (req, reply) => relay(reply, await forward(app, req, 'POST', '/api/v1/auth/register/', req.body)))

  app.get('/userinfo/', {
    config: { access: 'user' },
    schema: { tags, summary: via('My profile (needs a token here, unlike the seed README)', 'GET /api/v1/auth/me/'), response: { 200: User, ...errorResponses(401, 403) } },
  }, async (req, reply) => relay(reply, await forward(app, req, 'GET', '/api/v1/auth/me/')))

  app.put('/userinfo/edit/', {
    config: { access: 'user' },
    schema: { tags, summary: via('Change my profile; omitted fields keep their values', 'PATCH /api/v1/auth/me/'), body: UpdateMe, response: { 200: User, ...errorResponses(400, 401, 403) } },
  }, async (req, reply) => relay(reply, await forward(app, req, 'PATCH', '/api/v1/auth/me/', req.body)))

  app.post('/forgot_password/', {
    config: { access: 'public' },
    schema: { tags, summary: via('Email a reset link; 202 whether or not the email is known (public here, unlike the seed README)', 'POST /api/v1/auth/password/forgot/'), security: [], body: Type.Object({ email: Email }, { additionalProperties: false }), response: { 202: Detail, ...errorResponses(400, 404, 429) } },
  }, async (req, reply) => relay(reply, await forward(app, req, 'POST', '/api/v1/auth/password/forgot/', req.body)))

  app.post('/reset_password/:token', {
    config: { access: 'public' },
    schema: { tags, summary: via('Set a new password with the emailed token (public here, unlike the seed README)', 'POST /api/v1/auth/password/reset/'), security: [], params: TokenParams, body: ResetBody, response: { 204: NoContent, ...errorResponses(400, 429, 503) } },
  }, async (req, reply) => {
    const field = req.body.password !== undefined ? 'password' : 'new_password'
    const password = req.body.password ?? req.body.new_password
    if (password === undefined) throw fieldError('password', 'This field is required.')
    return relay(reply, await forward(app, req, 'POST', '/api/v1/auth/password/reset/', { token: req.params.token, new_password: password }), undefined, { new_password: field })
  })
}

function productRoutes(app: App) {
  app.get('/products/', {
    config: { access: 'public' },
    schema: { tags, summary: via('The whole catalogue, as an array (X-Organization)', 'GET /api/v1/products/'), security: [], response: { 200: Type.Array(Product), ...errorResponses(400, 404) } },
  }, async (req, reply) => forwardList(app, req, reply, '/api/v1/products/'))

  app.get('/products/:id', {
    config: { access: 'public' },
    schema: { tags, summary: via('One product', 'GET /api/v1/products/{id}/'), security: [], params: IdParams, response: { 200: Product, ...errorResponses(404) } },
  }, async (req, reply) => relay(reply, await forward(app, req, 'GET', `/api/v1/products/${req.params.id}/`)))

  app.post('/products/add/', {
    config: { access: { permission: 'manage_products' } },
    schema: { tags, summary: via('Add a product (manage_products)', 'POST /api/v1/products/'), body: CreateProduct, response: { 201: Product, ...errorResponses(400, 401, 403) } },
  }, async (req, reply) => relay(reply, await forward(app, req, 'POST', '/api/v1/products/', req.body)))

  app.put('/products/edit/:id', {
    config: { access: { permission: 'manage_products' } },
    schema: { tags, summary: via('Edit a product (manage_products)', 'PUT /api/v1/products/{id}/'), params: IdParams, body: CreateProduct, response: { 200: Product, ...errorResponses(400, 401, 403, 404) } },
  }, async (req, reply) => relay(reply, await forward(app, req, 'PUT', `/api/v1/products/${req.params.id}/`, req.body)))

  app.delete('/products/delete/:id', {
    config: { access: { permission: 'manage_products' } },
    schema: { tags, summary: via('Delete a product (soft; manage_products)', 'DELETE /api/v1/products/{id}/'), params: IdParams, response: { 204: NoContent, ...errorResponses(401, 403, 404) } },
  }, async (req, reply) => relay(reply, await forward(app, req, 'DELETE', `/api/v1/products/${req.params.id}/`)))
}

function orderRoutes(app: App) {
  app.get('/orders/', {
    config: ownOrAll,
    schema: { tags, summary: via('My orders (every order with view_orders), as an array', 'GET /api/v1/orders/'), response: { 200: Type.Array(Order), ...errorResponses(400, 401, 403) } },
  }, async (req, reply) => forwardList(app, req, reply, '/api/v1/orders/'))

  app.post('/orders/new/', {
    config: { access: 'user' },
    schema: { tags, summary: via('Place an order (honours Idempotency-Key)', 'POST /api/v1/orders/'), headers: IdempotencyHeaders, body: CreateOrder, response: { 201: Order, ...errorResponses(400, 401, 403, 409) } },
  }, async (req, reply) => relay(reply, await forward(app, req, 'POST', '/api/v1/orders/', req.body)))

  app.get('/orders/:id/', {
    config: ownOrAll,
    schema: { tags, summary: via("One order (another customer's is 404)", 'GET /api/v1/orders/{id}/'), params: IdParams, response: { 200: Order, ...errorResponses(401, 403, 404) } },
  }, async (req, reply) => relay(reply, await forward(app, req, 'GET', `/api/v1/orders/${req.params.id}/`)))

  app.put('/orders/edit/:id/', {
    config: ownOrAll,
    schema: { tags, summary: via('Change the status: the owner may cancel a pending order; manage_orders drives the rest', 'PATCH /api/v1/orders/{id}/'), params: IdParams, body: ChangeOrder, response: { 200: Order, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (req, reply) => relay(reply, await forward(app, req, 'PATCH', `/api/v1/orders/${req.params.id}/`, req.body)))

  app.delete('/orders/delete/:id/', {
    config: { access: { permission: 'manage_orders' } },
    schema: { tags, summary: via('Delete an order (soft; manage_orders)', 'DELETE /api/v1/orders/{id}/'), params: IdParams, response: { 204: NoContent, ...errorResponses(401, 403, 404) } },
  }, async (req, reply) => relay(reply, await forward(app, req, 'DELETE', `/api/v1/orders/${req.params.id}/`)))
}
