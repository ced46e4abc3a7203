import type { Config } from '../../config'
import type { Db } from '../../db'
import { Admission } from '../../lib/admission'
import { checkPassword } from '../../lib/password-policy'
import { PasswordHasher } from '../../lib/passwords'
import { insertAuditEvent, systemActor } from '../audit/audit.repository'
import { findOrganizationByIdOrSlug } from '../organizations/organizations.repository'
import { findTakenIdentity, insertUser, type UserRow } from './users.repository'

/** `createsuperuser`: the same password policy as everyone, and an audit event. */
export async function createSuperuser(db: Db, config: Config, input: { username: string; email: string; password: string; organization: string }): Promise<UserRow> {
  const org = await findOrganizationByIdOrSlug(db, input.organization)
  if (!org) throw new Error(`organization "${input.organization}" not found`)
  if (!/^[\w.@+-]{1,150}$/.test(input.username)) throw new Error('username may contain only letters, digits and @/./+/-/_ (150 at most)')
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email)) throw new Error('enter a valid email address')
  const policy = checkPassword(input.password, config.passwordMinLength, input)
  if (policy.length) throw new Error(policy.join(' '))
  const taken = await findTakenIdentity(db, org.id, input)
  if (taken.username || taken.email) throw new Error(`a user with that ${taken.username ? 'username' : 'email'} already exists`)
  const hasher = new PasswordHasher({ memoryCost: config.passwordHashMemoryKib, timeCost: config.passwordHashIterations }, new Admission(1, 10, 60_000))
  const passwordHash = await hasher.hash(input.password)
  return db.transaction(async (tx) => {
    const user = await insertUser(tx, org.id, { username: input.username, email: input.email, passwordHash, isSuperuser: true, emailVerified: true })
    await insertAuditEvent(tx, systemActor, { organizationId: org.id, action: 'user.created', targetType: 'user', targetId: user.id, metadata: { superuser: true, via: 'cli' } })
    return user
  })
}
