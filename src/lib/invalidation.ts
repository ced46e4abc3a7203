import type { CacheTag } from './cache-tags'

/**
 * A small in-process cache whose entries carry tags (`user:<id>`, `session:<id>`,
 * `org:<id>`, … built by src/lib/cache-tags.ts). `invalidate(tags)` drops every entry with one of those tags, here
 * and — through Redis pub/sub when configured — on every other instance.
 *
 * A generation counter closes the read/invalidate race: a value read from the database
 * before an invalidation landed is not stored after it.
 */
export class TaggedCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number; tags: CacheTag[] }>()
  private readonly byTag = new Map<string, Set<string>>()
  private generation = 0

  constructor(private readonly ttlMs: number, private readonly maxEntries = 100_000) {}

  get(key: string): V | undefined {
    const e = this.entries.get(key)
    if (!e) return undefined
    if (e.expiresAt <= Date.now()) {
      this.delete(key)
      return undefined
    }
    return e.value
  }

  private set(key: string, value: V, tags: CacheTag[], mark: number, ttlMs = this.ttlMs): void {
    // A loader's TTL (a session's expiry) can only shorten the cache's: the cache TTL is what
    // bounds staleness when an invalidation from another instance never arrives.
    ttlMs = Math.min(ttlMs, this.ttlMs)
    if (ttlMs <= 0 || mark !== this.generation) return
    if (this.entries.size >= this.maxEntries) this.delete(this.entries.keys().next().value as string)
    this.delete(key)
    this.entries.set(key, { value, expiresAt: Date.now() + ttlMs, tags })
    for (const tag of tags) {
      let keys = this.byTag.get(tag)
      if (!keys) this.byTag.set(tag, (keys = new Set()))
      keys.add(key)
    }
  }

  /** Cached value, or `load()` stored under `tags` (the read/invalidate race handled), for at most the cache TTL. */
  async getOrLoad(key: string, load: () => Promise<{ value: V; tags: CacheTag[]; ttlMs?: number }>): Promise<V> {
    const hit = this.get(key)
    if (hit !== undefined) return hit
    const mark = this.generation
    const { value, tags, ttlMs } = await load()
    this.set(key, value, tags, mark, ttlMs)
    return value
  }

  /** Drops entries with any of `tags`; `*` drops everything. */
  invalidate(tags: string[]): void {
    if (tags.includes('*')) this.clear()
    else this.invalidateLocal(tags)
  }

  private invalidateLocal(tags: string[]): void {
    this.generation++
    for (const tag of tags) {
      const keys = this.byTag.get(tag)
      if (!keys) continue
      for (const key of keys) this.delete(key)
      this.byTag.delete(tag)
    }
  }

  private clear(): void {
    this.generation++
    this.entries.clear()
    this.byTag.clear()
  }

  private delete(key: string) {
    const e = this.entries.get(key)
    if (!e) return
    this.entries.delete(key)
    for (const tag of e.tags) {
      const keys = this.byTag.get(tag)
      keys?.delete(key)
      if (keys?.size === 0) this.byTag.delete(tag)
    }
  }
}
