import { describe, expect, it } from 'vitest'
import { tags } from './cache-tags'
import { TaggedCache } from './invalidation'

describe('TaggedCache', () => {
  it('drops every entry carrying an invalidated tag, and only those', async () => {
    const cache = new TaggedCache<string>(60_000)
    await cache.getOrLoad('a', async () => ({ value: 'A', tags: [tags.user('1'), tags.org('x')] }))
    await cache.getOrLoad('b', async () => ({ value: 'B', tags: [tags.user('2'), tags.org('x')] }))
    await cache.getOrLoad('c', async () => ({ value: 'C', tags: [tags.user('3'), tags.org('y')] }))
    cache.invalidate([tags.user('1')])
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 'B', 'C'])
    cache.invalidate([tags.org('x')])
    expect([cache.get('b'), cache.get('c')]).toEqual([undefined, 'C'])
    cache.invalidate([tags.everything])
    expect(cache.get('c')).toBeUndefined()
  })

  it('does not store a value read before an invalidation that landed during the read', async () => {
    const cache = new TaggedCache<string>(60_000)
    let release!: () => void
    const loading = cache.getOrLoad('k', () => new Promise((resolve) => { release = () => resolve({ value: 'stale', tags: [tags.user('1')] }) }))
    cache.invalidate([tags.user('1')]) // the write commits while the read is in flight
    release()
    expect(await loading).toBe('stale') // this caller still gets what it read…
    expect(cache.get('k')).toBeUndefined() // …but the next one reads again
  })

  it('expires entries after their TTL and caches nothing with a TTL of 0', async () => {
    const short = new TaggedCache<string>(5)
    await short.getOrLoad('k', async () => ({ value: 'v', tags: [] }))
    await new Promise((r) => setTimeout(r, 10))
    expect(short.get('k')).toBeUndefined()
    const off = new TaggedCache<string>(0)
    await off.getOrLoad('k', async () => ({ value: 'v', tags: [] }))
    expect(off.get('k')).toBeUndefined()
  })

  it('never keeps an entry beyond the cache TTL, even when the loader allows longer (a session expiring in days)', async () => {
    // The cache TTL is what bounds staleness when another instance's invalidation is lost (Redis outage).
    const short = new TaggedCache<string>(5)
    await short.getOrLoad('k', async () => ({ value: 'v', tags: [], ttlMs: 14 * 86_400_000 }))
    await new Promise((r) => setTimeout(r, 10))
    expect(short.get('k')).toBeUndefined()
    const off = new TaggedCache<string>(0)
    await off.getOrLoad('k', async () => ({ value: 'v', tags: [], ttlMs: 60_000 }))
    expect(off.get('k')).toBeUndefined()
  })
})
