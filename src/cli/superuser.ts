import type { AppContext } from '../context'
import { systemActor, type Actor } from '../modules/audit/audit.repository'
import { createUser } from '../modules/users/users.service'
import { CreateUser, type User } from '../modules/users/users.schemas'
import type { Grantor } from '../lib/grants'
import { validateBody } from './validate'

/** Whoever runs the CLI on the server's machine holds its data directory or database URL: the platform itself. */
const platformOperator: Grantor = { type: 'user', id: '', isSuperuser: true, permissions: new Set() }
const cliActor: Actor = { ...systemActor, userAgent: 'commercecore createsuperuser' }

/**
 * `createsuperuser`: the API's POST /users/ (its body schema, password policy, uniqueness
 * checks, hasher and `user.created` audit event), as the system actor, with no role (a
 * superuser needs none) and the email address taken as verified.
 */
export async function createSuperuser(ctx: AppContext, input: { username: string; email: string; password: string; organization: string }): Promise<User> {
  const organizationId = await ctx.organizationsByKey(input.organization)
  if (!organizationId) throw new Error(`organization "${input.organization}" not found`)
  const body = validateBody(CreateUser, { username: input.username, email: input.email, password: input.password, is_superuser: true, email_verified: true, role_ids: [] })
  return createUser(ctx, organizationId, body, cliActor, platformOperator)
}
