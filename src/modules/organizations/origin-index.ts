import type { Db } from '../../db'
import { tags } from '../../lib/cache-tags'
import { TaggedCache } from '../../lib/invalidation'
import { listOrganizationOrigins } from './organizations.repository'

export type OriginMap = ReadonlyMap<string, ReadonlySet<string>>
const KEY = 'all'
const NONE: ReadonlySet<string> = new Set()

/**
 * Origin → ids of the live organizations whose `cors_allowed_origins` list it, for every
 * organization at once: one query loads it, and it stays in memory until an organization
 * is written (every write publishes `tags.organizationOrigins` on the invalidation bus, so
 * every instance drops it) or the cache TTL passes. While it is loaded no request waits on
 * the database; after a drop, the cross-origin requests that need it share one load.
 */
export class OriginIndex {
  private readonly cache: TaggedCache<OriginMap>
  private loading: Promise<OriginMap> | undefined

  constructor(private readonly db: Db, ttlMs: number) {
    this.cache = new TaggedCache<OriginMap>(ttlMs)
  }

  /** The loaded index, or undefined when it must be (re)loaded. */
  current(): OriginMap | undefined {
    return this.cache.get(KEY)
  }

  load(): Promise<OriginMap> {
    if (this.loading) return this.loading
    const loading = this.cache.getOrLoad(KEY, async () => ({ value: toMap(await listOrganizationOrigins(this.db)), tags: [tags.organizationOrigins] }))
      .finally(() => { if (this.loading === loading) this.loading = undefined })
    this.loading = loading
    return loading
  }

  /**
   * Only organization writes (and a full flush) concern the index. Every other tag (a
   * login's `user:`, a refresh's `session:`) is ignored: passed on, it would discard each
   * load it overlapped, and under sign-in traffic the index would hardly ever stay loaded.
   */
  invalidate(published: string[]): void {
    if (!published.includes(tags.everything) && !published.includes(tags.organizationOrigins)) return
    this.cache.invalidate(published)
    // A load already under way may have read the old lists: later callers start their own.
    this.loading = undefined
  }
}

export const organizationsIn = (map: OriginMap, origin: string): ReadonlySet<string> => map.get(origin) ?? NONE

function toMap(rows: { id: string; origins: string[] }[]): OriginMap {
  const map = new Map<string, Set<string>>()
  for (const { id, origins } of rows) {
    for (const origin of origins) {
      let ids = map.get(origin)
      if (!ids) map.set(origin, (ids = new Set()))
      ids.add(id)
    }
  }
  return map
}
