import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Account, FindAccount } from 'oidc-provider'
import { preparedPerDb, type Db, type Executor } from '../../db'
import { isUuid } from '../../lib/ids'
import { oauthSessionLinks, sessions, users } from '../../db/schema'

/** The claims of each OpenID Connect scope (OIDC Core §5.4); phone numbers are not verified here. */
export const SCOPE_CLAIMS = {
  openid: ['sub'],
  profile: ['name', 'given_name', 'family_name', 'preferred_username', 'updated_at'],
  email: ['email', 'email_verified'],
  phone: ['phone_number'],
}

type ClaimColumns = { [K in keyof typeof claimColumns]: (typeof claimColumns)[K]['_']['data'] }

function claimsOf(user: ClaimColumns): Record<string, unknown> {
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ')
  return {
    sub: user.id,
    ...(name && { name }),
    ...(user.firstName && { given_name: user.firstName }),
    ...(user.lastName && { family_name: user.lastName }),
    preferred_username: user.username,
    updated_at: Math.floor(user.updatedAt.getTime() / 1000),
    email: user.email,
    email_verified: user.emailVerified,
    ...(user.phoneNumber && { phone_number: user.phoneNumber }),
  }
}

/** Records (or replaces, when another user signs in in the same browser) the session behind a provider session. */
export async function linkSession(exec: Executor, organizationId: string, sessionUid: string, sessionId: string): Promise<void> {
  await exec.insert(oauthSessionLinks).values({ sessionUid, organizationId, sessionId })
    .onConflictDoUpdate({ target: oauthSessionLinks.sessionUid, set: { sessionId }, setWhere: eq(oauthSessionLinks.organizationId, organizationId) })
}

const claimColumns = {
  id: users.id, username: users.username, email: users.email, emailVerified: users.emailVerified,
  firstName: users.firstName, lastName: users.lastName, phoneNumber: users.phoneNumber, updatedAt: users.updatedAt,
}

/** The live user, and the session `uid` is linked to (whose, and whether live): one prepared round trip per token use. */
const accountQuery = preparedPerDb((db) => db.select({
  user: claimColumns, isSuperuser: users.isSuperuser,
  linkedSessionId: sessions.id, linkedUser: sessions.userId, linkedLive: sql<boolean>`(${sessions.revokedAt} IS NULL AND ${sessions.expiresAt} > now())`,
}).from(users)
  .leftJoin(oauthSessionLinks, and(eq(oauthSessionLinks.sessionUid, sql.placeholder('uid')), eq(oauthSessionLinks.organizationId, users.organizationId)))
  .leftJoin(sessions, eq(sessions.id, oauthSessionLinks.sessionId))
  .where(and(eq(users.id, sql.placeholder('sub')), eq(users.organizationId, sql.placeholder('org')), eq(users.isActive, true), isNull(users.deletedAt)))
  .limit(1)
  .prepare('oidc_find_account'))

/**
 * A live user of the organization and what the browser session `sessionUid` stands for:
 * `signIn` is its sign-in (a `sessions` id) when that is live and this user's. The one
 * lookup behind the provider's accounts and the API's OAuth principals.
 */
export async function findLiveAccount(db: Db, organizationId: string, sub: string, sessionUid: string | undefined) {
  if (!isUuid(sub)) return undefined
  const [row] = await accountQuery(db).execute({ sub, org: organizationId, uid: sessionUid ?? '' })
  if (!row) return undefined
  const own = row.linkedUser === row.user.id
  return { user: row.user, isSuperuser: row.isSuperuser, signIn: own && row.linkedLive ? (row.linkedSessionId as string) : undefined, endedSignIn: own && !row.linkedLive }
}

/**
 * oidc-provider's account lookup for one organization: a live user of it, and, for a
 * token from a sign-in, the sign-in still live (ended in /auth/sessions/, expired, or the
 * user deactivated: not found, so refresh and userinfo fail).
 */
export function accountFinder(db: Db, organizationId: string): FindAccount {
  return async (ctx, sub, token): Promise<Account | undefined> => {
    // A token names its browser session; without one (the authorization endpoint), the browser's own.
    const tokenSession = token && 'sessionUid' in token ? token.sessionUid : undefined
    const account = await findLiveAccount(db, organizationId, sub, tokenSession ?? ctx?.oidc?.session?.uid)
    if (!account) return undefined
    // A token's sign-in must be live and its user's. A browser session whose sign-in of this
    // user ended is no sign-in any more (the login step re-links it when they sign in again);
    // one not linked yet is being signed in (linked later in this request, provider.ts).
    if (tokenSession ? !account.signIn : account.endedSignIn) return undefined
    const claims = claimsOf(account.user)
    return { accountId: account.user.id, claims: () => claims as { sub: string } }
  }
}
