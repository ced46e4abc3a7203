/**
 * The tags cached entries carry and writes invalidate, built only here so a reader and a
 * writer cannot spell one differently. Readers: the principal and access caches
 * (src/modules/sessions/principal.ts), the GET /auth/me/ views (`ctx.userViews`), the
 * organization lookup (`ctx.organizationsByKey`), the CORS origin index and the users list pages.
 */
export type CacheTag = string & { readonly __cacheTag: unique symbol }

const tag = (text: string) => text as CacheTag

export const tags = {
  /** A user's principal, access, API keys and /auth/me/ view. */
  user: (id: string) => tag(`user:${id}`),
  /** A developer's principal, access and API keys. */
  developer: (id: string) => tag(`developer:${id}`),
  /** The owner of an access: `user:` or `developer:`. */
  account: (who: { type: 'user' | 'developer'; id: string }) => tag(`${who.type}:${who.id}`),
  /** Everything cached of an organization: its lookup, and every principal and access in it. */
  org: (id: string) => tag(`org:${id}`),
  /** A cached "no such organization": dropped when an organization is created, renamed or restored. */
  newOrganization: tag('org:*new'),
  /** The CORS origin index (its only tag besides `everything`). */
  organizationOrigins: tag('org:*origins'),
  session: (id: string) => tag(`session:${id}`),
  apiKey: (id: string) => tag(`key:${id}`),
  /** A cached miss of an unknown API key hash (short-lived). */
  apiKeyHash: (hash: string) => tag(`keyhash:${hash}`),
  /** An OAuth client by its public `client_id`: the provider's client lookup and every principal of its tokens. */
  oauthClient: (clientId: string) => tag(`oauth-client:${clientId}`),
  /** A principal resolved from one OAuth access token (by the SHA-256 of the token). */
  oauthToken: (idHash: string) => tag(`oauth-token:${idHash}`),
  /** Every principal of the tokens of one OAuth grant (revoked as a whole on code replay or refresh-token reuse). */
  oauthGrant: (grantId: string) => tag(`oauth-grant:${grantId}`),
  /** An organization's OpenID provider, whose scopes are its permissions: a new permission rebuilds it (every other change to it drops `org:`). */
  oidcProvider: (organizationId: string) => tag(`oidc-provider:${organizationId}`),
  /** The signing keys: every server reloads them. */
  signingKeys: tag('signing-keys'),
  /** A page of an organization's GET /users/ (src/modules/users/user-pages.ts; dropped by PostgreSQL notifications). */
  usersList: (organizationId: string) => tag(`users-list:${organizationId}`),
  /** Every cached entry, on every instance (a bulk import, a purge). */
  everything: tag('*'),
} as const

/**
 * The organizations whose users list pages a published write drops on the instance that
 * wrote (`*`: all): those named by `usersList` and `org` tags, all for `everything`. A
 * `user:` tag names no organization: a user write that changes the list also publishes
 * `usersList(organizationId)`, so a sign-in in one organization leaves the others' pages.
 */
export function usersListDropped(published: string[]): string[] {
  if (published.includes(tags.everything)) return ['*']
  const prefixes = [tags.usersList(''), tags.org('')]
  const named = published.flatMap((t) => prefixes.filter((p) => t.startsWith(p)).map((p) => t.slice(p.length)))
  // org:*new and org:*origins name no organization.
  return [...new Set(named.filter((id) => id !== '' && !id.startsWith('*')))]
}
