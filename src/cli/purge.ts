import { sql, type SQL } from 'drizzle-orm'
import { defineCommand } from './types'
import { parseDuration } from '../config'
import type { Db } from '../db'
import { tags } from '../lib/cache-tags'

/**
 * `commercecore purge --older-than 30d`: hard-deletes rows soft-deleted before the
 * cutoff, in batches (each batch its own short transaction, so a large purge never
 * holds long locks), children before parents so every foreign key holds:
 *
 *   orders (their items cascade) → products no order points at → users no order
 *   points at (sessions, keys, tokens, role links cascade) → developers → roles →
 *   permissions → organizations (each with everything still in it, in one transaction).
 *
 * Rows still referenced (a deleted product in a live order, a deleted user with orders)
 * are kept and counted. Expired single-use tokens and sessions ended before the cutoff
 * go too, and so do the OpenID providers' artifacts expired before it. Audit events are kept, except those of a purged organization.
 */
export interface PurgeReport { [table: string]: number }

const BATCH = 1000

export async function purge(db: Db, olderThanSeconds: number): Promise<{ deleted: PurgeReport; kept: PurgeReport }> {
  const cutoff = new Date(Date.now() - olderThanSeconds * 1000)
  const deleted: PurgeReport = {}
  const kept: PurgeReport = {}
  /** Deletes in batches the rows of `table` matched by `where`, until none is left. */
  const sweep = async (name: string, table: string, where: SQL, key = 'id') => {
    let total = 0
    for (;;) {
      const id = sql.identifier(key)
      const res = await db.execute(sql`DELETE FROM ${sql.identifier(table)} WHERE ${id} IN (SELECT ${id} FROM ${sql.identifier(table)} t WHERE ${where} LIMIT ${BATCH})`)
      const n = rowCount(res)
      total += n
      if (n < BATCH) break
    }
    deleted[name] = (deleted[name] ?? 0) + total
  }
  const count = async (name: string, table: string, where: SQL) => {
    const res = await db.execute(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} t WHERE ${where}`)
    kept[name] = Number(rows(res)[0]?.n ?? 0)
  }
  const old = sql`t.deleted_at IS NOT NULL AND t.deleted_at < ${cutoff}`

  await sweep('orders', 'orders', old)
  const productFree = sql`NOT EXISTS (SELECT 1 FROM order_items i WHERE i.product_id = t.id)`
  await sweep('products', 'products', sql`${old} AND ${productFree}`)
  await count('products', 'products', sql`${old} AND NOT (${productFree})`)
  const userFree = sql`NOT EXISTS (SELECT 1 FROM orders o WHERE o.user_id = t.id)`
  await sweep('users', 'users', sql`${old} AND ${userFree}`)
  await count('users', 'users', sql`${old} AND NOT (${userFree})`)
  await sweep('oauth_clients', 'oauth_clients', old)
  await sweep('developers', 'developers', old)
  await sweep('roles', 'roles', old)
  await sweep('permissions', 'permissions', old)
  await sweep('one_time_tokens', 'one_time_tokens', sql`t.expires_at < ${cutoff}`)
  await sweep('sessions', 'sessions', sql`(t.revoked_at < ${cutoff} OR t.expires_at < ${cutoff})`)
  // The OpenID providers' codes, tokens, sessions and interactions (no id column: by row address).
  await sweep('oauth_artifacts', 'oauth_artifacts', sql`t.expires_at < ${cutoff}`, 'ctid')

  deleted.organizations = await purgeOrganizations(db, cutoff)
  return { deleted, kept }
}

/** Deletes the organizations deleted before `cutoff` with every row that references them; returns how many. */
async function purgeOrganizations(db: Db, cutoff: Date) {
  const orgs = rows(await db.execute(sql`SELECT id FROM organizations WHERE deleted_at IS NOT NULL AND deleted_at < ${cutoff}`))
  for (const { id } of orgs) {
    await db.transaction(async (tx) => {
      // Every table that references organizations, leaves first.
      for (const table of ['order_items', 'orders', 'idempotency_keys', 'products', 'audit_events', 'one_time_tokens', 'mfa_recovery_codes', 'api_keys',
        'oauth_artifacts', 'oauth_session_links', 'oauth_clients', 'refresh_tokens', 'sessions', 'user_roles', 'developer_roles', 'role_permissions', 'users', 'developers', 'roles', 'permissions']) {
        const where = table === 'refresh_tokens'
          ? sql`session_id IN (SELECT id FROM sessions WHERE organization_id = ${id})`
          : sql`organization_id = ${id}`
        await tx.execute(sql`DELETE FROM ${sql.identifier(table)} WHERE ${where}`)
      }
      await tx.execute(sql`DELETE FROM organizations WHERE id = ${id}`)
    })
  }
  return orgs.length
}

const rows = (res: unknown): Array<Record<string, unknown>> => (Array.isArray(res) ? res : ((res as { rows?: unknown[] }).rows ?? [])) as Array<Record<string, unknown>>
const rowCount = (res: unknown): number => Number((res as { rowCount?: number; affectedRows?: number }).rowCount ?? (res as { affectedRows?: number }).affectedRows ?? 0)

export const purgeCommand = defineCommand({
  usage: 'purge --older-than 30d',
  summary: 'Hard-delete soft-deleted rows past retention (and expired tokens/sessions)',
  options: {
    'older-than': { type: 'string', description: 'Retention, e.g. 30d, 12h, 90m (required)' },
  },
  input(_config, values, positionals) {
    if (positionals.length) throw new Error(`unexpected argument "${positionals[0]}"`)
    const raw = values['older-than']
    if (typeof raw !== 'string') throw new Error('--older-than is required (e.g. --older-than 30d)')
    return { raw, seconds: parseDuration(raw, '--older-than') }
  },
  async execute(ctx, input) {
    const { deleted, kept } = await purge(ctx.db, input.seconds)
    await ctx.changed({ tags: [tags.everything] })
    const lines = [`Purged rows soft-deleted more than ${input.raw} ago: ${Object.entries(deleted).map(([t, n]) => `${t} ${n}`).join(', ')}.`]
    const stuck = Object.entries(kept).filter(([, n]) => n > 0)
    if (stuck.length) lines.push(`Kept because orders still reference them: ${stuck.map(([t, n]) => `${t} ${n}`).join(', ')}.`)
    return lines.join('\n')
  },
})
