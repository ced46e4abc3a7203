import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm'
import type { Executor } from '../../db'
import { mfaRecoveryCodes, oneTimeTokens, users } from '../../db/schema'
import { newId } from '../../lib/ids'
import { randomToken, sha256 } from '../../lib/secrets'

export type OneTimeTokenRow = typeof oneTimeTokens.$inferSelect
export type TokenPurpose = 'password_reset' | 'email_verification' | 'mfa' | 'mfa_setup' | 'totp_used'

/**
 * Issues a single-use token: 256 random bits, only its SHA-256 stored. Older unused
 * tokens of the same purpose die, so only the newest link works.
 */
export async function issueOneTimeToken(exec: Executor, owner: { organizationId: string; userId: string }, purpose: TokenPurpose, ttlMs: number): Promise<string> {
  const token = randomToken(32)
  await exec.transaction(async (tx) => {
    // Serialises concurrent issuers for one user and purpose: without it two could each
    // delete nothing and insert, leaving two live links.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`${owner.userId}:${purpose}`}))`)
    await deleteUnusedTokens(tx, owner.userId, purpose)
    await tx.insert(oneTimeTokens).values({ id: newId(), ...owner, purpose, tokenHash: sha256(token), expiresAt: new Date(Date.now() + ttlMs) })
  })
  return token
}

/** A live (unused, unexpired) token, without using it up. */
export async function findLiveToken(exec: Executor, purpose: TokenPurpose, token: string): Promise<OneTimeTokenRow | undefined> {
  const [row] = await exec.select().from(oneTimeTokens).where(and(
    eq(oneTimeTokens.tokenHash, sha256(token)), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt), gt(oneTimeTokens.expiresAt, sql`now()`),
  )).limit(1)
  return row
}

/** Uses a token up; undefined when it is unknown, used (by a concurrent request too) or expired. */
export async function consumeToken(exec: Executor, purpose: TokenPurpose, token: string): Promise<OneTimeTokenRow | undefined> {
  const [row] = await exec.update(oneTimeTokens).set({ usedAt: new Date() }).where(and(
    eq(oneTimeTokens.tokenHash, sha256(token)), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt), gt(oneTimeTokens.expiresAt, sql`now()`),
  )).returning()
  return row
}

/** Kills every unused token of a purpose for a user (e.g. pending MFA logins after a reset). */
export async function deleteUnusedTokens(exec: Executor, userId: string, purpose: TokenPurpose): Promise<void> {
  await exec.delete(oneTimeTokens).where(and(eq(oneTimeTokens.userId, userId), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt)))
}

/** Kills every unused link and pending MFA step of an organization's users (its deletion). */
export async function deleteOrganizationUnusedTokens(exec: Executor, organizationId: string): Promise<void> {
  // Through the users of the organization, so the (user_id, purpose) index serves the delete.
  const members = exec.select({ id: users.id }).from(users).where(eq(users.organizationId, organizationId))
  await exec.delete(oneTimeTokens).where(and(inArray(oneTimeTokens.userId, members), isNull(oneTimeTokens.usedAt)))
}

/**
 * Records that a TOTP time step was used by a user. The unique index on the hash makes
 * it atomic across requests and instances: false means the code was already used.
 */
export async function markTotpStepUsed(exec: Executor, owner: { organizationId: string; userId: string }, step: number): Promise<boolean> {
  const rows = await exec.insert(oneTimeTokens).values({
    id: newId(), ...owner, purpose: 'totp_used', tokenHash: sha256(`totp-step:${owner.userId}:${step}`),
    expiresAt: new Date((step + 3) * 30_000), usedAt: new Date(),
  }).onConflictDoNothing().returning({ id: oneTimeTokens.id })
  return rows.length === 1
}

export async function replaceRecoveryCodes(exec: Executor, owner: { organizationId: string; userId: string }, codeHashes: string[]): Promise<void> {
  await exec.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, owner.userId))
  if (codeHashes.length) await exec.insert(mfaRecoveryCodes).values(codeHashes.map((codeHash) => ({ id: newId(), ...owner, codeHash })))
}

/** Uses up one recovery code; false when none matches (or it was used concurrently). */
export async function consumeRecoveryCode(exec: Executor, userId: string, codeHash: string): Promise<boolean> {
  const rows = await exec.update(mfaRecoveryCodes).set({ usedAt: new Date() })
    .where(and(eq(mfaRecoveryCodes.userId, userId), eq(mfaRecoveryCodes.codeHash, codeHash), isNull(mfaRecoveryCodes.usedAt)))
    .returning({ id: mfaRecoveryCodes.id })
  return rows.length === 1
}
