import { and, eq, inArray } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { permissions, rolePermissions, roles, userRoles } from '../../src/db/schema'
import { newId } from '../../src/lib/ids'
import { call, createOrg, promoteToSuperuser, registerUser, unique } from './helpers'
import { tags } from '../../src/lib/cache-tags'

/** A user of `org` holding exactly `codenames` (through one fresh role), signed in. */
export async function userWith(app: FastifyInstance, org: { id: string; slug: string }, codenames: string[]) {
  const u = await registerUser(app, org)
  const roleId = newId()
  await app.ctx.db.transaction(async (tx) => {
    await tx.insert(roles).values({ id: roleId, organizationId: org.id, name: unique('role-') })
    const perms = codenames.length
      ? await tx.select({ id: permissions.id }).from(permissions).where(and(eq(permissions.organizationId, org.id), inArray(permissions.codename, codenames)))
      : []
    if (perms.length !== codenames.length) throw new Error(`unknown codename in ${codenames}`)
    if (perms.length) await tx.insert(rolePermissions).values(perms.map((p) => ({ organizationId: org.id, roleId, permissionId: p.id })))
    // Replace the registration role so the user holds exactly these permissions.
    await tx.delete(userRoles).where(eq(userRoles.userId, u.user.id))
    await tx.insert(userRoles).values({ id: newId(), organizationId: org.id, userId: u.user.id, roleId })
  })
  await app.ctx.invalidate([tags.user(u.user.id)])
  return { ...u, token: u.access, roleId }
}

/** A user with the default `admin` role: every built-in permission, not a superuser. */
export async function adminOf(app: FastifyInstance, org: { id: string; slug: string }) {
  const u = await registerUser(app, org)
  const [admin] = await app.ctx.db.select().from(roles).where(and(eq(roles.organizationId, org.id), eq(roles.name, 'admin')))
  await app.ctx.db.insert(userRoles).values({ id: newId(), organizationId: org.id, userId: u.user.id, roleId: admin.id })
  await app.ctx.invalidate([tags.user(u.user.id)])
  return { ...u, token: u.access }
}

export async function superuserOf(app: FastifyInstance, org: { id: string; slug: string }) {
  const u = await registerUser(app, org)
  await promoteToSuperuser(app, u.user.id)
  return { ...u, token: u.access }
}

/** A fresh organization and an admin in it. */
export async function orgWithAdmin(app: FastifyInstance) {
  const org = await createOrg(app)
  const admin = await adminOf(app, org)
  return { org, admin }
}

export async function roleId(app: FastifyInstance, orgId: string, name: string): Promise<string> {
  const [r] = await app.ctx.db.select({ id: roles.id }).from(roles).where(and(eq(roles.organizationId, orgId), eq(roles.name, name)))
  return r.id
}

export async function permissionId(app: FastifyInstance, orgId: string, codename: string): Promise<string> {
  const [p] = await app.ctx.db.select({ id: permissions.id }).from(permissions).where(and(eq(permissions.organizationId, orgId), eq(permissions.codename, codename)))
  return p.id
}

/** A developer of `org` holding exactly `codenames` (one fresh role), with an API key; made by a superuser of `org`. */
export async function developerWith(app: FastifyInstance, org: { id: string; slug: string }, superToken: string, codenames: string[]) {
  const h = { token: superToken, org: org.id }
  const permission_ids = await Promise.all(codenames.map((c) => permissionId(app, org.id, c)))
  const role = await call(app, 'POST', '/api/v1/roles/', { ...h, body: { name: unique('devrole-'), permission_ids } })
  const dev = await call(app, 'POST', '/api/v1/developers/', { ...h, body: { name: unique('dev-'), role_ids: [role.body.id] } })
  const key = await call(app, 'POST', `/api/v1/developers/${dev.body.id}/keys/`, { ...h, body: { name: 'k' } })
  for (const r of [role, dev, key]) if (r.status !== 201) throw new Error(`developerWith: ${r.status} ${JSON.stringify(r.body)}`)
  return { id: dev.body.id as string, token: key.body.key as string }
}

/** The running app's declared routes (plugins/auth.ts), HEAD and the CORS preflight left out. */
export const declaredRoutes = (app: FastifyInstance) => app.routeAccess.filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS')
