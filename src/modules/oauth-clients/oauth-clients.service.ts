import { eq, sql } from 'drizzle-orm'
import type { AppContext } from '../../context'
import { oauthClients } from '../../db/schema'
import { tags } from '../../lib/cache-tags'
import { conflict, notFound, permissionDenied, ValidationError } from '../../lib/errors'
import { beyondReach, isAdministrator, type Grantor } from '../../lib/grants'
import { checkCursorValue, orderExpr } from '../../lib/listing'
import { pageRequest, type PageRequest } from '../../lib/pagination'
import { randomToken, sha256 } from '../../lib/secrets'
import { write } from '../../write'
import type { Actor } from '../audit/audit.repository'
import { guardedDeveloper } from '../developers/developers.service'
import { clientSettingsErrors, type ClientSettings } from './client-rules'
import {
  findOAuthClientById, insertOAuthClient, listOAuthClients, softDeleteOAuthClient, updateOAuthClient, type OAuthClientRow,
} from './oauth-clients.repository'
import {
  DEFAULT_GRANT_TYPES, DEFAULT_SCOPES, type CreateOAuthClient, type OAuthClient, type OAuthClientListQuery, type OAuthClientWithSecret, type UpdateOAuthClient,
} from './oauth-clients.schemas'
import { toOAuthClient } from './oauth-clients.views'
import { OIDC_SCOPES } from './oidc-scopes'
import { organizationScopes } from './scopes'

const orderings = { name: orderExpr(sql`lower(${oauthClients.name})`), created_at: oauthClients.id }

export function oauthClientPage(query: OAuthClientListQuery): PageRequest {
  const page = pageRequest(query, orderings, 'name')
  checkCursorValue(page, page.field === 'name' ? 'text' : 'id')
  return page
}

export async function listOAuthClientViews(ctx: AppContext, organizationId: string, page: PageRequest, query: OAuthClientListQuery): Promise<OAuthClient[]> {
  const where = [query.developer_id ? eq(oauthClients.developerId, query.developer_id) : undefined]
  return (await listOAuthClients(ctx.db, organizationId, page, { search: query.search, where })).map(toOAuthClient)
}

async function liveClient(ctx: AppContext, organizationId: string, id: string): Promise<OAuthClientRow> {
  const row = await findOAuthClientById(ctx.db, organizationId, id)
  if (!row) throw notFound()
  return row
}

export const getOAuthClient = async (ctx: AppContext, organizationId: string, id: string): Promise<OAuthClient> =>
  toOAuthClient(await liveClient(ctx, organizationId, id))

async function checkSettings(ctx: AppContext, organizationId: string, settings: ClientSettings): Promise<void> {
  const errors = clientSettingsErrors(settings, await organizationScopes(ctx.db, organizationId))
  if (Object.keys(errors).length) throw new ValidationError(errors)
}

/**
 * What a registration may hand out. A client's user tokens carry its scopes (as far as the
 * signing-in user holds them), so a registrant gives no API scope they do not hold
 * themselves: else a staff member with `manage_developers` could register an app asking
 * for `manage_roles` and send an administrator its sign-in link. And only an administrator
 * marks a client first-party, which skips the consent page.
 */
function assertGrantable(grantor: Grantor, input: { scopes?: string[]; first_party?: boolean }) {
  const beyond = apiScopesBeyondReach(grantor, input.scopes ?? [])
  if (beyond.length) throw permissionDenied(`You cannot give a client scopes you do not hold: ${beyond.join(', ')}.`)
  if (input.first_party && !isAdministrator(grantor)) throw permissionDenied('Only an administrator of the organization marks a client first-party (no consent page).')
}

const apiScopesBeyondReach = (grantor: Grantor, scopes: string[]) =>
  beyondReach(grantor, scopes.filter((s) => !(OIDC_SCOPES as readonly string[]).includes(s)))

/** A new secret and the hash that is all the database keeps of it. */
function newSecret() {
  const secret = `cc_secret_${randomToken(32)}`
  return { secret, secretHash: sha256(secret) }
}

function settingsOf(input: CreateOAuthClient): ClientSettings & { name: string; first_party: boolean } {
  return {
    name: input.name,
    type: input.type,
    token_endpoint_auth_method: input.token_endpoint_auth_method ?? (input.type === 'public' ? 'none' : 'client_secret_basic'),
    redirect_uris: input.redirect_uris ?? [],
    post_logout_redirect_uris: input.post_logout_redirect_uris ?? [],
    grant_types: input.grant_types ?? DEFAULT_GRANT_TYPES,
    scopes: input.scopes ?? DEFAULT_SCOPES,
    first_party: input.first_party ?? false,
  }
}

/** A stored client's settings, as the API shows them. */
function settingsOfRow(r: OAuthClientRow): ClientSettings {
  const { type, token_endpoint_auth_method, redirect_uris, post_logout_redirect_uris, grant_types, scopes } = toOAuthClient(r)
  return { type, token_endpoint_auth_method, redirect_uris, post_logout_redirect_uris, grant_types, scopes }
}

/** The settings' columns (every one but the type, which never changes). */
const columnsOf = (s: Omit<Partial<ReturnType<typeof settingsOf>>, 'type'>) => ({
  name: s.name,
  tokenEndpointAuthMethod: s.token_endpoint_auth_method as OAuthClientRow['tokenEndpointAuthMethod'] | undefined,
  redirectUris: s.redirect_uris,
  postLogoutRedirectUris: s.post_logout_redirect_uris,
  grantTypes: s.grant_types,
  scopes: s.scopes,
  firstParty: s.first_party,
})

/** A client's tokens act for its developer (client credentials), so registering one is guarded like minting the developer a key. */
export async function createOAuthClient(ctx: AppContext, organizationId: string, developerId: string, input: CreateOAuthClient, actor: Actor, grantor: Grantor): Promise<OAuthClientWithSecret> {
  await guardedDeveloper(ctx, organizationId, developerId, grantor)
  const settings = settingsOf(input)
  await checkSettings(ctx, organizationId, settings)
  assertGrantable(grantor, settings)
  const { secret, secretHash } = settings.type === 'confidential' ? newSecret() : { secret: undefined, secretHash: null }
  return write(ctx, async (tx, w) => {
    const clientId = `cc_client_${randomToken(16)}`
    const row = await insertOAuthClient(tx, organizationId, { ...columnsOf(settings), developerId, clientId, kind: settings.type, secretHash } as Parameters<typeof insertOAuthClient>[2])
    w.audit(actor, { organizationId, action: 'oauth_client.created', targetType: 'oauth_client', targetId: row.id, metadata: { name: row.name, client_id: clientId, developer_id: developerId, type: row.kind } })
    // The provider may hold a cached miss for this client_id.
    w.invalidate(tags.oauthClient(clientId))
    return { ...toOAuthClient(row), ...(secret && { client_secret: secret }) }
  })
}

/**
 * The live client, once the caller may act on its developer and could have registered the
 * client as it stands: else changing its redirect URIs or rotating its secret would hand a
 * staff member a client with scopes they do not hold, or a first-party one (no consent
 * page), that an administrator made.
 */
async function guardedClient(ctx: AppContext, organizationId: string, id: string, grantor: Grantor): Promise<OAuthClientRow> {
  const row = await liveClient(ctx, organizationId, id)
  await guardedDeveloper(ctx, organizationId, row.developerId, grantor)
  const beyond = apiScopesBeyondReach(grantor, row.scopes)
  if (beyond.length) throw permissionDenied(`This client has scopes you do not hold: ${beyond.join(', ')}.`)
  if (row.firstParty && !isAdministrator(grantor)) throw permissionDenied('Only an administrator of the organization changes a first-party client.')
  return row
}

export async function changeOAuthClient(ctx: AppContext, organizationId: string, id: string, input: UpdateOAuthClient, actor: Actor, grantor: Grantor): Promise<OAuthClient> {
  const current = await guardedClient(ctx, organizationId, id, grantor)
  // Only the scopes sent are checked against the organization's: a stored one whose permission
  // was deleted since does not block changing something else.
  const merged = { ...settingsOfRow(current), ...input }
  await checkSettings(ctx, organizationId, { ...merged, scopes: input.scopes ?? [] })
  assertGrantable(grantor, input)
  return write(ctx, async (tx, w) => {
    const row = await updateOAuthClient(tx, organizationId, id, columnsOf(input))
    if (!row) throw notFound()
    w.audit(actor, { organizationId, action: 'oauth_client.updated', targetType: 'oauth_client', targetId: id, metadata: { fields: Object.keys(input) } })
    w.invalidate(tags.oauthClient(row.clientId))
    return toOAuthClient(row)
  })
}

/** Soft-deletes a client; the database's trigger ends its codes, tokens and grants in the same transaction. */
export async function deleteOAuthClient(ctx: AppContext, organizationId: string, id: string, actor: Actor, grantor: Grantor): Promise<void> {
  const row = await guardedClient(ctx, organizationId, id, grantor)
  await write(ctx, async (tx, w) => {
    if (!(await softDeleteOAuthClient(tx, organizationId, id))) throw notFound()
    w.audit(actor, { organizationId, action: 'oauth_client.deleted', targetType: 'oauth_client', targetId: id, metadata: { client_id: row.clientId } })
    w.invalidate(tags.oauthClient(row.clientId))
  })
}

/** A new secret for a confidential client; the old one fails from the commit on. */
export async function rotateOAuthClientSecret(ctx: AppContext, organizationId: string, id: string, actor: Actor, grantor: Grantor): Promise<OAuthClientWithSecret> {
  const current = await guardedClient(ctx, organizationId, id, grantor)
  if (current.kind !== 'confidential') throw conflict('A public client has no secret to rotate.')
  const { secret, secretHash } = newSecret()
  return write(ctx, async (tx, w) => {
    const row = await updateOAuthClient(tx, organizationId, id, { secretHash })
    if (!row) throw notFound()
    w.audit(actor, { organizationId, action: 'oauth_client.secret_rotated', targetType: 'oauth_client', targetId: id, metadata: { client_id: row.clientId } })
    w.invalidate(tags.oauthClient(row.clientId))
    return { ...toOAuthClient(row), client_secret: secret }
  })
}
