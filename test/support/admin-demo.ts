import { eq } from 'drizzle-orm'
import { tags } from '../../src/lib/cache-tags'
import type { FastifyInstance } from 'fastify'
import { TOTP } from 'otpauth'
import { users as usersTable } from '../../src/db/schema'
import { insertOrganizationWithDefaults } from '../../src/modules/organizations/organizations.repository'

/**
 * A demo organization for the console's browser test and `npm run screenshots`: a
 * superuser, a staff member with the admin role, shoppers, a custom permission and two
 * custom roles — all made through the API except the superuser flag (as the CLI sets it).
 */
export const DEMO = { org: { name: 'Acme Outdoor Supplies', slug: 'acme' }, password: 'lantern orchard velvet 42 quietly' }

const SHOPPERS: [string, string, string][] = [
  ['ada', 'Ada', 'Lovelace'], ['grace', 'Grace', 'Hopper'], ['alan', 'Alan', 'Turing'], ['katherine', 'Katherine', 'Johnson'],
  ['edsger', 'Edsger', 'Dijkstra'], ['barbara', 'Barbara', 'Liskov'], ['donald', 'Donald', 'Knuth'], ['margaret', 'Margaret', 'Hamilton'],
]

export interface Demo {
  org: { id: string; slug: string }
  superuser: { id: string; username: string }
  staff: { id: string; username: string }
  users: { id: string; username: string }[]
  roles: Record<'admin' | 'customer' | 'support' | 'catalogue', string>
}

async function api(app: FastifyInstance, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, opts: { body?: object; token?: string; org?: string }) {
  const headers: Record<string, string> = {}
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  if (opts.org) headers['x-organization'] = opts.org
  const res = await app.inject({ method, url, headers, ...(opts.body && { payload: opts.body }) })
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`)
  return res.json()
}

/** Seeds the demo into a new organization (`slug`, unique per test) and returns who is who. */
export async function seedDemo(app: FastifyInstance, slug = DEMO.org.slug, name = DEMO.org.name): Promise<Demo> {
  const org = await app.ctx.db.transaction((tx) => insertOrganizationWithDefaults(tx, { name, slug }))
  const username = `root-${slug}`
  const reg = await api(app, 'POST', '/api/v1/auth/register/', { org: slug, body: { username, email: `${username}@example.com`, password: DEMO.password } })
  await app.ctx.db.update(usersTable).set({ isSuperuser: true }).where(eq(usersTable.id, reg.user.id))
  await app.ctx.invalidate([tags.user(reg.user.id)])
  const as = { token: reg.access as string, org: slug }

  const roleList = await api(app, 'GET', '/api/v1/roles/', as)
  const byName = (n: string) => roleList.results.find((r: { name: string }) => r.name === n).id as string
  const perms = await api(app, 'GET', '/api/v1/permissions/?limit=200', as)
  const perm = (c: string) => perms.results.find((p: { codename: string }) => p.codename === c).id as string
  const refund = await api(app, 'POST', '/api/v1/permissions/', { ...as, body: { codename: 'refund_orders', name: 'Can refund orders', description: 'Issue refunds on paid orders.' } })
  const support = await api(app, 'POST', '/api/v1/roles/', { ...as, body: { name: 'support', description: 'Answers customers', permission_ids: [perm('view_users'), perm('view_orders'), refund.id] } })
  const catalogue = await api(app, 'POST', '/api/v1/roles/', { ...as, body: { name: 'catalogue', description: 'Keeps the product catalogue', permission_ids: [perm('manage_products')] } })
  const roles = { admin: byName('admin'), customer: byName('customer'), support: support.id, catalogue: catalogue.id }

  const create = (u: string, first: string, last: string, roleIds: string[]) =>
    api(app, 'POST', '/api/v1/users/', { ...as, body: { username: u, email: `${u}@${slug}.example.com`, first_name: first, last_name: last, password: DEMO.password, role_ids: roleIds } })
  const staff = await create('dana', 'Dana', 'Scully', [roles.admin])
  const users = []
  for (const [i, [u, first, last]] of SHOPPERS.entries()) users.push(await create(u, first, last, i === 1 ? [roles.customer, roles.support] : [roles.customer]))
  await api(app, 'PATCH', `/api/v1/users/${users[3].id}/`, { ...as, body: { is_active: false } })
  return { org: { id: org.id, slug }, superuser: { id: reg.user.id, username }, staff: { id: staff.id, username: staff.username }, users, roles }
}

/**
 * Turns MFA on for a demo user through the API and returns the TOTP secret. The confirming
 * code is the previous time step's (still inside the window), so the current one is free
 * for the sign-in that follows — a step is accepted once.
 */
export async function enrolMfa(app: FastifyInstance, slug: string, username: string): Promise<string> {
  const { access } = await api(app, 'POST', '/api/v1/auth/login/', { org: slug, body: { username, password: DEMO.password } })
  const setup = await api(app, 'POST', '/api/v1/auth/mfa/totp/', { token: access })
  const code = new TOTP({ secret: setup.secret }).generate({ timestamp: Date.now() - 30_000 })
  await api(app, 'POST', '/api/v1/auth/mfa/totp/confirm/', { token: access, body: { code } })
  return setup.secret as string
}

export const totpNow = (secret: string) => new TOTP({ secret }).generate()
