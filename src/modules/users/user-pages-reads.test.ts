import { describe, expect, it } from 'vitest'
import type { Database } from '../../db'
import type { ListenHandlers } from '../../db/listen'
import { UserPageCache } from './user-pages'

/** The cache's own logic, with notifications delivered by hand (HTTP behaviour: user-pages.test.ts). */
async function cacheWithFeed() {
  let feed: ListenHandlers | undefined
  const database = { listen: async (_channel: string, handlers: ListenHandlers) => { (feed = handlers).onLive(true); return async () => {} } }
  const cache = new UserPageCache(60_000)
  await cache.start(database as unknown as Database)
  return { cache, feed: feed as ListenHandlers }
}

function deferred() {
  let resolve: (body: string) => void = () => {}
  const promise = new Promise<string>((r) => { resolve = r })
  return { promise, resolve }
}

const ORG = '01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e'
const OTHER = '01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0f'
const text = async (p: Promise<Buffer>) => (await p).toString()

describe('UserPageCache', () => {
  it('reads a page once for requests that miss together, then serves it stored', async () => {
    const { cache } = await cacheWithFeed()
    let reads = 0
    const read = async () => { reads++; await new Promise((r) => setTimeout(r, 10)); return '{"page":1}' }
    const bodies = await Promise.all([1, 2, 3].map(() => text(cache.getOrLoad(ORG, '{}', read))))
    expect(bodies).toEqual(['{"page":1}', '{"page":1}', '{"page":1}'])
    expect(await text(cache.getOrLoad(ORG, '{}', read))).toBe('{"page":1}')
    expect(reads).toBe(1)
  })

  it('never hands a request that arrives after a notification the read begun before it, nor stores that read', async () => {
    const { cache, feed } = await cacheWithFeed()
    const before = deferred()
    const early = cache.getOrLoad(ORG, '{}', () => before.promise)
    feed.onMessage(ORG) // a write committed while the first read was under way
    const late = cache.getOrLoad(ORG, '{}', async () => 'after')
    before.resolve('before')
    expect(await text(early)).toBe('before')
    expect(await text(late)).toBe('after')
    expect(await text(cache.getOrLoad(ORG, '{}', async () => 'read again'))).toBe('after')
  })

  it("keeps an organization's page when another organization changes, drops it on its own or on `*`", async () => {
    const { cache, feed } = await cacheWithFeed()
    await cache.getOrLoad(ORG, '{}', async () => 'one')
    feed.onMessage(OTHER)
    expect(await text(cache.getOrLoad(ORG, '{}', async () => 'two'))).toBe('one')
    feed.onMessage(ORG)
    expect(await text(cache.getOrLoad(ORG, '{}', async () => 'three'))).toBe('three')
    feed.onMessage('*')
    expect(await text(cache.getOrLoad(ORG, '{}', async () => 'four'))).toBe('four')
  })

  it('stores nothing while the feed is down, and drops everything when it is back', async () => {
    const { cache, feed } = await cacheWithFeed()
    await cache.getOrLoad(ORG, '{}', async () => 'cached')
    feed.onLive(false)
    expect(await text(cache.getOrLoad(ORG, '{}', async () => 'down 1'))).toBe('down 1')
    expect(await text(cache.getOrLoad(ORG, '{}', async () => 'down 2'))).toBe('down 2')
    feed.onLive(true)
    expect(await text(cache.getOrLoad(ORG, '{}', async () => 'up'))).toBe('up')
    expect(await text(cache.getOrLoad(ORG, '{}', async () => 'not read'))).toBe('up')
  })

  it('keys pages by organization and query, and does not store an oversized page', async () => {
    const { cache } = await cacheWithFeed()
    await cache.getOrLoad(ORG, '{"limit":50}', async () => 'fifty')
    expect(await text(cache.getOrLoad(OTHER, '{"limit":50}', async () => 'other org'))).toBe('other org')
    expect(await text(cache.getOrLoad(ORG, '{"limit":10}', async () => 'ten'))).toBe('ten')
    const big = 'x'.repeat(129 * 1024)
    await cache.getOrLoad(ORG, '{"big":1}', async () => big)
    expect(await text(cache.getOrLoad(ORG, '{"big":1}', async () => 'read again'))).toBe('read again')
  })

  it('after a write through this instance, drops the pages of the organizations its tags name, and only those', async () => {
    const { cache } = await cacheWithFeed()
    const cached = async (org: string) => text(cache.getOrLoad(org, '{}', async () => 'fresh'))
    const store = async () => { for (const org of [ORG, OTHER]) await cache.getOrLoad(org, '{}', async () => 'cached') }
    await store()
    // Names no organization: a session, a user (a sign-in publishes its organization's list tag beside it), org:*new.
    cache.droppedByLocalWrite(['session:1', `user:${ORG}`, 'org:*new', 'org:*origins'])
    expect([await cached(ORG), await cached(OTHER)]).toEqual(['cached', 'cached'])
    cache.droppedByLocalWrite([`user:${ORG}`, `users-list:${ORG}`])
    expect([await cached(ORG), await cached(OTHER)]).toEqual(['fresh', 'cached'])
    cache.droppedByLocalWrite([`org:${OTHER}`])
    expect(await cached(OTHER)).toBe('fresh')
    cache.droppedByLocalWrite(['*'])
    expect(cache.size()).toBe(0)
  })
})
