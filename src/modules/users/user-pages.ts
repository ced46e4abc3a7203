import type { Database } from '../../db'
import { changesUsersList, tags } from '../../lib/cache-tags'
import { TaggedCache } from '../../lib/invalidation'

/** The channel the users_list_notify migration's triggers NOTIFY on (payload: an organization id, or `*`). */
const CHANNEL = 'users_list'
/** At most this many pages are held (the oldest go first)… */
const MAX_PAGES = 256
/** …and none larger than this: at most 32 MiB in all; a page of 50 users is ~27 KiB, of 200 ~110 KiB. */
const MAX_PAGE_BYTES = 128 * 1024

const toBuffer = (body: string | Buffer | ArrayBuffer) => (typeof body === 'string' ? Buffer.from(body) : Buffer.isBuffer(body) ? body : Buffer.from(body))

/**
 * Serialized GET /users/ pages, per organization and validated query string. The answer
 * does not depend on who asks, once the route's permission check (which runs on every
 * request, before this) has passed: no field or filter of the list varies with the caller.
 *
 * Freshness comes from PostgreSQL, not from the code that writes: triggers NOTIFY after
 * every committed write to users, user_roles, roles or organizations (any process: this
 * server, another instance, a CLI command, plain SQL), and the organization's pages are
 * dropped on arrival. While the listening connection is down, nothing is served or stored
 * (a notification sent then is lost); when it is back, everything is dropped first. A
 * write through this instance also drops every page here before it answers
 * (`droppedByLocalWrite`), so its caller reads its own write without waiting for the
 * notification's trip.
 */
export class UserPageCache {
  private readonly pages: TaggedCache<Buffer>
  /** Reads in progress, shared by the requests for the same page that arrive meanwhile (until an invalidation). */
  private readonly loads = new Map<string, Promise<Buffer>>()
  private live = false
  private stop: (() => Promise<void>) | undefined

  constructor(ttlMs: number) {
    this.pages = new TaggedCache<Buffer>(ttlMs, MAX_PAGES)
  }

  async start(database: Database): Promise<void> {
    this.stop = await database.listen(CHANNEL, {
      onMessage: (payload) => this.drop([payload === '*' ? tags.everything : tags.usersList(payload)]),
      onLive: (live) => {
        this.live = live
        this.drop([tags.everything])
      },
    })
  }

  /** Listening: pages are served and stored. */
  get isLive(): boolean {
    return this.live
  }

  async close(): Promise<void> {
    await this.stop?.()
  }

  /** The page's JSON, from the cache or from `serialize()` (stored when the feed is live and it fits). */
  async getOrLoad(organizationId: string, queryKey: string, serialize: () => Promise<string | Buffer | ArrayBuffer>): Promise<Buffer> {
    const key = `${organizationId}\n${queryKey}`
    if (!this.live) return toBuffer(await serialize())
    const hit = this.pages.get(key)
    if (hit) return hit
    // Ten requests that miss together read the page once: under writes a page is read again after each one, not ten times.
    let load = this.loads.get(key)
    if (!load) {
      const started = this.pages.getOrLoad(key, async () => {
        const value = toBuffer(await serialize())
        // ttlMs 0 stores nothing; a feed lost meanwhile has already moved the generation on, which stores nothing either.
        return { value, tags: [tags.usersList(organizationId)], ttlMs: value.length > MAX_PAGE_BYTES ? 0 : undefined }
      })
      const forget = () => { if (this.loads.get(key) === started) this.loads.delete(key) }
      started.then(forget, forget)
      this.loads.set(key, (load = started))
    }
    return load
  }

  /** After a write through this instance committed (user and organization tags): see the class comment. */
  droppedByLocalWrite(published: string[]): void {
    if (published.some(changesUsersList)) this.drop([tags.everything])
  }

  /** A request arriving after an invalidation never joins a read that began before it. */
  private drop(dropped: string[]): void {
    this.pages.invalidate(dropped)
    this.loads.clear()
  }
}
