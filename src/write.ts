import type { AppContext } from './context'
import type { Executor } from './db'
import type { CacheTag } from './lib/cache-tags'
import { isUniqueViolation } from './lib/errors'
import { uniqueFieldError } from './lib/unique-fields'
import { insertAuditEvents, type Actor, type AuditInput } from './modules/audit/audit.repository'
import type { AuditAction, MetadataOf } from './modules/audit/audit-actions'

/** What a write needs of the context: the CLI's and the tests' contexts are the app's. */
export type WriteContext = Pick<AppContext, 'db' | 'log' | 'metrics' | 'invalidate'>

interface RecordedEvent<A extends AuditAction> {
  organizationId: string | null
  action: A
  targetType?: string
  targetId?: string | null
  metadata?: MetadataOf<A>
}

/** Collects what a write records: its audit events (written before commit) and the tags it invalidates (published after). */
export interface Writer {
  audit<A extends AuditAction>(actor: Actor, event: RecordedEvent<A>): void
  invalidate(...tags: CacheTag[]): void
}

export interface WriteOptions {
  /**
   * The error for a unique violation instead of the index's declared field error
   * (src/lib/unique-fields.ts): a restore that clashes with a live row answers 409.
   */
  onUniqueViolation?: () => Error
}

/**
 * The one way to change data: `fn` runs in one transaction; its audit events are written
 * in that transaction (a rollback leaves none); a unique violation becomes the declared
 * field error; the tags are published once the transaction has committed, and a failing
 * publish is logged and counted, never turning the committed write into an error.
 *
 * ```ts
 * const view = await write(ctx, async (tx, w) => {
 *   const row = await updateUser(tx, orgId, id, changes)
 *   w.audit(actor, { organizationId: orgId, action: 'user.updated', targetType: 'user', targetId: id, metadata: { fields } })
 *   w.invalidate(tags.user(id))
 *   return row
 * })
 * ```
 */
export async function write<T>(ctx: WriteContext, fn: (tx: Executor, w: Writer) => Promise<T>, opts: WriteOptions = {}): Promise<T> {
  const published: CacheTag[] = []
  const result = await ctx.db.transaction(async (tx) => {
    const recorded = recorder()
    const value = await fn(tx, recorded.writer)
    await recorded.flush(tx)
    published.push(...recorded.tags)
    return value
  }).catch((err: unknown) => { throw uniqueViolationError(err, opts) ?? err })
  await publishAfterCommit(ctx, published)
  return result
}

function recorder() {
  const events: Array<{ actor: Actor; event: AuditInput }> = []
  const tags: CacheTag[] = []
  const writer: Writer = {
    audit: (actor, event) => { events.push({ actor, event }) },
    invalidate: (...more) => { tags.push(...more) },
  }
  return {
    writer,
    tags,
    async flush(tx: Executor) {
      // In the order recorded, one statement per run of one actor (a bulk write: one event per imported user).
      for (let i = 0; i < events.length;) {
        const { actor } = events[i]
        let end = i
        while (end < events.length && events[end].actor === actor) end++
        await insertAuditEvents(tx, actor, events.slice(i, end).map((e) => e.event))
        i = end
      }
    },
  }
}

function uniqueViolationError(err: unknown, opts: WriteOptions): Error | undefined {
  if (opts.onUniqueViolation && isUniqueViolation(err)) return opts.onUniqueViolation()
  return uniqueFieldError(err)
}

/**
 * Publishes a committed write's invalidations; a failure is logged and counted, never thrown.
 * `write` calls it; a hot path written as one statement (the login's, in
 * sessions.repository.ts) calls it once that statement has returned.
 */
export async function publishAfterCommit(ctx: WriteContext, published: CacheTag[]): Promise<void> {
  if (published.length === 0) return
  const unique = [...new Set(published)]
  try {
    await ctx.invalidate(unique)
  } catch (err) {
    ctx.metrics.invalidationPublishFailures.inc()
    ctx.log.error({ err, tags: unique.length }, 'invalidation publish failed (the write is committed; cached entries expire by the cache TTL)')
  }
}
