import type { FastifyInstance } from 'fastify'
import { DEMO, type Demo } from './admin-demo'

/**
 * More of the demo for `npm run screenshots` of the console's other screens: a catalogue,
 * orders in several states, a developer with a used key, two more organizations, and a
 * profile schema — all through the API, as the demo's staff and shoppers.
 */
async function api(app: FastifyInstance, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, opts: { body?: object; token: string; org?: string }) {
  const headers: Record<string, string> = { authorization: `Bearer ${opts.token}` }
  if (opts.org) headers['x-organization'] = opts.org
  const res = await app.inject({ method, url, headers, ...(opts.body && { payload: opts.body }) })
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`)
  return res.body ? res.json() : null
}

const PRODUCTS: [string, string, string, number][] = [
  ['TENT-2P', 'Two-person tent', '149.90', 12], ['BAG-0C', 'Sleeping bag, 0 °C', '89.00', 30], ['STOVE-GAS', 'Camping stove', '39.50', 0], ['MUG-ENAMEL', 'Enamel mug', '9.00', 120],
]

async function login(app: FastifyInstance, slug: string, username: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login/', headers: { 'x-organization': slug }, payload: { username, password: DEMO.password } })
  return res.json().access
}

export async function seedScreensDemo(app: FastifyInstance, demo: Demo): Promise<void> {
  const slug = demo.org.slug
  const staff = { token: await login(app, slug, demo.staff.username) }
  const products = []
  for (const [sku, name, price, stock] of PRODUCTS) products.push(await api(app, 'POST', '/api/v1/products/', { ...staff, body: { sku, name, price, currency: 'EUR', stock, description: `${name} for the trail.` } }))
  await api(app, 'PATCH', `/api/v1/products/${products[2].id}/`, { ...staff, body: { is_active: false } })
  const moves = [[], ['paid'], ['paid', 'shipped'], ['cancelled']]
  for (const [i, path] of moves.entries()) {
    const shopper = { token: await login(app, slug, demo.users[i === 3 ? 4 : i].username) }
    const order = await api(app, 'POST', '/api/v1/orders/', { ...shopper, body: { items: [{ product: products[i % 2].id, quantity: 1 + i }, { product: products[3].id, quantity: 2 }] } })
    for (const status of path) await api(app, 'PATCH', `/api/v1/orders/${order.id}/`, { ...staff, body: { status } })
  }
  const developer = await api(app, 'POST', '/api/v1/developers/', { ...staff, body: { name: 'shop-backend', email: 'backend@acme.example.com', role_ids: [demo.roles.support] } })
  const key = await api(app, 'POST', `/api/v1/developers/${developer.id}/keys/`, { ...staff, body: { name: 'storefront' } })
  await api(app, 'GET', '/api/v1/users/?limit=1', { token: key.key })
  await api(app, 'POST', `/api/v1/developers/${developer.id}/keys/`, { ...staff, body: { name: 'nightly-export', expires_at: new Date(Date.now() + 90 * 86_400_000).toISOString() } })
  await api(app, 'POST', '/api/v1/developers/', { ...staff, body: { name: 'warehouse-sync', email: '', role_ids: [demo.roles.catalogue] } })
  await api(app, 'POST', `/api/v1/developers/${developer.id}/oauth-clients/`, { ...staff, body: { name: 'Acme storefront', type: 'confidential', redirect_uris: ['https://shop.acme.example.com/callback'], post_logout_redirect_uris: ['https://shop.acme.example.com/'], first_party: true } })
  await api(app, 'POST', `/api/v1/developers/${developer.id}/oauth-clients/`, { ...staff, body: { name: 'Acme mobile app', type: 'public', redirect_uris: ['com.acme.shop:/callback', 'http://127.0.0.1:8081/callback'], scopes: ['openid', 'profile', 'email', 'offline_access'] } })
  await api(app, 'PATCH', `/api/v1/organizations/${demo.org.id}/`, { ...staff, body: {
    cors_allowed_origins: ['https://shop.acme.example.com'],
    profile_schema: { type: 'object', properties: { shoe_size: { type: 'integer', minimum: 15, maximum: 60 }, newsletter: { type: 'boolean' } }, additionalProperties: false },
  } })
  const root = { token: await login(app, slug, demo.superuser.username) }
  await api(app, 'POST', '/api/v1/organizations/', { ...root, body: { name: 'Birch Bicycles' } })
  const gone = await api(app, 'POST', '/api/v1/organizations/', { ...root, body: { name: 'Cedar Camping' } })
  await api(app, 'DELETE', `/api/v1/organizations/${gone.id}/`, root)
}
