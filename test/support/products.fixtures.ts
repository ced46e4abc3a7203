import type { FastifyInstance } from 'fastify'
import { tags } from '../../src/lib/cache-tags'
import { call, registerUser, unique } from './helpers'
import { findRolesByName } from '../../src/modules/organizations/organizations.repository'
import { assignRoles } from '../../src/modules/users/users.repository'

/** Test fixtures shared by the products and orders tests (not a test file itself). */

/** A registered user holding the organization's `admin` role (every built-in permission). */
export async function registerAdmin(app: FastifyInstance, org: { id: string; slug: string }) {
  const u = await registerUser(app, org)
  const [admin] = await findRolesByName(app.ctx.db, org.id, ['admin'])
  await assignRoles(app.ctx.db, org.id, u.user.id, [admin.id])
  await app.ctx.invalidate([tags.user(u.user.id)])
  return u
}

/** Creates a product through the API as `token` (a product manager). */
export async function makeProduct(app: FastifyInstance, token: string, fields: Record<string, unknown> = {}) {
  const res = await call(app, 'POST', '/api/v1/products/', { token, body: { sku: unique('SKU-'), name: 'Widget', price: '10.00', currency: 'EUR', stock: 10, ...fields } })
  if (res.status !== 201) throw new Error(`product create failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body as { id: string; sku: string; name: string; price: string; currency: string; stock: number; is_active: boolean }
}
