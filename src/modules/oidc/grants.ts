import type { KoaContextWithOIDC } from 'oidc-provider'

/** The scopes asked for that the client was given (its `scope` metadata). */
export function scopesAllowed(asked: Iterable<string>, clientScope: string | undefined): string[] {
  const allowed = new Set(clientScope?.split(' ') ?? [])
  return [...asked].filter((s) => allowed.has(s))
}

/** Marked by staff as the organization's own (its registration's `first_party`). */
export const isFirstParty = (client: object) => (client as { first_party?: boolean }).first_party === true

/**
 * A first-party client (the organization's own storefront or app, marked by staff) gets
 * what it asks for without a consent page; any other client's user sees one.
 */
export async function grantFirstParty(c: KoaContextWithOIDC) {
  const client = c.oidc.client
  if (!client || !c.oidc.session?.accountId || !isFirstParty(client)) return undefined
  const grant = new c.oidc.provider.Grant({ clientId: client.clientId, accountId: c.oidc.session.accountId })
  grant.addOIDCScope(scopesAllowed(c.oidc.requestParamOIDCScopes, client.scope).join(' '))
  await grant.save()
  return grant
}
