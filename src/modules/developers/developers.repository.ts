import { and, eq, sql } from 'drizzle-orm'
import type { Executor } from '../../db'
import { apiKeys, developerRoles, developers } from '../../db/schema'
import { softDeletable } from '../../db/soft-deletable'
import { withKeyset, type PageRequest } from '../../lib/pagination'
import { liveKeysOf } from '../api-keys/api-keys.repository'

export type DeveloperRow = typeof developers.$inferSelect

/** What `?search=` looks in: the columns of the `developers_search` index, in its order. */
export const developerSearchColumns = [developers.name, developers.email]

const developerRows = softDeletable(developers, { searchColumns: developerSearchColumns })

export const findDeveloperById = developerRows.findLive
export const findDeletedDeveloper = developerRows.findDeleted
export const listDevelopers = developerRows.list
export const insertDeveloper = developerRows.insert
export const updateDeveloper = developerRows.update
export const softDeleteDeveloper = developerRows.softDelete
export const restoreDeveloper = developerRows.restore

/** Is the name held by a live developer (case-insensitively, other than `exceptId`)? */
export const developerNameTaken = (exec: Executor, organizationId: string, name: string, exceptId?: string): Promise<boolean> =>
  developerRows.isTaken(exec, organizationId, sql`lower(${developers.name}) = ${name.toLowerCase()}`, exceptId)

export async function setDeveloperRoles(exec: Executor, organizationId: string, developerId: string, roleIds: string[]): Promise<void> {
  await exec.delete(developerRoles).where(and(eq(developerRoles.organizationId, organizationId), eq(developerRoles.developerId, developerId)))
  const ids = [...new Set(roleIds)]
  if (ids.length) await exec.insert(developerRoles).values(ids.map((roleId) => ({ organizationId, developerId, roleId })))
}

/** Live (unrevoked) keys of a developer, newest first by default. */
export async function listDeveloperKeys(exec: Executor, organizationId: string, developerId: string, page: PageRequest) {
  const q = withKeyset(page, apiKeys.id, liveKeysOf(organizationId, { developerId }))
  return exec.select().from(apiKeys).where(q.where).orderBy(...q.orderBy).limit(q.limit)
}
