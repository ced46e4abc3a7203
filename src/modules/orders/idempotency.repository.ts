import { and, eq, gt, sql } from 'drizzle-orm'
import type { Executor } from '../../db'
import { idempotencyKeys } from '../../db/schema'

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000

const keyOf = (organizationId: string, principalId: string, key: string) =>
  and(eq(idempotencyKeys.organizationId, organizationId), eq(idempotencyKeys.principalId, principalId), eq(idempotencyKeys.key, key))

/** The unexpired record of a key, if any. */
export async function findLiveKey(exec: Executor, organizationId: string, principalId: string, key: string): Promise<IdempotencyRow | undefined> {
  const [row] = await exec.select().from(idempotencyKeys)
    .where(and(keyOf(organizationId, principalId, key), gt(idempotencyKeys.expiresAt, sql`now()`))).limit(1)
  return row
}

/**
 * Claims a key inside the transaction that does the work (the response is stored by
 * `setKeyResponse` before that transaction commits, so nobody ever sees a claim without
 * one). A concurrent request with the same key blocks on this row until that transaction
 * ends: after a commit it finds the key taken (false) and replays; after a rollback (a
 * 4xx) its own insert goes through, so a failure never poisons the key. An expired record
 * is taken over.
 */
export async function claimKey(exec: Executor, organizationId: string, principalId: string, key: string, requestHash: string): Promise<boolean> {
  const expiresAt = new Date(Date.now() + IDEMPOTENCY_TTL_MS)
  const rows = await exec.insert(idempotencyKeys).values({ organizationId, principalId, key, requestHash, expiresAt })
    .onConflictDoUpdate({
      target: [idempotencyKeys.organizationId, idempotencyKeys.principalId, idempotencyKeys.key],
      set: { requestHash, responseStatus: null, responseBody: null, createdAt: sql`now()`, expiresAt },
      setWhere: sql`${idempotencyKeys.expiresAt} <= now()`,
    }).returning({ key: idempotencyKeys.key })
  return rows.length > 0
}

export async function setKeyResponse(exec: Executor, organizationId: string, principalId: string, key: string, status: number, body: unknown): Promise<void> {
  await exec.update(idempotencyKeys).set({ responseStatus: status, responseBody: body }).where(keyOf(organizationId, principalId, key))
}
