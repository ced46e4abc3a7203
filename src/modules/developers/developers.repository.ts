import { and, eq, getTableColumns, isNotNull, isNull, sql } from 'drizzle-orm'
import type { Executor } from '../../db'
import { apiKeys, developerRoles, developers } from '../../db/schema'
import { newId } from '../../lib/ids'
import { containsAny, readSearchedPage, stepSource } from '../../lib/search'
import { withKeyset, type PageRequest } from '../../lib/pagination'
import { liveKeysOf } from '../api-keys/api-keys.repository'
import { findRoleRefsOf, type RoleRef } from '../roles/roles.repository'
import type { Developer } from './developers.schemas'

export type DeveloperRow = typeof developers.$inferSelect

const inOrg = (organizationId: string, id: string) => and(eq(developers.organizationId, organizationId), eq(developers.id, id))

export async function findDeveloperById(exec: Executor, organizationId: string, id: string): Promise<DeveloperRow | undefined> {
  const [row] = await exec.select().from(developers).where(and(inOrg(organizationId, id), isNull(developers.deletedAt))).limit(1)
  return row
}

export async function findDeletedDeveloper(exec: Executor, organizationId: string, id: string): Promise<DeveloperRow | undefined> {
  const [row] = await exec.select().from(developers).where(and(inOrg(organizationId, id), isNotNull(developers.deletedAt))).limit(1)
  return row
}

/** What `?search=` looks in: the columns of the `developers_search` index, in its order. */
export const developerSearchColumns = [developers.name, developers.email]

export async function listDevelopers(exec: Executor, organizationId: string, page: PageRequest, filters: { search?: string }): Promise<DeveloperRow[]> {
  const search = filters.search ? containsAny(developerSearchColumns, filters.search) : undefined
  const q = withKeyset(page, developers.id, eq(developers.organizationId, organizationId), isNull(developers.deletedAt))
  return readSearchedPage(page, search, (step) => {
    const source = stepSource(exec, developers, step, q, search)
    return exec.select(getTableColumns(developers)).from(source.from).where(source.where).orderBy(...q.orderBy).limit(q.limit)
  })
}

export async function developerNameTaken(exec: Executor, organizationId: string, name: string, exceptId?: string): Promise<boolean> {
  const [row] = await exec.select({ id: developers.id }).from(developers).where(and(
    eq(developers.organizationId, organizationId), sql`lower(${developers.name}) = ${name.toLowerCase()}`, isNull(developers.deletedAt),
    exceptId ? sql`${developers.id} <> ${exceptId}` : undefined,
  )).limit(1)
  return !!row
}

export async function insertDeveloper(exec: Executor, organizationId: string, input: { name: string; email?: string }): Promise<DeveloperRow> {
  const [row] = await exec.insert(developers).values({ id: newId(), organizationId, ...input }).returning()
  return row
}

export async function updateDeveloper(exec: Executor, organizationId: string, id: string, changes: { name?: string; email?: string }): Promise<DeveloperRow | undefined> {
  const [row] = await exec.update(developers).set({ ...changes, updatedAt: new Date() })
    .where(and(inOrg(organizationId, id), isNull(developers.deletedAt))).returning()
  return row
}

export async function softDeleteDeveloper(exec: Executor, organizationId: string, id: string): Promise<boolean> {
  const rows = await exec.update(developers).set({ deletedAt: new Date(), updatedAt: new Date() })
    .where(and(inOrg(organizationId, id), isNull(developers.deletedAt))).returning({ id: developers.id })
  return rows.length === 1
}

export async function restoreDeveloper(exec: Executor, organizationId: string, id: string): Promise<DeveloperRow | undefined> {
  const [row] = await exec.update(developers).set({ deletedAt: null, updatedAt: new Date() })
    .where(and(inOrg(organizationId, id), isNotNull(developers.deletedAt))).returning()
  return row
}

export async function setDeveloperRoles(exec: Executor, organizationId: string, developerId: string, roleIds: string[]): Promise<void> {
  await exec.delete(developerRoles).where(and(eq(developerRoles.organizationId, organizationId), eq(developerRoles.developerId, developerId)))
  const ids = [...new Set(roleIds)]
  if (ids.length) await exec.insert(developerRoles).values(ids.map((roleId) => ({ organizationId, developerId, roleId })))
}

const findDeveloperRoleRefs = (exec: Executor, organizationId: string, developerIds: string[]): Promise<Map<string, RoleRef[]>> =>
  findRoleRefsOf(exec, organizationId, 'developer', developerIds)

const toDeveloper = (r: DeveloperRow, roleRefs: RoleRef[]): Developer => ({
  id: r.id,
  organization: r.organizationId,
  name: r.name,
  email: r.email,
  roles: roleRefs,
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
})

export async function loadDevelopers(exec: Executor, rows: DeveloperRow[]): Promise<Developer[]> {
  if (rows.length === 0) return []
  const refs = await findDeveloperRoleRefs(exec, rows[0].organizationId, rows.map((r) => r.id))
  return rows.map((r) => toDeveloper(r, refs.get(r.id) ?? []))
}

export const loadDeveloper = async (exec: Executor, row: DeveloperRow): Promise<Developer> => (await loadDevelopers(exec, [row]))[0]

/** Live (unrevoked) keys of a developer, newest first by default. */
export async function listDeveloperKeys(exec: Executor, organizationId: string, developerId: string, page: PageRequest) {
  const q = withKeyset(page, apiKeys.id, liveKeysOf(organizationId, { developerId }))
  return exec.select().from(apiKeys).where(q.where).orderBy(...q.orderBy).limit(q.limit)
}
