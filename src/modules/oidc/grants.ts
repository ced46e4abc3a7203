import type { KoaContextWithOIDC } from 'oidc-provider'

/** The scopes a request asks for that the provider supports and its client was given. */
function requestedScopes(c: KoaContextWithOIDC): string[] {
  const allowed = new Set(c.oidc.client?.scope?.split(' ') ?? [])
  return [...c.oidc.requestParamOIDCScopes].filter((s) => allowed.has(s))
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
  grant.addOIDCScope(requestedScopes(c).join(' '))
  await grant.save()
  return grant
}
