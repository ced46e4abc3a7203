import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Executor } from '../../db'
import { developers, oauthClients } from '../../db/schema'
import { softDeletable, type ListFilter } from '../../db/soft-deletable'
import type { PageRequest } from '../../lib/pagination'

export type OAuthClientRow = typeof oauthClients.$inferSelect

/** What `?search=` looks in (few clients per organization: no trigram index of its own). */
const oauthClientSearchColumns = [oauthClients.name, oauthClients.clientId]
const clientRows = softDeletable(oauthClients, { searchColumns: oauthClientSearchColumns })

/** A client of a deleted developer is gone with it (its tokens were ended by the developer's trigger). */
const developerIsLive = sql`EXISTS (SELECT 1 FROM ${developers} WHERE ${developers.organizationId} = ${oauthClients.organizationId}
  AND ${developers.id} = ${oauthClients.developerId} AND ${developers.deletedAt} IS NULL)`

export const findOAuthClientById = (exec: Executor, organizationId: string, id: string) => clientRows.findLive(exec, organizationId, id, developerIsLive)
/** One page of the organization's live clients whose developer is live. */
export const listOAuthClients = (exec: Executor, organizationId: string, page: PageRequest, filter: ListFilter) =>
  clientRows.list(exec, organizationId, page, { ...filter, where: [...(filter.where ?? []), developerIsLive] })
export const insertOAuthClient = clientRows.insert
export const updateOAuthClient = clientRows.update
export const softDeleteOAuthClient = clientRows.softDelete

/**
 * The client the OpenID provider knows as `clientId` in the organization: live, and its
 * developer live. Used by the provider's client lookup (src/modules/oidc/).
 */
export async function findLiveOAuthClient(exec: Executor, organizationId: string, clientId: string): Promise<OAuthClientRow | undefined> {
  const [row] = await exec.select().from(oauthClients)
    .where(and(eq(oauthClients.organizationId, organizationId), eq(oauthClients.clientId, clientId), isNull(oauthClients.deletedAt), developerIsLive))
    .limit(1)
  return row
}

/** The public ids of a developer's live clients (their cache tags go when the developer comes back). */
export async function clientIdsOfDeveloper(exec: Executor, organizationId: string, developerId: string): Promise<string[]> {
  const rows = await exec.select({ clientId: oauthClients.clientId }).from(oauthClients)
    .where(and(clientRows.live(organizationId), eq(oauthClients.developerId, developerId)))
  return rows.map((r) => r.clientId)
}
