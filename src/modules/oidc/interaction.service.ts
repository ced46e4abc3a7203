import { eq } from 'drizzle-orm'
import type { Executor } from '../../db'
import { sessions, users } from '../../db/schema'

/** When a session began and whether its user signs in with a second factor (the ID token's `auth_time` and `amr`). */
export async function findSessionUser(exec: Executor, sessionId: string) {
  const [row] = await exec.select({ createdAt: sessions.createdAt, mfaEnabled: users.mfaEnabled })
    .from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.id, sessionId)).limit(1)
  return row
}
