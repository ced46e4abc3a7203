import { sql } from 'drizzle-orm'
import type { Db } from '../../db'
import { findOrganizationByIdOrSlug, insertOrganizationWithDefaults } from './organizations.repository'

export const DEFAULT_ORGANIZATION_SLUG = 'default'

/**
 * Makes sure the built-in `default` organization exists. Idempotent and safe when
 * several instances start at once (a transaction-scoped advisory lock serializes them).
 */
export async function ensureDefaultOrganization(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7316002)`)
    if (await findOrganizationByIdOrSlug(tx, DEFAULT_ORGANIZATION_SLUG)) return
    await insertOrganizationWithDefaults(tx, { name: 'Default', slug: DEFAULT_ORGANIZATION_SLUG })
  })
}
